import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { sessionTokenFrom } from '../test/api-harness.ts';
import { useApiWorld } from '../test/fixtures.ts';
import { startApi } from '../test/api-harness.ts';
import {
  ACCOUNT_WINDOW_MS,
  ATTEMPT_WINDOW_MS,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
} from './attempt-limiter.ts';

describeEachDatabase('signing in and out', (database) => {
  const context = useApiWorld(database);
  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    context.api.request('POST', '/api/auth/sign-in', { body: { username, password }, headers });

  it('signs in with a right password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await signIn('vanphong.xamot', context.world.password);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      account: { role: 'secretariat', organisationId: context.world.communeId },
    });
    const cookie = response.setCookie[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const me = await context.api.request('GET', '/api/auth/me', {
      token: sessionTokenFrom(response.setCookie) ?? null,
    });
    expect(me.body).toMatchObject({ account: { displayName: 'vanphong.xamot' } });
  });

  it('marks the cookie Secure when the page came over https through a proxy', async () => {
    const response = await signIn('vanphong.xamot', context.world.password, {
      'x-forwarded-proto': 'https',
    });
    expect(response.setCookie[0]).toMatch(/Secure/);
  });

  it('answers an unknown username exactly as a wrong password', async () => {
    const wrong = await signIn('khachmoi', 'sai-mật-khẩu');
    const unknown = await signIn('khong.ai.ca', 'sai-mật-khẩu');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      code: 'invalid_credentials',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    expect(wrong.setCookie).toEqual([]);
  });

  it(`refuses an account after ${MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS} wrong passwords from one address, even the right one, until the window passes`, async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) {
      expect((await signIn('theodoi.tinh', `đoán-${attempt}`)).status).toBe(401);
    }
    const limited = await signIn('theodoi.tinh', context.world.password);
    expect(limited.status).toBe(429);
    expect((limited.body as { code: string }).code).toBe('rate_limited');
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    expect((await signIn('theodoi.tinh', context.world.password)).status).toBe(200);
  });

  it(`I4 a stranger's guesses never lock the hall out: after ${MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS} from one address that address alone waits, and refusals do not renew the wait`, async () => {
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    const stranger = { 'x-forwarded-for': '203.0.113.9' };
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) {
      expect((await signIn('khachmoi', `đoán-${attempt}`, stranger)).status).toBe(401);
    }
    // Twenty more from the stranger: each refused, none checked, none counted.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect((await signIn('khachmoi', `thêm-${attempt}`, stranger)).status).toBe(429);
    }
    // The hall, and anyone else, signs in as ever.
    expect((await signIn('khachmoi', context.world.password)).status).toBe(200);
    expect(
      (await signIn('khachmoi', context.world.password, { 'x-forwarded-for': '192.0.2.50' }))
        .status,
    ).toBe(200);
    // The stranger waits the window from their own failures, not from their last refusal.
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    expect((await signIn('khachmoi', 'lại-đoán', stranger)).status).toBe(401);
  });

  it(`I4 after ${MAX_FAILURES_PER_ACCOUNT} failures spread over many addresses in an hour, only new addresses wait: the hall's address and a signed-in tablet do not`, async () => {
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    // The hall has signed in to the account before, from its router's address.
    expect((await signIn('vanphong.xamot', context.world.password)).status).toBe(200);
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1) {
      await signIn('vanphong.xamot', `đoán-${attempt}`, {
        'x-forwarded-for': `198.51.${Math.floor(attempt / 200)}.${attempt % 200}`,
      });
    }
    const newcomer = { 'x-forwarded-for': '192.0.2.77' };
    expect((await signIn('vanphong.xamot', context.world.password, newcomer)).status).toBe(429);
    expect((await signIn('vanphong.xamot', context.world.password)).status).toBe(200);
    // A device already signed in (a paired tablet, a browser) is never held back by it.
    const tablet = await context.api.request('POST', '/api/auth/sign-in', {
      body: { username: 'vanphong.xamot', password: context.world.password },
      token: context.world.tokens.delegate,
      headers: { 'x-forwarded-for': '192.0.2.78' },
    });
    expect(tablet.status).toBe(200);
    context.api.advance(ACCOUNT_WINDOW_MS + 1000);
    expect((await signIn('vanphong.xamot', context.world.password, newcomer)).status).toBe(200);
  });

  it('I4 counts an address at the start of each attempt: of 120 sent at once, no more than the limit are checked', async () => {
    context.api.advance(ACCOUNT_WINDOW_MS + 1000);
    const crowd = { 'x-forwarded-for': '203.0.113.120' };
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, attempt) => signIn(`ai.do.${attempt}`, 'sai', crowd)),
    );
    const checked = answers.filter((response) => response.status === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(answers.filter((response) => response.status === 429)).toHaveLength(120 - checked);
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
  });

  it('I4 keeps no name that no account has: not in the attempts, not in the audit log', async () => {
    const typed = 'MatKhau-Go-Nham-O-Ten-42';
    expect((await signIn(typed, 'gì-cũng-được')).status).toBe(401);
    expect((await signIn('vanphong.xamot', 'sai-roi')).status).toBe(401);
    const everything = JSON.stringify([
      await database.handle().db.select().from(schema.signInAttempts),
      await database.handle().db.select().from(schema.auditEvents),
    ]);
    expect(everything.toLowerCase()).not.toContain(typed.toLowerCase());
    // A wrong password for a real account is in the commune's audit log, by the account.
    expect(everything).toContain('vanphong.xamot');
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
  });

  it('lets no burst of parallel guesses at one account past the limit', async () => {
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        signIn('theodoi.tinhkhac', `song-song-${attempt}`),
      ),
    );
    const checked = answers.filter((response) => response.status === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(answers.filter((response) => response.status === 429).length).toBe(20 - checked);
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
  });

  it('lets a hall sign in many accounts at once from one address', async () => {
    const answers = await Promise.all(
      ['vanphong.xamot', 'khachmoi', 'theodoi.tinh', 'quantri'].map((username) =>
        signIn(username, context.world.password),
      ),
    );
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });

  it(`refuses an address after ${MAX_FAILURES_PER_ADDRESS} wrong passwords across accounts`, async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ADDRESS; attempt += 1) {
      await signIn(`doan.${attempt}`, 'sai');
    }
    expect((await signIn('vanphong.xamot', context.world.password)).status).toBe(429);
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    expect((await signIn('vanphong.xamot', context.world.password)).status).toBe(200);
  });

  it('signs out this device, and everywhere', async () => {
    const first =
      sessionTokenFrom((await signIn('khachmoi', context.world.password)).setCookie) ?? null;
    const second =
      sessionTokenFrom((await signIn('khachmoi', context.world.password)).setCookie) ?? null;
    const out = await context.api.request('POST', '/api/auth/sign-out', { token: first });
    expect(out.status).toBe(204);
    expect(out.setCookie[0]).toMatch(/Max-Age=0/);
    expect((await context.api.request('GET', '/api/auth/me', { token: first })).status).toBe(401);
    expect((await context.api.request('GET', '/api/auth/me', { token: second })).status).toBe(200);

    const third =
      sessionTokenFrom((await signIn('khachmoi', context.world.password)).setCookie) ?? null;
    const [account] = await database
      .handle()
      .db.select()
      .from(schema.accounts)
      .where(eq(schema.accounts.username, 'khachmoi'));
    const live = await database
      .handle()
      .db.select()
      .from(schema.sessions)
      .where(eq(schema.sessions.accountId, account?.id ?? ''));
    const everywhere = await context.api.request('POST', '/api/auth/sign-out-everywhere', {
      token: third,
    });
    expect(everywhere.body).toEqual({ signedOut: live.length });
    expect((await context.api.request('GET', '/api/auth/me', { token: second })).status).toBe(401);
    expect((await context.api.request('POST', '/api/auth/sign-out-everywhere', {})).status).toBe(
      401,
    );
  });

  it('refuses a state-changing request from another origin, or with none, before anything runs', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }]) {
      const response = await context.api.request('POST', '/api/auth/sign-in', {
        body: { username: 'vanphong.xamot', password: context.world.password },
        headers,
      });
      expect(response.status).toBe(403);
      expect((response.body as { code: string }).code).toBe('bad_origin');
      expect(response.setCookie).toEqual([]);
    }
    const noOrigin = await fetch(`${context.api.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vanphong.xamot', password: context.world.password }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it('writes the sign-ins to the audit log and no password or token to any log line', async () => {
    const response = await signIn('vanphong.xamot', context.world.password);
    const token = sessionTokenFrom(response.setCookie) ?? '';
    const audit = await context.api.request(
      'GET',
      `/api/organisations/${context.world.communeId}/audit`,
      {
        token,
      },
    );
    const actions = (audit.body as { events: { action: string }[] }).events.map(
      (event) => event.action,
    );
    expect(actions).toContain('auth.sign_in');
    const logs = context.api.logLines.join('\n');
    expect(logs).not.toContain(context.world.password);
    expect(logs).not.toContain(token);
  });

  it('I4 without trusted proxies (TRUST_PROXY=0) reads no forwarded header: no Secure from X-Forwarded-Proto, no host from X-Forwarded-Host', async () => {
    const direct = await startApi(database.handle().db, context.api.now(), 0);
    try {
      const viaProto = await direct.request('POST', '/api/auth/sign-in', {
        body: { username: 'vanphong.xamot', password: context.world.password },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaProto.status).toBe(200);
      expect(viaProto.setCookie[0]).not.toMatch(/Secure/);
      const viaHost = await direct.request('POST', '/api/auth/sign-in', {
        body: { username: 'vanphong.xamot', password: context.world.password },
        headers: { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      });
      expect(viaHost.status).toBe(403);
      // Behind a trusted proxy the same headers count.
      const proxied = await context.api.request('POST', '/api/auth/sign-in', {
        body: { username: 'vanphong.xamot', password: context.world.password },
        headers: { origin: 'https://hop.example.vn', 'x-forwarded-host': 'hop.example.vn' },
      });
      expect(proxied.status).toBe(200);
    } finally {
      await direct.close();
    }
  });
});

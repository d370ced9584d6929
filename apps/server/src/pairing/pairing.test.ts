import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { PAIRING_CODE_LIFETIME_MS, formatPairingCode } from '@hopxa/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ATTEMPT_WINDOW_MS, MAX_PAIRING_FAILURES_PER_ADDRESS } from '../auth/attempt-limiter.ts';
import { hashSecret } from '../auth/session-token.ts';
import { sessionTokenFrom } from '../test/api-harness.ts';
import { useApiWorld } from '../test/fixtures.ts';

type Code = { id: string; code: string; expiresAt: string; fullName: string };
type Tablets = {
  tablets: { pairingId: string; status: string; delegate: string; deviceLabel: string | null }[];
};

describeEachDatabase('pairing a tablet with a delegate', (database) => {
  const context = useApiWorld(database);
  const db = () => database.handle().db;

  const makeCode = async () => {
    const response = await context.api.request(
      'POST',
      `/api/bodies/${context.world.councilId}/members/${context.world.delegatePersonId}/pairing-codes`,
      { token: context.world.tokens.secretariat },
    );
    expect(response.status).toBe(201);
    return response.body as Code;
  };
  const redeem = (code: string, deviceLabel?: string) =>
    context.api.request('POST', '/api/pairing/redeem', {
      body: { code, ...(deviceLabel && { deviceLabel }) },
    });
  const tablets = async () =>
    (
      await context.api.request('GET', `/api/organisations/${context.world.communeId}/tablets`, {
        token: context.world.tokens.secretariat,
      })
    ).body as Tablets;

  it('gives the tablet that opens a fresh code the delegate’s session, once', async () => {
    const made = await makeCode();
    expect(made.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(made.fullName).toBe('Đại Biểu Một');
    expect(new Date(made.expiresAt).getTime() - context.api.now().getTime()).toBe(
      PAIRING_CODE_LIFETIME_MS,
    );

    // Typed by hand, in lower case with its dash, it still works.
    const first = await redeem(formatPairingCode(made.code).toLowerCase(), 'Máy tính bảng số 7');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      account: { role: 'delegate', personId: context.world.delegatePersonId, tablet: true },
    });
    const token = sessionTokenFrom(first.setCookie) ?? null;
    const me = await context.api.request('GET', '/api/auth/me', { token });
    // The browser knows it is a paired tablet: its screens keep signing out out of the way.
    expect(me.body).toMatchObject({ account: { displayName: 'Đại Biểu Một', tablet: true } });
    const office = await context.api.request('GET', '/api/auth/me', {
      token: context.world.tokens.secretariat,
    });
    expect(office.body).toMatchObject({ account: { tablet: false } });

    const second = await redeem(made.code);
    expect(second.status).toBe(400);
    expect((second.body as { code: string }).code).toBe('pairing_code_invalid');
    expect((await tablets()).tablets).toContainEqual(
      expect.objectContaining({
        pairingId: made.id,
        status: 'paired',
        deviceLabel: 'Máy tính bảng số 7',
      }),
    );
  });

  it('stores the code only as its hash', async () => {
    const made = await makeCode();
    const [row] = await db()
      .select()
      .from(schema.pairingCodes)
      .where(eq(schema.pairingCodes.id, made.id));
    expect(row?.codeHash).toBe(hashSecret(made.code));
    expect(JSON.stringify(row)).not.toContain(made.code);
  });

  it('expires ten minutes after it was made', async () => {
    const made = await makeCode();
    expect((await tablets()).tablets).toContainEqual(
      expect.objectContaining({ pairingId: made.id, status: 'waiting' }),
    );
    context.api.advance(PAIRING_CODE_LIFETIME_MS);
    expect((await redeem(made.code)).status).toBe(400);
    expect((await tablets()).tablets.map((tablet) => tablet.pairingId)).not.toContain(made.id);
  });

  it('can be revoked before use, and a paired tablet can be signed out by the secretariat', async () => {
    const waiting = await makeCode();
    const revokeWaiting = await context.api.request(
      'DELETE',
      `/api/organisations/${context.world.communeId}/tablets/${waiting.id}`,
      { token: context.world.tokens.secretariat },
    );
    expect(revokeWaiting.status).toBe(204);
    expect((await redeem(waiting.code)).status).toBe(400);

    const used = await makeCode();
    const token = sessionTokenFrom((await redeem(used.code)).setCookie) ?? null;
    expect((await context.api.request('GET', '/api/auth/me', { token })).status).toBe(200);
    await context.api.request(
      'DELETE',
      `/api/organisations/${context.world.communeId}/tablets/${used.id}`,
      {
        token: context.world.tokens.secretariat,
      },
    );
    expect((await context.api.request('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await tablets()).tablets.map((tablet) => tablet.pairingId)).not.toContain(used.id);

    const again = await context.api.request(
      'DELETE',
      `/api/organisations/${context.world.communeId}/tablets/${used.id}`,
      {
        token: context.world.tokens.secretariat,
      },
    );
    expect(again.status).toBe(404);
  });

  it('never pairs a tablet with a staff account, nor with a member whose term has ended', async () => {
    const [staff] = await db()
      .insert(schema.people)
      .values({ fullName: 'Cán Bộ Văn Phòng' })
      .returning();
    await db()
      .insert(schema.memberships)
      .values({
        personId: staff?.id ?? '',
        bodyId: context.world.councilId,
        startsOn: '2025-07-01',
      });
    await db()
      .insert(schema.accounts)
      .values({
        role: 'secretariat',
        username: 'canbo.vanphong',
        displayName: 'Cán Bộ',
        personId: staff?.id ?? '',
        organisationId: context.world.communeId,
      });
    const refused = await context.api.request(
      'POST',
      `/api/bodies/${context.world.councilId}/members/${staff?.id}/pairing-codes`,
      {
        token: context.world.tokens.secretariat,
      },
    );
    expect(refused.status).toBe(409);
    expect((refused.body as { code: string }).code).toBe('person_has_staff_account');

    const [former] = await db()
      .insert(schema.people)
      .values({ fullName: 'Đại Biểu Cũ' })
      .returning();
    await db()
      .insert(schema.memberships)
      .values({
        personId: former?.id ?? '',
        bodyId: context.world.councilId,
        startsOn: '2021-07-01',
        endsOn: '2025-06-30',
      });
    const ended = await context.api.request(
      'POST',
      `/api/bodies/${context.world.councilId}/members/${former?.id}/pairing-codes`,
      {
        token: context.world.tokens.secretariat,
      },
    );
    expect(ended.status).toBe(404);
  });

  it('refuses a person who is not a member of the body', async () => {
    const response = await context.api.request(
      'POST',
      `/api/bodies/${context.world.committeeId}/members/${context.world.delegatePersonId}/pairing-codes`,
      { token: context.world.tokens.secretariat },
    );
    expect(response.status).toBe(404);
    expect((response.body as { code: string }).code).toBe('not_a_member');
  });

  it("P4 pairs a hall display that shows the commune's meetings and can do nothing else", async () => {
    const makeDisplayCode = async () => {
      const response = await context.api.request(
        'POST',
        `/api/organisations/${context.world.communeId}/hall-display-codes`,
        { token: context.world.tokens.secretariat },
      );
      expect(response.status).toBe(201);
      return response.body as Code;
    };
    const made = await makeDisplayCode();
    expect(made.fullName).toBe('Màn hình hội trường');
    const paired = await redeem(made.code, 'Máy chiếu hội trường');
    expect(paired.status).toBe(200);
    expect(paired.body).toMatchObject({ account: { role: 'hall_display', tablet: true } });
    const token = sessionTokenFrom(paired.setCookie) ?? null;

    const meeting = await context.api.request('GET', `/api/meetings/${context.world.meetingId}`, {
      token,
    });
    expect(meeting.status).toBe(200);
    const mine = await context.api.request('GET', '/api/my/meetings', { token });
    expect((mine.body as { meetings: { id: string }[] }).meetings.map(({ id }) => id)).toContain(
      context.world.meetingId,
    );
    // Nothing of the secretariat's: no setup, no tablets, no audit.
    for (const path of ['tablets', 'audit', 'setup']) {
      const refused = await context.api.request(
        'GET',
        `/api/organisations/${context.world.communeId}/${path}`,
        { token },
      );
      expect(refused.status).toBe(403);
    }
    // The secretariat sees it among the paired devices, and a second display shares its account.
    expect((await tablets()).tablets).toContainEqual(
      expect.objectContaining({
        delegate: 'Màn hình hội trường',
        status: 'paired',
        deviceLabel: 'Máy chiếu hội trường',
      }),
    );
    const second = await redeem((await makeDisplayCode()).code);
    expect(second.body).toEqual(paired.body);
  });

  it(`stops guessing after ${MAX_PAIRING_FAILURES_PER_ADDRESS} wrong codes from one address`, async () => {
    context.api.advance(ATTEMPT_WINDOW_MS); // forget the failures of the tests before
    const made = await makeCode();
    for (let attempt = 0; attempt < MAX_PAIRING_FAILURES_PER_ADDRESS; attempt += 1) {
      expect((await redeem('AAAA-AAAA')).status).toBe(400);
    }
    const limited = await redeem(made.code);
    expect(limited.status).toBe(429);
    expect((limited.body as { code: string }).code).toBe('rate_limited');
  });

  it(`I4 counts each guess as it starts: of 80 sent at once from one address, no more than ${MAX_PAIRING_FAILURES_PER_ADDRESS} are checked`, async () => {
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
    const answers = await Promise.all(Array.from({ length: 80 }, () => redeem('AAAA-AAAA')));
    const checked = answers.filter((response) => response.status === 400).length;
    expect(checked).toBeLessThanOrEqual(MAX_PAIRING_FAILURES_PER_ADDRESS);
    expect(answers.filter((response) => response.status === 429)).toHaveLength(80 - checked);
    context.api.advance(ATTEMPT_WINDOW_MS + 1000);
  });

  it('records pairing, use and revocation in the audit log, and no code or token in any log line', async () => {
    const audit = await context.api.request(
      'GET',
      `/api/organisations/${context.world.communeId}/audit`,
      {
        token: context.world.tokens.secretariat,
      },
    );
    const events = (audit.body as { events: { action: string; detail: unknown }[] }).events;
    const actions = new Set(events.map((event) => event.action));
    for (const action of ['pairing.create', 'pairing.redeem', 'pairing.revoke'])
      expect(actions).toContain(action);
    const codes = await db()
      .select({ hash: schema.pairingCodes.codeHash })
      .from(schema.pairingCodes);
    const logs = context.api.logLines.join('\n') + JSON.stringify(events);
    for (const { hash } of codes) expect(logs).not.toContain(hash);
    expect(logs).not.toMatch(/"code":"[A-Z0-9]{8}"/);
  });
});

import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { PROVINCE_ACTIONS } from '@hopxa/domain';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { ENDPOINTS, routeOf, type Endpoint } from './test/endpoints.ts';
import { useApiWorld } from './test/fixtures.ts';

describeEachDatabase('bad input to every API command', (database) => {
  const context = useApiWorld(database);
  const db = () => database.handle().db;
  /** Someone allowed to call it: the province's administrator for the province's commands. */
  const tokenFor = (endpoint: Endpoint) =>
    (PROVINCE_ACTIONS as readonly string[]).includes(endpoint.needs)
      ? context.world.provinceTokens.provinceAdmin
      : context.world.tokens.secretariat;
  /** Row counts of every table a command could change, to show a refusal changed nothing. */
  const snapshot = async () =>
    Promise.all(
      [
        schema.bodies,
        schema.people,
        schema.memberships,
        schema.meetings,
        schema.agendaItems,
        schema.meetingRoles,
        schema.pairingCodes,
        schema.accounts,
        schema.auditEvents,
      ].map(async (table) => (await db().select({ n: count() }).from(table))[0]?.n),
    );

  for (const endpoint of ENDPOINTS.filter((candidate) => candidate.badBodies)) {
    it(`${routeOf(endpoint)} refuses each malformed body with 400 invalid_input and changes nothing`, async () => {
      for (const body of endpoint.badBodies ?? []) {
        const before = await snapshot();
        const response = await context.api.request(endpoint.method, endpoint.path(context.world), {
          token: tokenFor(endpoint),
          body,
        });
        expect(response.status, JSON.stringify(body)).toBe(400);
        const error = response.body as { code: string; message: string; issues: unknown[] };
        expect(error.code).toBe('invalid_input');
        expect(error.issues.length).toBeGreaterThan(0);
        // W2: each problem names the field as the screen does, in a sentence a secretary
        // understands; never a validator's own words.
        for (const issue of error.issues as { path: string; message: string }[]) {
          if (issue.path) {
            expect(issue.message, JSON.stringify(body)).toMatch(/^[^:]+: \S/);
            // Named as the screen names it, never by the API's own field name.
            expect(issue.message.split(':')[0], JSON.stringify(body)).not.toBe(issue.path);
          }
          expect(issue.message, JSON.stringify(body)).not.toMatch(
            /mong đợi|quá nhỏ|quá lớn|expected|string|number|undefined|invalid|NaN/i,
          );
        }
        expect(await snapshot()).toEqual(before);
      }
    });

    it(`${routeOf(endpoint)} refuses a body that is not JSON with 400 bad_request`, async () => {
      const response = await context.api.request(endpoint.method, endpoint.path(context.world), {
        token: tokenFor(endpoint),
        body: '{"half": ',
      });
      expect(response.status).toBe(400);
      expect((response.body as { code: string }).code).toBe('bad_request');
    });
  }

  it.each([
    [
      '/api/auth/sign-in',
      [{}, { username: 'a' }, { username: '', password: 'x' }, { username: 'a', password: 5 }],
    ],
    ['/api/pairing/redeem', [{}, { code: 42 }, { code: '' }, { code: 'x'.repeat(100) }]],
  ])('POST %s refuses each malformed body with 400 invalid_input', async (path, bodies) => {
    for (const body of bodies) {
      const response = await context.api.request('POST', path, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((response.body as { code: string }).code).toBe('invalid_input');
      expect(response.setCookie).toEqual([]);
    }
  });

  it('answers a path id that is not an id with 404, not a database error', async () => {
    for (const path of [
      '/api/bodies/1%27%20or%201=1/members',
      '/api/meetings/abc',
      '/api/organisations/../setup',
    ]) {
      const response = await context.api.request('GET', path, {
        token: context.world.tokens.secretariat,
      });
      expect(response.status, path).toBe(404);
    }
  });

  it('explains field problems in Vietnamese, or in English when the caller asks for it', async () => {
    const path = `/api/organisations/${context.world.communeId}/bodies`;
    const body = { kind: 'peoples_council', name: 'Hội đồng', statutorySize: 0 };
    const vietnamese = await context.api.request('POST', path, {
      token: context.world.tokens.secretariat,
      body,
    });
    const english = await context.api.request('POST', path, {
      token: context.world.tokens.secretariat,
      body,
      headers: { 'accept-language': 'en' },
    });
    expect((vietnamese.body as { message: string }).message).toBe(
      'Thông tin chưa hợp lệ: sửa các ô được đánh dấu rồi gửi lại.',
    );
    expect((english.body as { message: string }).message).toBe(
      'Some details are not valid: correct the marked fields and send again.',
    );
    expect(JSON.stringify(vietnamese.body)).toMatch(/statutorySize/);
  });

  /** Texts no field takes: each would fail at the database, or mislead whoever reads it. */
  const BAD_TEXTS = [
    'Lò\u0000Mai',
    'Chuông\u0007',
    'Lò\nMai',
    '\uD800',
    'x\uDC00y',
    '\u200B\u200B',
    'Lò \u202EMai',
  ];

  for (const endpoint of ENDPOINTS.filter((candidate) => candidate.body)) {
    it(`${routeOf(endpoint)} refuses control characters, half characters, direction overrides and invisible names in every text`, async () => {
      const valid = endpoint.body?.(context.world) as Record<string, unknown>;
      const texts = Object.keys(valid).filter(
        (key) => typeof valid[key] === 'string' && key !== 'csv',
      );
      for (const key of texts) {
        const paragraph = endpoint.multiline?.includes(key) ?? false;
        for (const text of BAD_TEXTS.filter((bad) => !paragraph || !bad.includes('\n'))) {
          const before = await snapshot();
          const response = await context.api.request(
            endpoint.method,
            endpoint.path(context.world),
            {
              token: tokenFor(endpoint),
              body: { ...valid, [key]: text },
            },
          );
          expect(response.status, `${key}: ${JSON.stringify(text)}`).toBe(400);
          expect((response.body as { code: string }).code).toBe('invalid_input');
          expect(await snapshot()).toEqual(before);
        }
      }
    });
  }

  it('a member list holds to the same limits as the form: a 120,000-character name or a control character is a problem, and nothing is written', async () => {
    const path = `/api/bodies/${context.world.councilId}/members/import`;
    const csv = `Họ và tên,Chức vụ\n${'A'.repeat(120_000)},\nLò\u0000Mai,\nHà Thị Lan,Trưởng\u202Ethôn\n`;
    const before = await snapshot();
    const preview = await context.api.request('POST', path, {
      token: context.world.tokens.secretariat,
      body: { csv, commit: false },
    });
    expect(preview.status).toBe(200);
    const rows = (preview.body as { rows: { problems: string[] }[] }).rows;
    expect(rows.map((row) => row.problems.length)).toEqual([1, 1, 1]);
    expect(rows[0]?.problems[0]).toMatch(/dài quá 200/);
    expect(rows[1]?.problems[0]).toMatch(/ký tự điều khiển/);
    expect(rows[2]?.problems[0]).toMatch(/đảo chiều/);
    const committed = await context.api.request('POST', path, {
      token: context.world.tokens.secretariat,
      body: { csv, commit: true },
    });
    expect(committed.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400, never 500, to a body marked gzip that is not gzip, or in a charset it cannot read', async () => {
    const path = `/api/organisations/${context.world.communeId}/bodies`;
    const cases: Record<string, string>[] = [
      { 'content-encoding': 'gzip' },
      { 'content-encoding': 'br, zstd, whatever' },
      { 'content-type': 'application/json; charset=klingon' },
    ];
    for (const headers of cases) {
      const response = await context.api.request('POST', path, {
        token: context.world.tokens.secretariat,
        body: { kind: 'peoples_council', name: 'Hội đồng', statutorySize: 5 },
        headers,
      });
      expect(response.status, JSON.stringify(headers)).toBe(400);
      expect((response.body as { code: string }).code).toBe('bad_request');
    }
  });
});

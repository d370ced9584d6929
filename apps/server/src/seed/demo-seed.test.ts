import { createDatabase, schema } from '@hopxa/db';
import { FIRST_MEETING_TEMPLATES } from '@hopxa/domain';
import { describeEachDatabase } from '@hopxa/db/testing';
import { verify } from '@node-rs/argon2';
import { and, asc, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import {
  DEMO_ACCOUNT,
  DEMO_BODIES,
  DEMO_COMMUNE,
  DEMO_FOLLOWER,
  DEMO_PROVINCE,
  DEMO_PROVINCE_ADMIN,
  DEMO_PROVINCE_FOLLOWER,
  demoBodies,
  demoPeopleNames,
} from './demo-commune.ts';
import { DEMO_OTHER_COMMUNES } from './demo-province.ts';
import { seedDemo } from './demo-seed.ts';
import { meetingStatus } from '../meetings/meeting-status.ts';

describeEachDatabase('the demo seed', (database) => {
  const db = () => database.handle().db;
  const commune = alias(schema.organisations, 'commune');
  /** The bodies of one commune, by its code, with their seats and members. */
  const bodiesOf = (code: string) =>
    db()
      .select({
        kind: schema.bodies.kind,
        name: schema.bodies.name,
        seats: schema.bodies.statutorySize,
        members: count(schema.memberships.id),
      })
      .from(schema.bodies)
      .innerJoin(commune, eq(commune.id, schema.bodies.organisationId))
      .leftJoin(schema.memberships, eq(schema.memberships.bodyId, schema.bodies.id))
      .where(eq(commune.code, code))
      .groupBy(schema.bodies.id)
      .orderBy(asc(schema.bodies.kind));
  const province = async () => {
    const [row] = await db()
      .select()
      .from(schema.organisations)
      .where(eq(schema.organisations.code, DEMO_PROVINCE.code));
    return row;
  };

  it('writes the ward once: a second run, or several at the same moment, write nothing more', async () => {
    expect(await seedDemo(db())).toBe(true);
    const before = await db().select({ n: count() }).from(schema.people);

    // Other server processes share a Postgres database and may start at the same moment;
    // PGlite has one process only (its data folder lock sees to that).
    const config = database.config();
    const other = config.driver === 'postgres' ? await createDatabase(config) : undefined;
    try {
      const runs = await Promise.all([seedDemo(db()), seedDemo((other ?? database.handle()).db)]);
      expect(runs).toEqual([false, false]);
    } finally {
      await other?.close();
    }
    expect(await db().select({ n: count() }).from(schema.people)).toEqual(before);
    expect(await db().select({ n: count() }).from(schema.organisations)).toEqual([
      { n: 2 + DEMO_OTHER_COMMUNES.length },
    ]);
  });

  it('gives the province of Thái Nguyên the ward of Sông Công with its four bodies, each full', async () => {
    const bodies = await bodiesOf(DEMO_COMMUNE.code);
    expect(bodies.map(({ name: _name, ...body }) => body)).toEqual([
      { kind: 'peoples_council', seats: 30, members: 30 },
      { kind: 'peoples_committee', seats: 9, members: 9 },
      { kind: 'party_executive_committee', seats: 33, members: 33 },
      { kind: 'fatherland_front_committee', seats: 45, members: 45 },
    ]);
    const [ward] = await db()
      .select()
      .from(schema.organisations)
      .where(eq(schema.organisations.code, DEMO_COMMUNE.code));
    expect(ward).toMatchObject({ name: 'Phường Sông Công', parentId: (await province())?.id });
  });

  it('gives the province about thirty more communes and wards by their real names, each with its four bodies full and no meeting', async () => {
    const communes = await db()
      .select({
        code: schema.organisations.code,
        name: schema.organisations.name,
        parentId: schema.organisations.parentId,
      })
      .from(schema.organisations)
      .where(eq(schema.organisations.kind, 'commune'))
      .orderBy(asc(schema.organisations.name));
    expect(communes).toHaveLength(30);
    const provinceId = (await province())?.id;
    expect(communes.every((row) => row.parentId === provinceId)).toBe(true);
    // The demo ward is the first the overview lists, by name.
    expect(communes[0]?.name).toBe(DEMO_COMMUNE.name);
    expect(communes.map((row) => row.name).sort()).toEqual(
      [DEMO_COMMUNE.name, ...DEMO_OTHER_COMMUNES].sort(),
    );
    expect(communes.find((row) => row.name === 'Xã Đức Lương')?.code).toBe('thai-nguyen/duc-luong');
    for (const name of DEMO_OTHER_COMMUNES) {
      expect(name).toMatch(/^(Xã|Phường) \p{Lu}/u);
      const code = communes.find((row) => row.name === name)?.code ?? '';
      expect(await bodiesOf(code), name).toEqual(
        demoBodies(name).map((body) => ({
          kind: body.kind,
          name: body.name,
          seats: body.statutorySize,
          members: body.statutorySize,
        })),
      );
    }
    expect(demoBodies('Xã Đức Lương').map((body) => body.name)).toEqual([
      'Hội đồng nhân dân xã Đức Lương',
      'Ủy ban nhân dân xã Đức Lương',
      'Ban Chấp hành Đảng bộ xã Đức Lương',
      'Ủy ban Mặt trận Tổ quốc Việt Nam xã Đức Lương',
    ]);
    const meetings = await db()
      .select({ code: commune.code })
      .from(schema.meetings)
      .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
      .innerJoin(commune, eq(commune.id, schema.bodies.organisationId));
    expect(new Set(meetings.map((row) => row.code))).toEqual(new Set([DEMO_COMMUNE.code]));
  });

  it('makes every draft first meeting follow its body template, item for item', async () => {
    const meetings = await db()
      .select({ id: schema.meetings.id, kind: schema.bodies.kind, status: meetingStatus })
      .from(schema.meetings)
      .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId));
    expect(meetings).toHaveLength(4);
    for (const meeting of meetings) {
      expect(meeting.status).toBe('draft');
      const rows = await db()
        .select()
        .from(schema.agendaItems)
        .where(eq(schema.agendaItems.meetingId, meeting.id))
        .orderBy(asc(schema.agendaItems.position));
      const outline = rows
        .filter((row) => row.parentId === null)
        .map((row) => [
          row.title,
          rows.filter((child) => child.parentId === row.id).map((child) => child.title),
        ]);
      const expected = FIRST_MEETING_TEMPLATES[meeting.kind].items.map((item) => [
        item.title.vi,
        (item.children ?? []).map((child) => child.title.vi),
      ]);
      expect(outline).toEqual(expected);
    }
  });

  it('uses fictional Vietnamese names written with their diacritics, distinct within each commune', async () => {
    const people = await db()
      .select({ name: schema.people.fullName, commune: commune.name })
      .from(schema.people)
      .innerJoin(schema.memberships, eq(schema.memberships.personId, schema.people.id))
      .innerJoin(schema.bodies, eq(schema.bodies.id, schema.memberships.bodyId))
      .innerJoin(commune, eq(commune.id, schema.bodies.organisationId));
    const names = people.map((row) => row.name);
    expect(names.every((name) => /^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u.test(name))).toBe(
      true,
    );
    expect(names.some((name) => /[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i.test(name))).toBe(true);
    for (const [index, name] of [DEMO_COMMUNE.name, ...DEMO_OTHER_COMMUNES].entries()) {
      const own = people.filter((row) => row.commune === name).map((row) => row.name);
      expect(new Set(own).size, name).toBe(own.length);
      // Every seeded person is one the fictional-name generator made, none typed in by hand.
      const generated = demoPeopleNames(demoBodies(name), index).flat();
      expect([...own].sort(), name).toEqual([...generated].sort());
    }
    // The demo ward keeps the people it always had: a demo is the same every time.
    expect(demoPeopleNames(DEMO_BODIES, 0).map((body) => body[0])).toEqual([
      'Nguyễn Hữu Vinh',
      'Bùi Minh Nam',
      'Nguyễn Hữu Bình',
      'Bùi Đức Bình',
    ]);
  });

  it('creates the secretariat demo account with only an argon2id hash of its password', async () => {
    const [account] = await db()
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.username, DEMO_ACCOUNT.username));
    expect(account?.role).toBe('secretariat');
    expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(account?.passwordHash).not.toContain(DEMO_ACCOUNT.password);
    expect(await verify(account?.passwordHash ?? '', DEMO_ACCOUNT.password)).toBe(true);
  });

  it("creates the province's connection point, a follower of the province", async () => {
    const [account] = await db()
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.username, DEMO_FOLLOWER.username));
    expect(account).toMatchObject({ role: 'follower', organisationId: (await province())?.id });
  });

  it("creates the province's administrator and the province office's follower, who sign in with the demo password", async () => {
    const provinceId = (await province())?.id;
    for (const [demo, role] of [
      [DEMO_PROVINCE_ADMIN, 'province_admin'],
      [DEMO_PROVINCE_FOLLOWER, 'follower'],
    ] as const) {
      const [account] = await db()
        .select()
        .from(schema.accounts)
        .where(
          and(
            eq(schema.accounts.username, demo.username),
            eq(schema.accounts.organisationId, provinceId ?? ''),
          ),
        );
      expect(account, demo.username).toMatchObject({ role, displayName: demo.displayName });
      expect(await verify(account?.passwordHash ?? '', demo.password)).toBe(true);
    }
  });
});

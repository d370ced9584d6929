import { createDatabase, schema } from '@hopxa/db';
import { FIRST_MEETING_TEMPLATES } from '@hopxa/domain';
import { describeEachDatabase } from '@hopxa/db/testing';
import { verify } from '@node-rs/argon2';
import { asc, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DEMO_ACCOUNT, DEMO_BODIES, DEMO_FOLLOWER } from './demo-commune.ts';
import { seedDemo } from './demo-seed.ts';
import { fictionalNames } from './fictional-names.ts';
import { meetingStatus } from '../meetings/meeting-status.ts';

describeEachDatabase('the demo seed', (database) => {
  const db = () => database.handle().db;

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
    expect(await db().select({ n: count() }).from(schema.organisations)).toEqual([{ n: 2 }]);
  });

  it('gives the province of Thái Nguyên the ward of Sông Công with its four bodies, each full', async () => {
    const bodies = await db()
      .select({
        kind: schema.bodies.kind,
        seats: schema.bodies.statutorySize,
        members: count(schema.memberships.id),
      })
      .from(schema.bodies)
      .leftJoin(schema.memberships, eq(schema.memberships.bodyId, schema.bodies.id))
      .groupBy(schema.bodies.id)
      .orderBy(asc(schema.bodies.kind));
    expect(bodies).toEqual([
      { kind: 'peoples_council', seats: 30, members: 30 },
      { kind: 'peoples_committee', seats: 9, members: 9 },
      { kind: 'party_executive_committee', seats: 33, members: 33 },
      { kind: 'fatherland_front_committee', seats: 45, members: 45 },
    ]);
    const ward = await db()
      .select()
      .from(schema.organisations)
      .where(eq(schema.organisations.kind, 'commune'));
    expect(ward.map((row) => row.name)).toEqual(['Phường Sông Công']);
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

  it('uses distinct, fictional Vietnamese names written with their diacritics', async () => {
    const names = (await db().select({ name: schema.people.fullName }).from(schema.people)).map(
      (row) => row.name,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u.test(name))).toBe(
      true,
    );
    expect(names.some((name) => /[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i.test(name))).toBe(true);
    // Every seeded person is one the fictional-name generator made, none typed in by hand.
    const taken = new Set<string>();
    const generated = DEMO_BODIES.flatMap((body, index) =>
      fictionalNames(body.statutorySize, index + 1, taken),
    );
    expect([...names].sort()).toEqual([...generated].sort());
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
    const [province] = await db()
      .select()
      .from(schema.organisations)
      .where(eq(schema.organisations.kind, 'province'));
    expect(account).toMatchObject({ role: 'follower', organisationId: province?.id });
  });
});

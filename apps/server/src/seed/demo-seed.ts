import { randomUUID } from 'node:crypto';
import { schema, type Database, type Transaction } from '@hopxa/db';
import { DEFAULT_BODY_RULES } from '@hopxa/domain';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import { createMeetingFromTemplate } from '../meetings/meeting.service.ts';
import {
  DEMO_ACCOUNT,
  DEMO_COMMUNE,
  DEMO_FOLLOWER,
  DEMO_PROVINCE,
  DEMO_PROVINCE_ADMIN,
  DEMO_PROVINCE_FOLLOWER,
  DEMO_TERM_START,
  demoBodies,
  demoPeopleNames,
} from './demo-commune.ts';
import { DEMO_OTHER_COMMUNES, demoCommuneCode } from './demo-province.ts';

const SEED_KEY = 'demo_seed';

/** A body as it is written: its rows, made here with their ids so they go in all at once. */
type SeededBody = {
  readonly row: typeof schema.bodies.$inferInsert & { id: string };
  readonly place: string;
  readonly people: (typeof schema.people.$inferInsert & { id: string })[];
  readonly memberships: (typeof schema.memberships.$inferInsert)[];
};

/** A commune's four bodies with their people, the leadership's posts held by the first. */
function seededBodies(communeId: string, communeName: string, communeIndex: number): SeededBody[] {
  const bodies = demoBodies(communeName);
  const names = demoPeopleNames(bodies, communeIndex);
  return bodies.map((body, bodyIndex) => {
    const bodyId = randomUUID();
    const people = (names[bodyIndex] ?? []).map((fullName, index) => ({
      id: randomUUID(),
      fullName,
      title: body.leadership[index]?.title ?? body.titles[index - body.leadership.length] ?? null,
    }));
    return {
      row: {
        id: bodyId,
        organisationId: communeId,
        kind: body.kind,
        name: body.name,
        statutorySize: body.statutorySize,
        rules: DEFAULT_BODY_RULES[body.kind],
      },
      place: body.place,
      people,
      memberships: people.map((person, index) => ({
        personId: person.id,
        bodyId,
        position: body.leadership[index]?.position ?? 'member',
        startsOn: DEMO_TERM_START,
      })),
    };
  });
}

/**
 * Writes the demo province once: the ward of Sông Công with its four bodies, their members
 * and draft first meetings and its secretariat; the province's other communes and wards with
 * their bodies and members; and the province's own accounts. The communes, their bodies,
 * people and memberships each go in one statement, thousands of rows at once rather than a
 * round trip each. The marker row and the data go in one transaction, so a crash leaves nothing
 * half-seeded and a second process starting at the same time waits on the marker's key and
 * then skips.
 *
 * @returns whether this call wrote the data.
 */
export async function seedDemo(db: Database): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_ACCOUNT.password);
  return db.transaction(async (tx) => {
    const marked = await tx
      .insert(schema.appMeta)
      .values({ key: SEED_KEY, value: { commune: DEMO_COMMUNE.code } })
      .onConflictDoNothing()
      .returning({ key: schema.appMeta.key });
    if (marked.length === 0) return false;

    const provinceId = randomUUID();
    await tx.insert(schema.organisations).values({
      id: provinceId,
      kind: 'province',
      code: DEMO_PROVINCE.code,
      name: DEMO_PROVINCE.name,
    });
    const commune = (code: string, name: string) => ({
      id: randomUUID(),
      kind: 'commune' as const,
      code,
      name,
      parentId: provinceId,
    });
    const ward = commune(DEMO_COMMUNE.code, DEMO_COMMUNE.name);
    const communes = [
      ward,
      ...DEMO_OTHER_COMMUNES.map((name) => commune(demoCommuneCode(name), name)),
    ];
    await tx.insert(schema.organisations).values(communes);
    const bodies = communes.flatMap((each, index) => seededBodies(each.id, each.name, index));
    await tx.insert(schema.bodies).values(bodies.map((body) => body.row));
    await insertPeople(tx, bodies);
    for (const body of bodies.filter((each) => each.row.organisationId === ward.id))
      await draftFirstMeeting(tx, body);

    const account = (
      role: 'secretariat' | 'follower' | 'province_admin',
      { username, displayName }: { username: string; displayName: string },
      organisationId: string,
    ) => ({ role, username, displayName, passwordHash, organisationId });
    await tx
      .insert(schema.accounts)
      .values([
        account('secretariat', DEMO_ACCOUNT, ward.id),
        account('follower', DEMO_FOLLOWER, provinceId),
        account('province_admin', DEMO_PROVINCE_ADMIN, provinceId),
        account('follower', DEMO_PROVINCE_FOLLOWER, provinceId),
      ]);
    return true;
  });
}

/**
 * Every body's people and memberships, each table in one statement with one parameter: for
 * the thousands of a province, drizzle's multi-row insert (a parameter per value) took
 * seconds to build and send, where the database reads the same rows from JSON at once.
 */
async function insertPeople(tx: Transaction, bodies: readonly SeededBody[]): Promise<void> {
  const people = bodies.flatMap((body) => body.people);
  const memberships = bodies.flatMap((body) => body.memberships);
  await tx.execute(sql`
    insert into ${schema.people} (id, full_name, title)
    select p.id, p."fullName", p.title
    from jsonb_to_recordset(${JSON.stringify(people)}::jsonb)
      as p(id uuid, "fullName" text, title text)`);
  await tx.execute(sql`
    insert into ${schema.memberships} (person_id, body_id, position, starts_on)
    select m."personId", m."bodyId", m.position, m."startsOn"
    from jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb)
      as m("personId" uuid, "bodyId" uuid, position membership_position, "startsOn" date)`);
}

/**
 * The demo ward's body's first meeting, a draft from its template: the first member presides
 * (the chair, or the convener of a first session); the last two keep the record.
 */
async function draftFirstMeeting(tx: Transaction, body: SeededBody): Promise<void> {
  await createMeetingFromTemplate(tx, {
    body: { id: body.row.id, kind: body.row.kind, name: body.row.name },
    place: body.place,
    startsAt: null,
    presidingOfficerId: body.people[0]?.id ?? '',
    secretaryIds: body.people.slice(-2).map((person) => person.id),
    today: DEMO_TERM_START,
  });
}

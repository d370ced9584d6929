import { schema, type Database, type Transaction } from '@hopxa/db';
import { DEFAULT_BODY_RULES } from '@hopxa/domain';
import { hashPassword } from '../auth/password.ts';
import { createMeetingFromTemplate } from '../meetings/meeting.service.ts';
import {
  DEMO_ACCOUNT,
  DEMO_FOLLOWER,
  DEMO_BODIES,
  DEMO_COMMUNE,
  DEMO_PROVINCE,
  DEMO_TERM_START,
} from './demo-commune.ts';
import { fictionalNames } from './fictional-names.ts';

const SEED_KEY = 'demo_seed';

/**
 * Writes the demo ward once. The marker row and the data go in one transaction, so a crash
 * leaves nothing half-seeded and a second process starting at the same time waits on the
 * marker's key and then skips.
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

    const [province] = await tx
      .insert(schema.organisations)
      .values({ kind: 'province', code: DEMO_PROVINCE.code, name: DEMO_PROVINCE.name })
      .returning({ id: schema.organisations.id });
    const [commune] = await tx
      .insert(schema.organisations)
      .values({
        kind: 'commune',
        code: DEMO_COMMUNE.code,
        name: DEMO_COMMUNE.name,
        parentId: required(province).id,
      })
      .returning({ id: schema.organisations.id });
    const communeId = required(commune).id;

    const takenNames = new Set<string>();
    for (const [index, body] of DEMO_BODIES.entries()) {
      await seedBody(
        tx,
        communeId,
        body,
        fictionalNames(body.statutorySize, index + 1, takenNames),
      );
    }

    await tx.insert(schema.accounts).values([
      {
        username: DEMO_ACCOUNT.username,
        passwordHash,
        role: 'secretariat',
        displayName: DEMO_ACCOUNT.displayName,
        organisationId: communeId,
      },
      {
        username: DEMO_FOLLOWER.username,
        passwordHash,
        role: 'follower',
        displayName: DEMO_FOLLOWER.displayName,
        organisationId: required(province).id,
      },
    ]);
    return true;
  });
}

async function seedBody(
  tx: Transaction,
  communeId: string,
  body: (typeof DEMO_BODIES)[number],
  names: string[],
): Promise<void> {
  const [row] = await tx
    .insert(schema.bodies)
    .values({
      organisationId: communeId,
      kind: body.kind,
      name: body.name,
      statutorySize: body.statutorySize,
      rules: DEFAULT_BODY_RULES[body.kind],
    })
    .returning({ id: schema.bodies.id, kind: schema.bodies.kind, name: schema.bodies.name });
  const created = required(row);

  const people = await tx
    .insert(schema.people)
    .values(
      names.map((fullName, index) => ({
        fullName,
        title: body.leadership[index]?.title ?? body.titles[index - body.leadership.length] ?? null,
      })),
    )
    .returning({ id: schema.people.id });
  await tx.insert(schema.memberships).values(
    people.map((person, index) => ({
      personId: person.id,
      bodyId: created.id,
      position: body.leadership[index]?.position ?? 'member',
      startsOn: DEMO_TERM_START,
    })),
  );
  // The first member presides (the chair, or the convener of a first session); the last
  // two keep the record.
  await createMeetingFromTemplate(tx, {
    body: created,
    place: body.place,
    startsAt: null,
    presidingOfficerId: required(people[0]).id,
    secretaryIds: people.slice(-2).map((person) => person.id),
    today: DEMO_TERM_START,
  });
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('insert returned no row');
  return value;
}

import { schema, type Database } from '@hopxa/db';
import { FIRST_MEETING_TEMPLATES, type AgendaTemplateItem } from '@hopxa/domain';
import { hash } from '@node-rs/argon2';
import {
  DEMO_ACCOUNT,
  DEMO_BODIES,
  DEMO_COMMUNE,
  DEMO_PROVINCE,
  DEMO_TERM_START,
} from './demo-commune.ts';
import { fictionalNames } from './fictional-names.ts';

const SEED_KEY = 'demo_seed';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Writes the demo ward once. The marker row and the data go in one transaction, so a crash
 * leaves nothing half-seeded and a second process starting at the same time waits on the
 * marker's key and then skips.
 *
 * @returns whether this call wrote the data.
 */
export async function seedDemo(db: Database): Promise<boolean> {
  const passwordHash = await hash(DEMO_ACCOUNT.password);
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
      await seedBody(tx, communeId, body, fictionalNames(body.totalSeats, index + 1, takenNames));
    }

    await tx.insert(schema.accounts).values({
      username: DEMO_ACCOUNT.username,
      passwordHash,
      role: 'secretariat',
      organisationId: communeId,
    });
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
      totalSeats: body.totalSeats,
    })
    .returning({ id: schema.bodies.id });
  const bodyId = required(row).id;

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
      bodyId,
      position: body.leadership[index]?.position ?? 'member',
      startsOn: DEMO_TERM_START,
    })),
  );

  const template = FIRST_MEETING_TEMPLATES[body.kind];
  const [meeting] = await tx
    .insert(schema.meetings)
    .values({
      bodyId,
      title: `${template.meetingTitle.vi} ${body.name}`,
      place: body.place,
    })
    .returning({ id: schema.meetings.id });
  await insertAgenda(tx, required(meeting).id, null, template.items);
}

async function insertAgenda(
  tx: Transaction,
  meetingId: string,
  parentId: string | null,
  items: readonly AgendaTemplateItem[],
): Promise<void> {
  for (const [position, item] of items.entries()) {
    const [row] = await tx
      .insert(schema.agendaItems)
      .values({
        meetingId,
        parentId,
        position,
        title: item.title.vi,
        kind: item.kind,
        durationMinutes: item.durationMinutes,
      })
      .returning({ id: schema.agendaItems.id });
    if (item.children) await insertAgenda(tx, meetingId, required(row).id, item.children);
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('insert returned no row');
  return value;
}

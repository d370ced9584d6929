import { membershipInForceOn, schema, type Database } from '@hopxa/db';
import type { MeetingCommand } from '@hopxa/domain';
import { vietnamDay } from '@hopxa/domain';
import { and, asc, eq } from 'drizzle-orm';

type Setup = Extract<MeetingCommand, { type: 'open_sitting' }>['setup'];

/**
 * What a sitting opens with, read from the database (never from the client): the body's
 * statutory size and rules, the members whose membership is in force on the day as the
 * roster (its voters are the base of every count, rule T2), and the agenda as it stands.
 */
export async function loadSittingSetup(
  db: Database,
  bodyId: string,
  meetingId: string,
  now: Date,
): Promise<Setup> {
  const today = vietnamDay(now);
  const [body] = await db.select().from(schema.bodies).where(eq(schema.bodies.id, bodyId));
  if (!body) throw new Error(`body ${bodyId} vanished`);
  const roster = await db
    .select({
      personId: schema.people.id,
      fullName: schema.people.fullName,
      votingRight: schema.memberships.votingRight,
      position: schema.memberships.position,
    })
    .from(schema.memberships)
    .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
    .where(and(eq(schema.memberships.bodyId, bodyId), membershipInForceOn(today)))
    .orderBy(asc(schema.people.fullName));
  const items = await db
    .select()
    .from(schema.agendaItems)
    .where(eq(schema.agendaItems.meetingId, meetingId))
    .orderBy(asc(schema.agendaItems.position));
  // Parents first, each followed by its children, as the agenda reads.
  const agenda = items
    .filter((item) => item.parentId === null)
    .flatMap((parent) => [parent, ...items.filter((item) => item.parentId === parent.id)])
    .map((item) => ({
      id: item.id,
      parentId: item.parentId,
      title: item.title,
      kind: item.kind,
      durationMinutes: item.durationMinutes,
    }));
  return { statutorySize: body.statutorySize, rules: body.rules, roster, agenda };
}

import { membershipInForceOn, schema, type Database } from '@hopxa/db';
import type { MeetingCommand, MeetingNotice } from '@hopxa/domain';
import { compareVietnameseNames, vietnamDay } from '@hopxa/domain';
import { and, asc, eq } from 'drizzle-orm';
import { listDocuments } from '../documents/documents.service.ts';

type Convening = Extract<MeetingCommand, { type: 'convene' }>['setup'];
type Roster = Extract<MeetingCommand, { type: 'open_sitting' }>['setup']['roster'];

/**
 * What a meeting is convened with, read from the database (never from the client): the
 * body's statutory size and rules, the members in office today as the roster of the roll
 * call, and the agenda as the secretariat prepared it.
 */
export async function loadConvening(
  db: Database,
  bodyId: string,
  meetingId: string,
  now: Date,
): Promise<Convening> {
  const [body] = await db.select().from(schema.bodies).where(eq(schema.bodies.id, bodyId));
  if (!body) throw new Error(`body ${bodyId} vanished`);
  const roster = await loadRoster(db, bodyId, now);
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
  return {
    statutorySize: body.statutorySize,
    rules: body.rules,
    roster,
    agenda,
    notice: await loadNotice(db, meetingId),
  };
}

/**
 * The notice as the meeting's setup has it now: its title, time and place, and the papers
 * filed and not withdrawn, in agenda order (NT1, NT2).
 */
export async function loadNotice(db: Database, meetingId: string): Promise<MeetingNotice> {
  const [meeting] = await db
    .select({
      title: schema.meetings.title,
      startsAt: schema.meetings.startsAt,
      place: schema.meetings.place,
    })
    .from(schema.meetings)
    .where(eq(schema.meetings.id, meetingId));
  if (!meeting) throw new Error(`meeting ${meetingId} vanished`);
  const papers = await listDocuments(db, meetingId);
  return {
    title: meeting.title,
    startsAt: meeting.startsAt?.toISOString() ?? null,
    place: meeting.place,
    papers: papers.map((paper) => ({
      documentId: paper.id,
      title: paper.title,
      kind: paper.kind,
      agendaItemId: paper.agendaItemId,
    })),
  };
}

/**
 * The members whose membership is in force on the day (Vietnam's calendar day of `now`), in
 * the Vietnamese order of names: their voters are the base of every count (rule T2).
 */
export async function loadRoster(db: Database, bodyId: string, now: Date): Promise<Roster> {
  const members = await db
    .select({
      personId: schema.people.id,
      fullName: schema.people.fullName,
      votingRight: schema.memberships.votingRight,
      position: schema.memberships.position,
    })
    .from(schema.memberships)
    .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
    .where(and(eq(schema.memberships.bodyId, bodyId), membershipInForceOn(vietnamDay(now))));
  // In the order of official lists, which the database's collation does not know.
  return members.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}

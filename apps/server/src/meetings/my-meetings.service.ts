import { schema, type Database } from '@hopxa/db';
import { can, type Actor } from '@hopxa/domain';
import type { MyMeeting } from '@hopxa/protocol';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { meetingStatus } from './meeting-status.ts';

const commune = alias(schema.organisations, 'commune');

/**
 * The meetings `actor` may follow, soonest first, with what they are in each: presiding
 * officer, secretary, a member with a vote, or watching. A province has some hundreds of
 * meetings a year, so every meeting is read and `can` decides, the one rule for access.
 */
export async function listMyMeetings(db: Database, actor: Actor): Promise<MyMeeting[]> {
  const rows = await db
    .select({
      id: schema.meetings.id,
      title: schema.meetings.title,
      status: meetingStatus,
      place: schema.meetings.place,
      startsAt: schema.meetings.startsAt,
      bodyId: schema.bodies.id,
      bodyName: schema.bodies.name,
      bodyKind: schema.bodies.kind,
      communeId: commune.id,
      communeName: commune.name,
      provinceId: commune.parentId,
    })
    .from(schema.meetings)
    .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
    .innerJoin(commune, eq(commune.id, schema.bodies.organisationId))
    .orderBy(asc(schema.meetings.startsAt), asc(schema.meetings.title));
  return rows
    .filter((row) =>
      can(actor, 'meeting.view', {
        organisationId: row.communeId,
        provinceId: row.provinceId,
        bodyId: row.bodyId,
        meetingId: row.id,
      }),
    )
    .map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      place: row.place,
      startsAt: row.startsAt?.toISOString() ?? null,
      body: { id: row.bodyId, name: row.bodyName, kind: row.bodyKind },
      communeName: row.communeName,
      part: partOf(actor, row),
    }));
}

/** What `actor` is in the meeting, which picks the screen their list opens. */
function partOf(actor: Actor, meeting: { id: string; bodyId: string }): MyMeeting['part'] {
  if (actor.role === 'hall_display') return 'hall_display';
  const roles = actor.meetingRoles
    .filter((held) => held.meetingId === meeting.id)
    .map((held) => held.role);
  if (roles.includes('presiding_officer')) return 'presiding_officer';
  if (roles.includes('secretary')) return 'secretary';
  const voting = actor.memberships.find((held) => held.bodyId === meeting.bodyId)?.votingRight;
  return voting === true ? 'voter' : 'observer';
}

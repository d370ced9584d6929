import { inOfficeWithVoteOn, schema, type Database } from '@hopxa/db';
import type { Overview } from '@hopxa/protocol';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { agendaTree } from './meetings/agenda.service.ts';
import { meetingsOfBodies } from './meetings/meeting.service.ts';

/**
 * Every commune with its bodies, members in office on `today`, and the meetings convened or
 * held, with their agendas: public, so no draft is shown.
 */
export async function loadOverview(db: Database, today: string): Promise<Overview> {
  const province = alias(schema.organisations, 'province');
  const communes = await db
    .select({
      id: schema.organisations.id,
      name: schema.organisations.name,
      province: province.name,
    })
    .from(schema.organisations)
    .innerJoin(province, eq(schema.organisations.parentId, province.id))
    .where(eq(schema.organisations.kind, 'commune'))
    .orderBy(asc(schema.organisations.name));
  if (communes.length === 0) return { communes: [] };

  const bodies = await db
    .select({
      id: schema.bodies.id,
      organisationId: schema.bodies.organisationId,
      kind: schema.bodies.kind,
      name: schema.bodies.name,
      statutorySize: schema.bodies.statutorySize,
      membersInOffice: count(schema.memberships.id),
    })
    .from(schema.bodies)
    .leftJoin(
      schema.memberships,
      and(eq(schema.memberships.bodyId, schema.bodies.id), inOfficeWithVoteOn(today)),
    )
    .where(
      inArray(
        schema.bodies.organisationId,
        communes.map((commune) => commune.id),
      ),
    )
    .groupBy(schema.bodies.id)
    .orderBy(asc(schema.bodies.kind), asc(schema.bodies.name));

  const bodyIds = bodies.map((body) => body.id);
  // A draft is the secretariat's work in progress: the public sees a meeting once convened.
  const meetings = (await meetingsOfBodies(db, bodyIds)).filter(
    (meeting) => meeting.status !== 'draft',
  );
  const meetingIds = meetings.map((meeting) => meeting.id);
  const agendaRows =
    meetingIds.length === 0
      ? []
      : await db
          .select()
          .from(schema.agendaItems)
          .where(inArray(schema.agendaItems.meetingId, meetingIds))
          .orderBy(asc(schema.agendaItems.position));

  return {
    communes: communes.map((commune) => ({
      ...commune,
      bodies: bodies
        .filter((body) => body.organisationId === commune.id)
        .map(({ organisationId: _organisationId, ...body }) => ({
          ...body,
          meetings: meetings
            .filter((meeting) => meeting.bodyId === body.id)
            .map((meeting) => ({
              id: meeting.id,
              title: meeting.title,
              status: meeting.status,
              agenda: agendaTree(agendaRows.filter((row) => row.meetingId === meeting.id)),
            })),
        })),
    })),
  };
}

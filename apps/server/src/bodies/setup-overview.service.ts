import { inOfficeWithVoteOn, schema, type Database } from '@hopxa/db';
import type { SetupOverview } from '@hopxa/protocol';
import { and, asc, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { meetingsOfBodies } from '../meetings/meeting.service.ts';

const province = alias(schema.organisations, 'province');

/** A commune's bodies, with their members in office on `today`, and their meetings. */
export async function loadSetupOverview(
  db: Database,
  organisationId: string,
  today: string,
): Promise<SetupOverview> {
  const [organisation] = await db
    .select({
      id: schema.organisations.id,
      name: schema.organisations.name,
      province: province.name,
    })
    .from(schema.organisations)
    .leftJoin(province, eq(province.id, schema.organisations.parentId))
    .where(eq(schema.organisations.id, organisationId));
  const bodies = await db
    .select({
      id: schema.bodies.id,
      kind: schema.bodies.kind,
      name: schema.bodies.name,
      statutorySize: schema.bodies.statutorySize,
      rules: schema.bodies.rules,
      membersInOffice: count(schema.memberships.id),
    })
    .from(schema.bodies)
    .leftJoin(
      schema.memberships,
      and(eq(schema.memberships.bodyId, schema.bodies.id), inOfficeWithVoteOn(today)),
    )
    .where(eq(schema.bodies.organisationId, organisationId))
    .groupBy(schema.bodies.id)
    .orderBy(asc(schema.bodies.kind));
  const bodyIds = bodies.map((body) => body.id);
  const meetings = await meetingsOfBodies(db, bodyIds);
  return {
    organisation: organisation ?? { id: organisationId, name: '', province: null },
    bodies: bodies.map(({ rules, ...body }) => ({ ...body, voteLabels: rules.voteLabels })),
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      bodyId: meeting.bodyId,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt?.toISOString() ?? null,
    })),
  };
}

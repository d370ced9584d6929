import { inOfficeWithVoteOn, schema, type Database } from '@hopxa/db';
import type {
  createMemberRequestSchema,
  MembersResponse,
  updateMemberRequestSchema,
} from '@hopxa/protocol';
import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { meetingsOfBodies } from '../meetings/meeting.service.ts';
import { checkStatutorySize, lockBody, type SizeCheck } from './statutory-size.service.ts';

/** A body with its members (past and present, in the order they joined) and its meetings. */
export async function loadMembers(
  db: Database,
  bodyId: string,
  today: string,
): Promise<MembersResponse> {
  const [body] = await db.select().from(schema.bodies).where(eq(schema.bodies.id, bodyId));
  if (!body) throw new HttpError(404, 'not_found');
  const [inOffice] = await db
    .select({ count: count() })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.bodyId, bodyId), inOfficeWithVoteOn(today)));
  const members = await db
    .select({
      membershipId: schema.memberships.id,
      personId: schema.people.id,
      fullName: schema.people.fullName,
      title: schema.people.title,
      position: schema.memberships.position,
      votingRight: schema.memberships.votingRight,
      startsOn: schema.memberships.startsOn,
      endsOn: schema.memberships.endsOn,
    })
    .from(schema.memberships)
    .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
    .where(eq(schema.memberships.bodyId, bodyId))
    .orderBy(asc(schema.memberships.createdAt), asc(schema.people.fullName));
  const meetings = await meetingsOfBodies(db, [bodyId]);
  return {
    voteLabels: body.rules.voteLabels,
    body: {
      id: body.id,
      name: body.name,
      kind: body.kind,
      statutorySize: body.statutorySize,
      membersInOffice: inOffice?.count ?? 0,
      organisationId: body.organisationId,
    },
    members,
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt?.toISOString() ?? null,
    })),
  };
}

/** Seats a new person in a body, within its statutory size; returns the membership's id. */
export async function addMember(
  db: Database,
  actor: AuditActor,
  bodyId: string,
  input: z.infer<typeof createMemberRequestSchema>,
  check: SizeCheck,
): Promise<string> {
  const term = { startsOn: input.startsOn, endsOn: input.endsOn ?? null };
  return db.transaction(async (tx) => {
    const body = await lockBody(tx, bodyId);
    await checkStatutorySize(tx, body, check.today, check.language, {
      adding: [{ votingRight: input.votingRight, ...term }],
    });
    const [person] = await tx
      .insert(schema.people)
      .values({ fullName: input.fullName, title: input.title ?? null })
      .returning({ id: schema.people.id });
    if (!person) throw new Error('person insert returned no row');
    const [membership] = await tx
      .insert(schema.memberships)
      .values({
        personId: person.id,
        bodyId,
        position: input.position,
        votingRight: input.votingRight,
        ...term,
      })
      .returning({ id: schema.memberships.id });
    if (!membership) throw new Error('membership insert returned no row');
    const target = { type: 'membership', id: membership.id };
    const detail = { fullName: input.fullName, bodyId };
    await recordAudit(tx, auditEntry(actor, 'member.create', target, detail));
    return membership.id;
  });
}

/**
 * Changes a member's seat (position, vote, end of term) within the body's statutory size,
 * and their title.
 */
export async function updateMember(
  db: Database,
  actor: AuditActor,
  where: { bodyId: string; membershipId: string },
  { title, ...seat }: z.infer<typeof updateMemberRequestSchema>,
  check: SizeCheck,
): Promise<void> {
  await db.transaction(async (tx) => {
    const body = await lockBody(tx, where.bodyId);
    const [membership] = await tx
      .select()
      .from(schema.memberships)
      .where(
        and(
          eq(schema.memberships.id, where.membershipId),
          eq(schema.memberships.bodyId, where.bodyId),
        ),
      );
    if (!membership) throw new HttpError(404, 'not_found');
    if (seat.endsOn && seat.endsOn < membership.startsOn) {
      throw new HttpError(400, 'invalid_input', [
        { path: 'endsOn', message: 'Ngày kết thúc trước ngày bắt đầu (ends before it starts)' },
      ]);
    }
    if (Object.keys(seat).length > 0) {
      const changed = {
        votingRight: seat.votingRight ?? membership.votingRight,
        startsOn: membership.startsOn,
        endsOn: seat.endsOn === undefined ? membership.endsOn : seat.endsOn,
      };
      await checkStatutorySize(tx, body, check.today, check.language, {
        adding: [changed],
        replacing: membership.id,
      });
      await tx.update(schema.memberships).set(seat).where(eq(schema.memberships.id, membership.id));
    }
    if (title !== undefined) {
      await tx
        .update(schema.people)
        .set({ title })
        .where(eq(schema.people.id, membership.personId));
    }
    const target = { type: 'membership', id: membership.id };
    const detail = { ...seat, ...(title !== undefined && { title }) };
    await recordAudit(tx, auditEntry(actor, 'member.update', target, detail));
  });
}

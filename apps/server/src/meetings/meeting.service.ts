import { membershipInForceOn, schema, type Database, type Transaction } from '@hopxa/db';
import {
  meetingTemplate,
  meetingTitle,
  type BodyKind,
  type MeetingTemplateKind,
  type MeetingRole,
  type MeetingStatus,
} from '@hopxa/domain';
import type {
  createMeetingRequestSchema,
  MeetingDetail,
  updateMeetingRequestSchema,
} from '@hopxa/protocol';
import { and, asc, count, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { insertTemplateAgenda, loadAgenda } from './agenda.service.ts';
import { meetingStatus } from './meeting-status.ts';

export type MeetingPeople = {
  readonly presidingOfficerId: string;
  readonly secretaryIds: readonly string[];
};

/**
 * Whoever presides or keeps the record must be a current member of the body: naming anyone
 * else (another commune's delegate, say) would hand them powers over this meeting.
 */
async function checkMembers(
  tx: Transaction,
  bodyId: string,
  people: MeetingPeople,
  today: string,
): Promise<void> {
  const ids = [...new Set([people.presidingOfficerId, ...people.secretaryIds])];
  const found = await tx
    .select({ id: schema.memberships.personId })
    .from(schema.memberships)
    .where(
      and(
        eq(schema.memberships.bodyId, bodyId),
        inArray(schema.memberships.personId, ids),
        membershipInForceOn(today),
      ),
    );
  if (new Set(found.map((row) => row.id)).size !== ids.length)
    throw new HttpError(400, 'not_a_member');
}

async function writeRoles(
  tx: Transaction,
  meetingId: string,
  people: MeetingPeople,
): Promise<void> {
  await tx.delete(schema.meetingRoles).where(eq(schema.meetingRoles.meetingId, meetingId));
  const roles: { personId: string; role: MeetingRole }[] = [
    { personId: people.presidingOfficerId, role: 'presiding_officer' },
    ...[...new Set(people.secretaryIds)].map((personId) => ({
      personId,
      role: 'secretary' as const,
    })),
  ];
  await tx.insert(schema.meetingRoles).values(roles.map((role) => ({ meetingId, ...role })));
}

/**
 * Creates a meeting of a body with its agenda drafted from one of the body's templates (the
 * first of the term while the body has no meeting, else a regular one, unless another is
 * asked for), its own number and title, and its presiding officer and secretaries.
 */
export async function createMeetingFromTemplate(
  tx: Transaction,
  input: {
    body: { id: string; kind: BodyKind; name: string };
    template?: MeetingTemplateKind | undefined;
    title?: string | undefined;
    place: string;
    startsAt: Date | null;
    today: string;
  } & MeetingPeople,
): Promise<string> {
  await checkMembers(tx, input.body.id, input, input.today);
  // The body's meetings take turns for their numbers.
  await tx
    .select({ id: schema.bodies.id })
    .from(schema.bodies)
    .where(eq(schema.bodies.id, input.body.id))
    .for('update');
  const [held] = await tx
    .select({ count: count() })
    .from(schema.meetings)
    .where(eq(schema.meetings.bodyId, input.body.id));
  const number = (held?.count ?? 0) + 1;
  const kind = input.template ?? (number === 1 ? 'first' : 'regular');
  if (kind === 'first' && number > 1) throw new HttpError(409, 'first_meeting_exists');
  const template = meetingTemplate(input.body.kind, kind);
  const [meeting] = await tx
    .insert(schema.meetings)
    .values({
      bodyId: input.body.id,
      title: input.title ?? `${meetingTitle(input.body.kind, kind, number)} ${input.body.name}`,
      place: input.place,
      startsAt: input.startsAt,
    })
    .returning({ id: schema.meetings.id });
  if (!meeting) throw new Error('meeting insert returned no row');
  await insertTemplateAgenda(tx, meeting.id, null, template.items);
  await writeRoles(tx, meeting.id, input);
  return meeting.id;
}

/**
 * Creates a meeting of a body from its template, as `createMeetingFromTemplate`, with its
 * audit record; answers with the meeting as the setup screens show it.
 */
export async function createMeeting(
  db: Database,
  actor: AuditActor,
  bodyId: string,
  input: z.infer<typeof createMeetingRequestSchema>,
  today: string,
): Promise<MeetingDetail> {
  const [body] = await db.select().from(schema.bodies).where(eq(schema.bodies.id, bodyId));
  if (!body) throw new HttpError(404, 'not_found');
  const meetingId = await db.transaction(async (tx) => {
    const id = await createMeetingFromTemplate(tx, {
      body,
      template: input.template,
      title: input.title,
      place: input.place,
      startsAt: new Date(input.startsAt),
      presidingOfficerId: input.presidingOfficerId,
      secretaryIds: input.secretaryIds,
      today,
    });
    const detail = { bodyId: body.id, fromTemplate: input.template ?? 'default' };
    await recordAudit(tx, auditEntry(actor, 'meeting.create', { type: 'meeting', id }, detail));
    return id;
  });
  return loadMeetingDetail(db, meetingId);
}

/**
 * Changes a meeting's details and, when given, who presides and who keeps the record;
 * answers with the meeting as it then stands.
 */
export async function updateMeeting(
  db: Database,
  actor: AuditActor,
  meeting: { id: string; bodyId: string },
  input: z.infer<typeof updateMeetingRequestSchema>,
  today: string,
): Promise<MeetingDetail> {
  const fields = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.place !== undefined && { place: input.place }),
    ...(input.startsAt !== undefined && { startsAt: new Date(input.startsAt) }),
  };
  const part = Object.keys(fields).length > 0 ? 'details' : 'roles';
  return changeMeeting(db, meeting.id, part, async (tx) => {
    if (Object.keys(fields).length > 0) {
      await tx.update(schema.meetings).set(fields).where(eq(schema.meetings.id, meeting.id));
    }
    if (input.presidingOfficerId !== undefined || input.secretaryIds !== undefined) {
      const current = await tx
        .select()
        .from(schema.meetingRoles)
        .where(eq(schema.meetingRoles.meetingId, meeting.id));
      const people = {
        presidingOfficerId:
          input.presidingOfficerId ??
          current.find((role) => role.role === 'presiding_officer')?.personId ??
          '',
        secretaryIds:
          input.secretaryIds ??
          current.filter((role) => role.role === 'secretary').map((role) => role.personId),
      };
      await checkMembers(tx, meeting.bodyId, people, today);
      await writeRoles(tx, meeting.id, people);
    }
    const target = { type: 'meeting', id: meeting.id };
    const detail = { fields: Object.keys(input) };
    await recordAudit(tx, auditEntry(actor, 'meeting.update', target, detail));
  });
}

/**
 * What part of a meeting setup changes, and until when: the agenda until the meeting is
 * convened (from then it is in the log, and changes during the sitting go through the
 * sitting's own commands, so everyone sees them); its title, place and time until it opens;
 * who presides and keeps the record at any time (someone falls ill mid-sitting).
 */
const SETUP_PARTS = {
  agenda: { editable: ['draft'], refusal: 'meeting_convened' },
  details: { editable: ['draft', 'convened'], refusal: 'meeting_opened' },
  roles: { editable: ['draft', 'convened', 'open', 'closed'], refusal: 'meeting_opened' },
} as const satisfies Record<
  string,
  { editable: readonly MeetingStatus[]; refusal: 'meeting_convened' | 'meeting_opened' }
>;

/**
 * Makes a change to a meeting's setup in one transaction, so the change and its audit record
 * land together or not at all; answers with the meeting as it then stands. The meeting's row
 * is locked first, so changes take turns, and the change is refused (409) once the meeting's
 * log has moved past what `part` allows.
 */
export async function changeMeeting(
  db: Database,
  meetingId: string,
  part: keyof typeof SETUP_PARTS,
  change: (tx: Transaction) => Promise<void>,
): Promise<MeetingDetail> {
  await db.transaction(async (tx) => {
    const [meeting] = await tx
      .select({ status: meetingStatus })
      .from(schema.meetings)
      .where(eq(schema.meetings.id, meetingId))
      .for('update');
    if (!meeting) throw new HttpError(404, 'not_found');
    const { editable, refusal } = SETUP_PARTS[part];
    if (!(editable as readonly MeetingStatus[]).includes(meeting.status))
      throw new HttpError(409, refusal);
    await change(tx);
  });
  return loadMeetingDetail(db, meetingId);
}

/** The meetings of these bodies, oldest first, with their status, as setup and home list them. */
export async function meetingsOfBodies(
  db: Database,
  bodyIds: string[],
): Promise<(typeof schema.meetings.$inferSelect & { status: MeetingStatus })[]> {
  if (bodyIds.length === 0) return [];
  return db
    .select({ ...getTableColumns(schema.meetings), status: meetingStatus })
    .from(schema.meetings)
    .where(inArray(schema.meetings.bodyId, bodyIds))
    .orderBy(asc(schema.meetings.createdAt));
}

/** A meeting with its body, roles and agenda, as the setup screens show it. */
export async function loadMeetingDetail(db: Database, meetingId: string): Promise<MeetingDetail> {
  const [row] = await db
    .select({ meeting: schema.meetings, body: schema.bodies, status: meetingStatus })
    .from(schema.meetings)
    .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
    .where(eq(schema.meetings.id, meetingId));
  if (!row) throw new HttpError(404, 'not_found');
  const roles = await db
    .select({
      personId: schema.meetingRoles.personId,
      fullName: schema.people.fullName,
      role: schema.meetingRoles.role,
    })
    .from(schema.meetingRoles)
    .innerJoin(schema.people, eq(schema.people.id, schema.meetingRoles.personId))
    .where(eq(schema.meetingRoles.meetingId, meetingId));
  return {
    id: row.meeting.id,
    bodyId: row.body.id,
    bodyName: row.body.name,
    organisationId: row.body.organisationId,
    title: row.meeting.title,
    status: row.status,
    place: row.meeting.place,
    startsAt: row.meeting.startsAt?.toISOString() ?? null,
    roles,
    agenda: await loadAgenda(db, meetingId),
  };
}

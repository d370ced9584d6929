import { inOfficeWithVoteOn, membershipInForceOn, schema, type Database } from '@hopxa/db';
import { DEFAULT_BODY_RULES, vietnamDay } from '@hopxa/domain';
import {
  createBodyRequestSchema,
  createMemberRequestSchema,
  importMembersRequestSchema,
  updateBodyRequestSchema,
  updateMemberRequestSchema,
  type MembersResponse,
  type SetupOverview,
} from '@hopxa/protocol';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Router, type Request } from 'express';
import { recordAudit, type AuditEntry } from '../audit/audit.service.ts';
import type { AccessChanges } from '../auth/access-changes.ts';
import { authorize, bodyTarget, organisationTarget } from '../auth/authorize.ts';
import { clientAddress, type RequestAuth } from '../auth/request-auth.ts';
import { apiError, callerLanguage } from '../http/api-errors.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import { previewMemberImport } from './member-import.service.ts';
import { checkStatutorySize, lockBody } from './statutory-size.service.ts';

const province = alias(schema.organisations, 'province');

/** A list longer than any body's size is a mistake, and would overflow one insert. */
const MAX_IMPORT_ROWS = 500;

/** Bodies and their members, as the secretariat of a commune keeps them. */
export function bodiesRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
): Router {
  const router = Router();
  const today = () => vietnamDay(clock());
  const auditOf =
    (request: Request, auth: RequestAuth, organisationId: string) =>
    (
      action: string,
      targetType: string,
      targetId: string,
      detail?: Record<string, unknown>,
    ): AuditEntry => ({
      actorAccountId: auth.account.id,
      organisationId,
      action,
      targetType,
      targetId,
      ...(detail && { detail }),
      address: clientAddress(request),
    });

  router.get('/api/organisations/:organisationId/setup', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    authorize(request, 'body.manage', target);
    const [organisation] = await db
      .select({
        id: schema.organisations.id,
        name: schema.organisations.name,
        province: province.name,
      })
      .from(schema.organisations)
      .leftJoin(province, eq(province.id, schema.organisations.parentId))
      .where(eq(schema.organisations.id, target.organisationId));
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
        and(eq(schema.memberships.bodyId, schema.bodies.id), inOfficeWithVoteOn(today())),
      )
      .where(eq(schema.bodies.organisationId, target.organisationId))
      .groupBy(schema.bodies.id)
      .orderBy(asc(schema.bodies.kind));
    const meetings =
      bodies.length === 0
        ? []
        : await db
            .select()
            .from(schema.meetings)
            .where(
              inArray(
                schema.meetings.bodyId,
                bodies.map((body) => body.id),
              ),
            )
            .orderBy(asc(schema.meetings.createdAt));
    const overview: SetupOverview = {
      organisation: organisation ?? { id: target.organisationId, name: '', province: null },
      bodies: bodies.map(({ rules, ...body }) => ({ ...body, voteLabels: rules.voteLabels })),
      meetings: meetings.map((meeting) => ({
        id: meeting.id,
        bodyId: meeting.bodyId,
        title: meeting.title,
        status: meeting.status,
        startsAt: meeting.startsAt?.toISOString() ?? null,
      })),
    };
    response.json(overview);
  });

  router.post('/api/organisations/:organisationId/bodies', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    const auth = authorize(request, 'body.manage', target);
    const input = parseInput(request, createBodyRequestSchema, request.body);
    const created = await db.transaction(async (tx) => {
      const [body] = await tx
        .insert(schema.bodies)
        .values({
          ...input,
          organisationId: target.organisationId,
          rules: DEFAULT_BODY_RULES[input.kind],
        })
        .onConflictDoNothing()
        .returning({ id: schema.bodies.id });
      if (!body) throw new HttpError(409, 'body_kind_exists');
      await recordAudit(
        tx,
        auditOf(request, auth, target.organisationId)('body.create', 'body', body.id, input),
      );
      return body;
    });
    response.status(201).json(created);
  });

  router.patch('/api/bodies/:bodyId', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'body.manage', target);
    const input = parseInput(request, updateBodyRequestSchema, request.body);
    await db.transaction(async (tx) => {
      const body = await lockBody(tx, target.bodyId);
      if (input.statutorySize !== undefined) {
        const resized = { id: body.id, statutorySize: input.statutorySize };
        await checkStatutorySize(tx, resized, today(), callerLanguage(request), { adding: [] });
      }
      await tx
        .update(schema.bodies)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.statutorySize !== undefined && { statutorySize: input.statutorySize }),
          ...(input.voteLabels !== undefined && {
            rules: { ...body.rules, voteLabels: input.voteLabels },
          }),
        })
        .where(eq(schema.bodies.id, body.id));
      await recordAudit(
        tx,
        auditOf(request, auth, target.organisationId)('body.update', 'body', body.id, input),
      );
    });
    response.status(204).end();
  });

  router.get('/api/bodies/:bodyId/members', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    authorize(request, 'member.manage', target);
    response.json(await loadMembers(db, target.bodyId, today()));
  });

  router.post('/api/bodies/:bodyId/members', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const input = parseInput(request, createMemberRequestSchema, request.body);
    const membershipId = await db.transaction(async (tx) => {
      const body = await lockBody(tx, target.bodyId);
      await checkStatutorySize(tx, body, today(), callerLanguage(request), {
        adding: [
          {
            votingRight: input.votingRight,
            startsOn: input.startsOn,
            endsOn: input.endsOn ?? null,
          },
        ],
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
          bodyId: target.bodyId,
          position: input.position,
          votingRight: input.votingRight,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
        })
        .returning({ id: schema.memberships.id });
      if (!membership) throw new Error('membership insert returned no row');
      await recordAudit(
        tx,
        auditOf(request, auth, target.organisationId)(
          'member.create',
          'membership',
          membership.id,
          {
            fullName: input.fullName,
            bodyId: target.bodyId,
          },
        ),
      );
      return membership.id;
    });
    accessChanges.rolesChanged();
    response.status(201).json({ membershipId });
  });

  router.patch('/api/bodies/:bodyId/members/:membershipId', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const membershipId = uuidParam(request, 'membershipId');
    const { title, ...seat } = parseInput(request, updateMemberRequestSchema, request.body);
    await db.transaction(async (tx) => {
      const body = await lockBody(tx, target.bodyId);
      const [membership] = await tx
        .select()
        .from(schema.memberships)
        .where(
          and(
            eq(schema.memberships.id, membershipId),
            eq(schema.memberships.bodyId, target.bodyId),
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
        await checkStatutorySize(tx, body, today(), callerLanguage(request), {
          adding: [changed],
          replacing: membership.id,
        });
        await tx
          .update(schema.memberships)
          .set(seat)
          .where(eq(schema.memberships.id, membershipId));
      }
      if (title !== undefined) {
        await tx
          .update(schema.people)
          .set({ title })
          .where(eq(schema.people.id, membership.personId));
      }
      await recordAudit(
        tx,
        auditOf(request, auth, target.organisationId)('member.update', 'membership', membershipId, {
          ...seat,
          ...(title !== undefined && { title }),
        }),
      );
    });
    accessChanges.rolesChanged();
    response.status(204).end();
  });

  router.post('/api/bodies/:bodyId/members/import', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const input = parseInput(request, importMembersRequestSchema, request.body);
    // The body's row is locked while the list is checked and written, so a commit pressed
    // twice cannot import everyone twice.
    const outcome = await db.transaction(async (tx) => {
      const body = await lockBody(tx, target.bodyId);
      const current = await tx
        .select({ fullName: schema.people.fullName })
        .from(schema.memberships)
        .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
        .where(and(eq(schema.memberships.bodyId, target.bodyId), membershipInForceOn(today())));
      const rows = previewMemberImport(
        input.csv,
        current.map((member) => member.fullName),
        today(),
      );
      if (rows.length > MAX_IMPORT_ROWS) throw new HttpError(400, 'too_many_rows');
      if (!input.commit) return { status: 200, rows, committed: false };
      if (rows.length === 0 || rows.some((row) => row.problems.length > 0))
        return { status: 422, rows, committed: false };
      await checkStatutorySize(tx, body, today(), callerLanguage(request), {
        adding: rows.map((row) => ({
          votingRight: row.votingRight ?? true,
          startsOn: row.startsOn ?? today(),
          endsOn: row.endsOn,
        })),
      });
      const people = await tx
        .insert(schema.people)
        .values(rows.map((row) => ({ fullName: row.fullName, title: row.title })))
        .returning({ id: schema.people.id });
      await tx.insert(schema.memberships).values(
        rows.map((row, index) => ({
          personId: people[index]?.id ?? '',
          bodyId: target.bodyId,
          position: row.position ?? 'member',
          votingRight: row.votingRight ?? true,
          startsOn: row.startsOn ?? today(),
          endsOn: row.endsOn,
        })),
      );
      await recordAudit(
        tx,
        auditOf(request, auth, target.organisationId)('member.import', 'body', target.bodyId, {
          created: rows.length,
        }),
      );
      return { status: 201, rows, committed: true };
    });
    if (outcome.committed) accessChanges.rolesChanged();
    if (outcome.status === 422) {
      response.status(422).json({ ...apiError(request, 'csv_has_problems'), rows: outcome.rows });
      return;
    }
    response.status(outcome.status).json({
      rows: outcome.rows,
      committed: outcome.committed,
      created: outcome.committed ? outcome.rows.length : 0,
    });
  });

  return router;
}
async function loadMembers(db: Database, bodyId: string, today: string): Promise<MembersResponse> {
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
  const meetings = await db
    .select()
    .from(schema.meetings)
    .where(eq(schema.meetings.bodyId, bodyId))
    .orderBy(asc(schema.meetings.createdAt));
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

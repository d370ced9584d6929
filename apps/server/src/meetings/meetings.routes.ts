import { vietnamDay } from '@hopxa/domain';
import { schema, type Database } from '@hopxa/db';
import {
  agendaOrderRequestSchema,
  createAgendaItemRequestSchema,
  createMeetingRequestSchema,
  updateAgendaItemRequestSchema,
  updateMeetingRequestSchema,
} from '@hopxa/protocol';
import { and, eq } from 'drizzle-orm';
import { Router, type Request } from 'express';
import { recordAudit } from '../audit/audit.service.ts';
import type { AccessChanges } from '../auth/access-changes.ts';
import { authorize, bodyTarget, meetingTarget, requireAuth } from '../auth/authorize.ts';
import { clientAddress } from '../auth/request-auth.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import { addAgendaItem, reorderAgenda } from './agenda.service.ts';
import { createMeetingFromTemplate, loadMeetingDetail, updateMeeting } from './meeting.service.ts';
import { listMyMeetings } from './my-meetings.service.ts';

/** Meetings and their agendas, as the secretariat sets them up. */
export function meetingsRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
): Router {
  const today = () => vietnamDay(clock());
  const router = Router();

  /** The meeting named in the path, with the caller cleared to edit it. */
  const editable = async (request: Request) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.edit', target);
    const audit = (
      action: string,
      targetType: string,
      targetId: string,
      detail?: Record<string, unknown>,
    ) => ({
      actorAccountId: auth.account.id,
      organisationId: target.organisationId,
      action,
      targetType,
      targetId,
      ...(detail && { detail }),
      address: clientAddress(request),
    });
    return { target, audit };
  };

  router.post('/api/bodies/:bodyId/meetings', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'meeting.create', target);
    const input = parseInput(request, createMeetingRequestSchema, request.body);
    const [body] = await db.select().from(schema.bodies).where(eq(schema.bodies.id, target.bodyId));
    if (!body) throw new HttpError(404, 'not_found');
    const meetingId = await db.transaction(async (tx) => {
      const id = await createMeetingFromTemplate(tx, {
        body,
        title: input.title,
        place: input.place,
        startsAt: new Date(input.startsAt),
        presidingOfficerId: input.presidingOfficerId,
        secretaryIds: input.secretaryIds,
        today: today(),
      });
      await recordAudit(tx, {
        actorAccountId: auth.account.id,
        organisationId: target.organisationId,
        action: 'meeting.create',
        targetType: 'meeting',
        targetId: id,
        detail: { bodyId: body.id, fromTemplate: body.kind },
        address: clientAddress(request),
      });
      return id;
    });
    accessChanges.rolesChanged();
    response.status(201).json(await loadMeetingDetail(db, meetingId));
  });

  router.get('/api/my/meetings', async (request, response) => {
    const auth = requireAuth(request);
    response.json({ meetings: await listMyMeetings(db, auth.actor) });
  });

  router.get('/api/meetings/:meetingId', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    authorize(request, 'meeting.view', target);
    response.json(await loadMeetingDetail(db, target.meetingId));
  });

  router.patch('/api/meetings/:meetingId', async (request, response) => {
    const { target, audit } = await editable(request);
    const input = parseInput(request, updateMeetingRequestSchema, request.body);
    await db.transaction(async (tx) => {
      await updateMeeting(
        tx,
        { id: target.meetingId, bodyId: target.bodyId, today: today() },
        {
          ...input,
          startsAt: input.startsAt === undefined ? undefined : new Date(input.startsAt),
        },
      );
      await recordAudit(
        tx,
        audit('meeting.update', 'meeting', target.meetingId, { fields: Object.keys(input) }),
      );
    });
    if (input.presidingOfficerId !== undefined || input.secretaryIds !== undefined)
      accessChanges.rolesChanged();
    response.json(await loadMeetingDetail(db, target.meetingId));
  });

  router.post('/api/meetings/:meetingId/agenda-items', async (request, response) => {
    const { target, audit } = await editable(request);
    const input = parseInput(request, createAgendaItemRequestSchema, request.body);
    await db.transaction(async (tx) => {
      const id = await addAgendaItem(tx, target.meetingId, input);
      await recordAudit(tx, audit('agenda.add', 'agenda_item', id, { title: input.title }));
    });
    response.status(201).json(await loadMeetingDetail(db, target.meetingId));
  });

  router.patch('/api/meetings/:meetingId/agenda-items/:itemId', async (request, response) => {
    const { target, audit } = await editable(request);
    const itemId = uuidParam(request, 'itemId');
    const input = parseInput(request, updateAgendaItemRequestSchema, request.body);
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(schema.agendaItems)
        .set(input)
        .where(
          and(
            eq(schema.agendaItems.id, itemId),
            eq(schema.agendaItems.meetingId, target.meetingId),
          ),
        )
        .returning({ id: schema.agendaItems.id });
      if (updated.length === 0) throw new HttpError(404, 'not_found');
      await recordAudit(tx, audit('agenda.update', 'agenda_item', itemId, input));
    });
    response.json(await loadMeetingDetail(db, target.meetingId));
  });

  router.delete('/api/meetings/:meetingId/agenda-items/:itemId', async (request, response) => {
    const { target, audit } = await editable(request);
    const itemId = uuidParam(request, 'itemId');
    await db.transaction(async (tx) => {
      const children = await tx
        .select({ id: schema.agendaItems.id })
        .from(schema.agendaItems)
        .where(
          and(
            eq(schema.agendaItems.parentId, itemId),
            eq(schema.agendaItems.meetingId, target.meetingId),
          ),
        );
      if (children.length > 0) throw new HttpError(409, 'agenda_item_has_children');
      const removed = await tx
        .delete(schema.agendaItems)
        .where(
          and(
            eq(schema.agendaItems.id, itemId),
            eq(schema.agendaItems.meetingId, target.meetingId),
          ),
        )
        .returning({ title: schema.agendaItems.title });
      if (removed.length === 0) throw new HttpError(404, 'not_found');
      await recordAudit(
        tx,
        audit('agenda.delete', 'agenda_item', itemId, { title: removed[0]?.title }),
      );
    });
    response.json(await loadMeetingDetail(db, target.meetingId));
  });

  router.put('/api/meetings/:meetingId/agenda-order', async (request, response) => {
    const { target, audit } = await editable(request);
    const input = parseInput(request, agendaOrderRequestSchema, request.body);
    await db.transaction(async (tx) => {
      await reorderAgenda(tx, target.meetingId, input.items);
      await recordAudit(tx, audit('agenda.reorder', 'meeting', target.meetingId));
    });
    response.json(await loadMeetingDetail(db, target.meetingId));
  });

  return router;
}

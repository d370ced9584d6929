import { vietnamDay } from '@hopxa/domain';
import type { Database } from '@hopxa/db';
import {
  agendaOrderRequestSchema,
  createAgendaItemRequestSchema,
  createMeetingRequestSchema,
  updateAgendaItemRequestSchema,
  updateMeetingRequestSchema,
} from '@hopxa/protocol';
import { Router, type Request } from 'express';
import type { AccessChanges } from '../auth/access-changes.ts';
import type { NoticeChanges } from './notice-changes.ts';
import { authorize, bodyTarget, meetingTarget, requireAuth } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import {
  addAgendaItem,
  removeAgendaItem,
  reorderAgenda,
  updateAgendaItem,
} from './agenda-edits.service.ts';
import { createMeeting, loadMeetingDetail, updateMeeting } from './meeting.service.ts';
import { listMyMeetings } from './my-meetings.service.ts';

/** Meetings and their agendas, as the secretariat sets them up. */
export function meetingsRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
  noticeChanges: NoticeChanges,
): Router {
  const today = () => vietnamDay(clock());
  const router = Router();

  /** The meeting named in the path, with the caller cleared to edit it. */
  const editable = async (request: Request) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.edit', target);
    return { target, auth, actor: auditActor(request, auth, target.organisationId) };
  };

  router.post('/api/bodies/:bodyId/meetings', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'meeting.create', target);
    const input = parseInput(request, createMeetingRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    const created = await createMeeting(db, actor, target.bodyId, input, today());
    accessChanges.rolesChanged();
    response.status(201).json(created);
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
    const { target, auth, actor } = await editable(request);
    const input = parseInput(request, updateMeetingRequestSchema, request.body);
    const meeting = { id: target.meetingId, bodyId: target.bodyId };
    const updated = await updateMeeting(db, actor, meeting, input, today());
    if (input.presidingOfficerId !== undefined || input.secretaryIds !== undefined)
      accessChanges.rolesChanged();
    const noticeTouched = [input.title, input.place, input.startsAt].some(
      (field) => field !== undefined,
    );
    // NT2: once convened, the members are sent the notice as it now stands.
    if (noticeTouched && updated.status !== 'draft') noticeChanges.changed(target, auth.actor);
    response.json(updated);
  });

  router.post('/api/meetings/:meetingId/agenda-items', async (request, response) => {
    const { target, actor } = await editable(request);
    const input = parseInput(request, createAgendaItemRequestSchema, request.body);
    response.status(201).json(await addAgendaItem(db, actor, target.meetingId, input));
  });

  router.patch('/api/meetings/:meetingId/agenda-items/:itemId', async (request, response) => {
    const { target, actor } = await editable(request);
    const item = { meetingId: target.meetingId, itemId: uuidParam(request, 'itemId') };
    const input = parseInput(request, updateAgendaItemRequestSchema, request.body);
    response.json(await updateAgendaItem(db, actor, item, input));
  });

  router.delete('/api/meetings/:meetingId/agenda-items/:itemId', async (request, response) => {
    const { target, actor } = await editable(request);
    const item = { meetingId: target.meetingId, itemId: uuidParam(request, 'itemId') };
    response.json(await removeAgendaItem(db, actor, item));
  });

  router.put('/api/meetings/:meetingId/agenda-order', async (request, response) => {
    const { target, actor } = await editable(request);
    const input = parseInput(request, agendaOrderRequestSchema, request.body);
    response.json(await reorderAgenda(db, actor, target.meetingId, input));
  });

  return router;
}

import type { Database } from '@hopxa/db';
import { noticeOpenedRequestSchema } from '@hopxa/protocol';
import { Router } from 'express';
import { authorize, meetingTarget } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { noticeFor, noticeReceipts, recordNoticeOpened } from './notice.service.ts';

/**
 * The notice of a convened meeting as its members read it (NT1, NT2): what it says now and
 * its papers; their "opened" receipts; and, for the secretariat, who has opened it.
 */
export function noticeRoutes(db: Database, clock: () => Date, logKey: Buffer): Router {
  const router = Router();
  const cache = new MeetingStateCache(logKey);

  router.get('/api/meetings/:meetingId/notice', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.view', target);
    const state = await cache.current(db, target);
    response.setHeader('cache-control', 'no-store').json(await noticeFor(db, state, auth.actor));
  });

  router.post('/api/meetings/:meetingId/notice/opened', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.view', target);
    const { version } = parseInput(request, noticeOpenedRequestSchema, request.body);
    const state = await cache.current(db, target);
    const actor = auditActor(request, auth, target.organisationId);
    await recordNoticeOpened(db, state, actor, version, clock());
    response.status(204).end();
  });

  router.get('/api/meetings/:meetingId/notice/receipts', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    authorize(request, 'meeting.edit', target);
    const state = await cache.current(db, target);
    response.setHeader('cache-control', 'no-store').json(await noticeReceipts(db, state));
  });

  return router;
}

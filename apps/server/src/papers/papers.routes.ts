import type { Database } from '@hopxa/db';
import { Router } from 'express';
import { authorize, meetingTarget } from '../auth/authorize.ts';
import { HttpError } from '../http/http-error.ts';
import { uuidParam } from '../http/validate.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { MinutesStore } from '../minutes/minutes-store.ts';
import { sendPaperFile } from './paper-file.ts';
import { makePaper, type PaperFormat, type PaperName } from './papers.service.ts';

const PAPER = /^(notice|minutes|attendance|agenda|poll-[0-9a-f-]{36})\.(docx|pdf)$/;

/**
 * A meeting's papers as files (its notice, and the sitting's papers), for the secretariat, the
 * presiding officer and the secretaries.
 */
export function papersRoutes(db: Database, logKey: Buffer): Router {
  const router = Router();
  const cache = new MeetingStateCache(logKey);
  const minutes = new MinutesStore(db);

  router.get('/api/meetings/:meetingId/papers/:paper', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    authorize(request, 'meeting.papers', target);
    const match = PAPER.exec(request.params.paper ?? '');
    if (!match) throw new HttpError(404, 'not_found');
    sendPaperFile(
      response,
      await makePaper(db, cache, minutes, target, {
        name: match[1] as PaperName,
        format: match[2] as PaperFormat,
      }),
    );
  });

  return router;
}

import type { Database } from '@hopxa/db';
import { vietnamDay } from '@hopxa/domain';
import { Router } from 'express';
import { z } from 'zod';
import { authorize, provinceTarget } from '../auth/authorize.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import type { Logger } from '../logger.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { sendPaperFile } from '../papers/paper-file.ts';
import { makeDaySummary } from './day-summary.service.ts';

/** `?day=YYYY-MM-DD`, a Vietnam day; without it, today in Vietnam. */
const daySummaryQuerySchema = z.strictObject({ day: z.iso.date().optional() });

/**
 * The province office's printable summary of a day's sittings in its communes (PDF or DOCX),
 * for whoever sees the province's board (B3).
 */
export function daySummaryRoutes(
  db: Database,
  clock: () => Date,
  logKey: Buffer,
  logger: Logger,
): Router {
  const router = Router();
  const cache = new MeetingStateCache(logKey);

  router.get('/api/provinces/:provinceId/day-summary/:paper', async (request, response) => {
    const target = await provinceTarget(db, uuidParam(request, 'provinceId'));
    authorize(request, 'board.view', target);
    const format = request.params.paper;
    if (format !== 'pdf' && format !== 'docx') throw new HttpError(404, 'not_found');
    const query = parseInput(request, daySummaryQuerySchema, request.query);
    const now = clock();
    sendPaperFile(
      response,
      await makeDaySummary(db, cache, logger, {
        provinceId: target.organisationId,
        day: query.day ?? vietnamDay(now),
        format,
        now,
      }),
    );
  });

  return router;
}

import type { Database } from '@hopxa/db';
import { vietnamDay } from '@hopxa/domain';
import { Router } from 'express';
import { loadOverview } from './overview.service.ts';

/** GET /api/overview: public, read-only; what the home page lists. */
export function overviewRoutes(db: Database, clock: () => Date): Router {
  const router = Router();
  router.get('/api/overview', async (_request, response) => {
    response.json(await loadOverview(db, vietnamDay(clock())));
  });
  return router;
}

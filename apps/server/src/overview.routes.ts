import type { Database } from '@hopxa/db';
import { Router } from 'express';
import { loadOverview } from './overview.service.ts';

/** GET /api/overview: public, read-only; what the home page lists. */
export function overviewRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/overview', async (_request, response) => {
    response.json(await loadOverview(db));
  });
  return router;
}

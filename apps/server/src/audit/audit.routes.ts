import type { Database } from '@hopxa/db';
import { Router } from 'express';
import { authorize, organisationTarget } from '../auth/authorize.ts';
import { uuidParam } from '../http/validate.ts';
import { listAuditEvents } from './audit.service.ts';

/** GET /api/organisations/:organisationId/audit: the latest 200 records of a commune. */
export function auditRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/organisations/:organisationId/audit', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    authorize(request, 'audit.read', target);
    response.json({ events: await listAuditEvents(db, target.organisationId) });
  });
  return router;
}

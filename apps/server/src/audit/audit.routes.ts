import { schema, type Database } from '@hopxa/db';
import { desc, eq } from 'drizzle-orm';
import { Router } from 'express';
import { authorize, organisationTarget } from '../auth/authorize.ts';
import { uuidParam } from '../http/validate.ts';

/** GET /api/organisations/:organisationId/audit: the latest 200 records of a commune. */
export function auditRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/organisations/:organisationId/audit', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    authorize(request, 'audit.read', target);
    const rows = await db
      .select({ event: schema.auditEvents, actor: schema.accounts.displayName })
      .from(schema.auditEvents)
      .leftJoin(schema.accounts, eq(schema.accounts.id, schema.auditEvents.actorAccountId))
      .where(eq(schema.auditEvents.organisationId, target.organisationId))
      .orderBy(desc(schema.auditEvents.id))
      .limit(200);
    response.json({
      events: rows.map(({ event, actor }) => ({
        id: event.id,
        at: event.at.toISOString(),
        actor,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        detail: event.detail,
        address: event.address,
      })),
    });
  });
  return router;
}

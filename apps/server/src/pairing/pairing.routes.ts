import { vietnamDay } from '@hopxa/domain';
import type { Database } from '@hopxa/db';
import { redeemPairingRequestSchema } from '@hopxa/protocol';
import { Router } from 'express';
import { accountSummary } from '../auth/account-summary.ts';
import { loadActor } from '../auth/actor.service.ts';
import { authorize, bodyTarget, organisationTarget } from '../auth/authorize.ts';
import { auditActor, clientAddress } from '../auth/request-auth.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import type { AccessChanges } from '../auth/access-changes.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import {
  createHallDisplayPairingCode,
  createPairingCode,
  listTablets,
  redeemPairingCode,
  revokeTablet,
} from './pairing.service.ts';

/** A new code as the secretariat's screen shows it, once. */
const codeAnswer = (created: { id: string; code: string; expiresAt: Date; fullName: string }) => ({
  id: created.id,
  code: created.code,
  expiresAt: created.expiresAt.toISOString(),
  fullName: created.fullName,
});

/** Pairing tablets with delegates: make a code, redeem it on the tablet, list and revoke. */
export function pairingRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
): Router {
  const router = Router();
  const today = () => vietnamDay(clock());

  router.post('/api/bodies/:bodyId/members/:personId/pairing-codes', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'pairing.manage', target);
    const seat = {
      bodyId: target.bodyId,
      personId: uuidParam(request, 'personId'),
      organisationId: target.organisationId,
      today: today(),
    };
    const created = await createPairingCode(
      db,
      auditActor(request, auth, target.organisationId),
      seat,
      clock(),
    );
    response.status(201).json(codeAnswer(created));
  });

  router.post(
    '/api/organisations/:organisationId/hall-display-codes',
    async (request, response) => {
      const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
      const auth = authorize(request, 'pairing.manage', target);
      const created = await createHallDisplayPairingCode(
        db,
        auditActor(request, auth, target.organisationId),
        target.organisationId,
        clock(),
      );
      response.status(201).json(codeAnswer(created));
    },
  );

  router.post('/api/pairing/redeem', async (request, response) => {
    const input = parseInput(request, redeemPairingRequestSchema, request.body);
    const result = await redeemPairingCode(
      db,
      { code: input.code, address: clientAddress(request), deviceLabel: input.deviceLabel ?? null },
      clock(),
    );
    if (!result.ok)
      throw new HttpError(result.reason === 'rate_limited' ? 429 : 400, result.reason);
    setSessionCookie(request, response, result.token, result.expiresAt);
    const actor = await loadActor(db, result.account, clock());
    response.json({ account: await accountSummary(db, result.account, actor, true) });
  });

  router.get('/api/organisations/:organisationId/tablets', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    authorize(request, 'pairing.manage', target);
    const tablets = await listTablets(db, target.organisationId, clock());
    response.json({
      tablets: tablets.map((tablet) => ({
        ...tablet,
        createdAt: tablet.createdAt.toISOString(),
        expiresAt: tablet.expiresAt.toISOString(),
      })),
    });
  });

  router.delete(
    '/api/organisations/:organisationId/tablets/:pairingId',
    async (request, response) => {
      const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
      const auth = authorize(request, 'pairing.manage', target);
      const revoked = await revokeTablet(
        db,
        auditActor(request, auth, target.organisationId),
        { pairingId: uuidParam(request, 'pairingId'), organisationId: target.organisationId },
        clock(),
      );
      if (!revoked) throw new HttpError(404, 'not_found');
      if (revoked.endedSession) accessChanges.revokeSessions([revoked.endedSession]);
      response.status(204).end();
    },
  );

  return router;
}

import type { Database } from '@hopxa/db';
import { newProvinceAccountRequestSchema, type ProvinceResponse } from '@hopxa/protocol';
import { Router, type Request } from 'express';
import type { AccessChanges } from '../auth/access-changes.ts';
import { authorize, provinceTarget } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import {
  createProvinceFollower,
  disableProvinceFollower,
  provinceAccounts,
  provinceAndCommunes,
} from './province.service.ts';

/**
 * A province as its administrator keeps it (B3): its communes, and its own followers, who
 * see the board of every commune below.
 */
export function provinceRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
): Router {
  const router = Router();

  const administered = async (request: Request) => {
    const target = await provinceTarget(db, uuidParam(request, 'provinceId'));
    const auth = authorize(request, 'province.accounts', target);
    return {
      provinceId: target.organisationId,
      actor: auditActor(request, auth, target.organisationId),
    };
  };

  router.get('/api/provinces/:provinceId', async (request, response) => {
    const { provinceId } = await administered(request);
    const body: ProvinceResponse = {
      ...(await provinceAndCommunes(db, provinceId)),
      accounts: await provinceAccounts(db, provinceId),
    };
    response.json(body);
  });

  router.post('/api/provinces/:provinceId/accounts', async (request, response) => {
    const { provinceId, actor } = await administered(request);
    const input = parseInput(request, newProvinceAccountRequestSchema, request.body);
    response.status(201).json(await createProvinceFollower(db, actor, provinceId, input));
  });

  router.post(
    '/api/provinces/:provinceId/accounts/:accountId/disable',
    async (request, response) => {
      const { provinceId, actor } = await administered(request);
      const ended = await disableProvinceFollower(
        db,
        actor,
        provinceId,
        uuidParam(request, 'accountId'),
        clock(),
      );
      accessChanges.revokeSessions(ended);
      response.json({ accounts: await provinceAccounts(db, provinceId) });
    },
  );

  return router;
}

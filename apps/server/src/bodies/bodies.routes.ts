import type { Database } from '@hopxa/db';
import { vietnamDay } from '@hopxa/domain';
import {
  createBodyRequestSchema,
  createMemberRequestSchema,
  importMembersRequestSchema,
  updateBodyRequestSchema,
  updateMemberRequestSchema,
} from '@hopxa/protocol';
import { Router, type Request } from 'express';
import type { AccessChanges } from '../auth/access-changes.ts';
import { authorize, bodyTarget, organisationTarget } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import { apiError, callerLanguage } from '../http/api-errors.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import { createBody, updateBody } from './bodies.service.ts';
import { importMembers } from './member-import.service.ts';
import { addMember, loadMembers, updateMember } from './members.service.ts';
import { loadSetupOverview } from './setup-overview.service.ts';
import type { SizeCheck } from './statutory-size.service.ts';

/** Bodies and their members, as the secretariat of a commune keeps them. */
export function bodiesRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
): Router {
  const router = Router();
  const today = () => vietnamDay(clock());
  const sizeCheck = (request: Request): SizeCheck => ({
    today: today(),
    language: callerLanguage(request),
  });

  router.get('/api/organisations/:organisationId/setup', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    authorize(request, 'body.manage', target);
    response.json(await loadSetupOverview(db, target.organisationId, today()));
  });

  router.post('/api/organisations/:organisationId/bodies', async (request, response) => {
    const target = await organisationTarget(db, uuidParam(request, 'organisationId'));
    const auth = authorize(request, 'body.manage', target);
    const input = parseInput(request, createBodyRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    response.status(201).json(await createBody(db, actor, target.organisationId, input));
  });

  router.patch('/api/bodies/:bodyId', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'body.manage', target);
    const input = parseInput(request, updateBodyRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    await updateBody(db, actor, target.bodyId, input, sizeCheck(request));
    response.status(204).end();
  });

  router.get('/api/bodies/:bodyId/members', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    authorize(request, 'member.manage', target);
    response.json(await loadMembers(db, target.bodyId, today()));
  });

  router.post('/api/bodies/:bodyId/members', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const input = parseInput(request, createMemberRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    const membershipId = await addMember(db, actor, target.bodyId, input, sizeCheck(request));
    accessChanges.rolesChanged();
    response.status(201).json({ membershipId });
  });

  router.patch('/api/bodies/:bodyId/members/:membershipId', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const membershipId = uuidParam(request, 'membershipId');
    const input = parseInput(request, updateMemberRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    const seat = { bodyId: target.bodyId, membershipId };
    await updateMember(db, actor, seat, input, sizeCheck(request));
    accessChanges.rolesChanged();
    response.status(204).end();
  });

  router.post('/api/bodies/:bodyId/members/import', async (request, response) => {
    const target = await bodyTarget(db, uuidParam(request, 'bodyId'));
    const auth = authorize(request, 'member.manage', target);
    const input = parseInput(request, importMembersRequestSchema, request.body);
    const actor = auditActor(request, auth, target.organisationId);
    const { rows, outcome } = await importMembers(
      db,
      actor,
      target.bodyId,
      input,
      sizeCheck(request),
    );
    if (outcome === 'committed') accessChanges.rolesChanged();
    if (outcome === 'refused') {
      response.status(422).json({ ...apiError(request, 'csv_has_problems'), rows });
      return;
    }
    const committed = outcome === 'committed';
    response
      .status(committed ? 201 : 200)
      .json({ rows, committed, created: committed ? rows.length : 0 });
  });

  return router;
}

import type { Database } from '@hopxa/db';
import { newConnectionPointRequestSchema, type ConnectionPointsResponse } from '@hopxa/protocol';
import { Router, type Request } from 'express';
import type { AccessChanges } from '../auth/access-changes.ts';
import { authorize, meetingTarget } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import {
  addConnectionPoint,
  followersFor,
  listConnectionPoints,
  revokeConnectionPoint,
} from './connection-points.service.ts';
import type { VideoDesk } from './video-desk.ts';

/**
 * A meeting's connection points, as the secretariat sets them up: added with a publish
 * credential shown once, bound to a follower account, revoked (its video cut at once).
 */
export function connectionPointsRoutes(
  db: Database,
  accessChanges: AccessChanges,
  video: VideoDesk,
): Router {
  const router = Router();

  /** The meeting named in the path, with the caller cleared to set it up. */
  const editable = async (request: Request) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.edit', target);
    return { target, actor: auditActor(request, auth, target.organisationId) };
  };

  router.get('/api/meetings/:meetingId/connection-points', async (request, response) => {
    const { target } = await editable(request);
    const body: ConnectionPointsResponse = {
      points: await listConnectionPoints(db, target.meetingId),
      followers: await followersFor(db, target),
    };
    response.json(body);
  });

  router.post('/api/meetings/:meetingId/connection-points', async (request, response) => {
    const { target, actor } = await editable(request);
    const input = parseInput(request, newConnectionPointRequestSchema, request.body);
    const created = await addConnectionPoint(db, actor, target, input);
    // A follower bound now speaks as the point from its next message.
    if (input.followerAccountId) accessChanges.rolesChanged();
    await video.pointsChanged(target, null);
    response.status(201).json(created);
  });

  router.post(
    '/api/meetings/:meetingId/connection-points/:pointId/revoke',
    async (request, response) => {
      const { target, actor } = await editable(request);
      const pointId = uuidParam(request, 'pointId');
      if (await revokeConnectionPoint(db, actor, target.meetingId, pointId)) {
        accessChanges.rolesChanged();
        await video.pointsChanged(target, pointId);
      }
      response.json({ points: await listConnectionPoints(db, target.meetingId) });
    },
  );

  return router;
}

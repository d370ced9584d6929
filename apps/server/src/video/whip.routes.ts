import type { Database } from '@hopxa/db';
import type { MeetingTarget } from '@hopxa/domain';
import express, { Router, type Request, type Response } from 'express';
import { meetingTarget } from '../auth/authorize.ts';
import { HttpError } from '../http/http-error.ts';
import { uuidParam } from '../http/validate.ts';
import type { Outcome } from '../meetings/meeting-engine.ts';
import { pointOfCredential, type CredentialHolder } from './connection-points.service.ts';
import { HTTP_OWNER, type VideoDesk } from './video-desk.ts';

/** What an SDP body may weigh: an offer with every candidate is a few kilobytes. */
const SDP_LIMIT = '20kb';

/**
 * WHIP ingest (RFC 9725) and WHEP playback for studio encoders (OBS publishes by WHIP) and
 * other systems: `Authorization: Bearer <the point's publish credential>`. A WHIP publish
 * goes to the credential's point; WHEP plays the program or one point. The answer comes
 * whole (no trickle ICE): 201 with the session's resource in Location, DELETE ends it.
 * No cookie is read here, so no page of another site can ride a session to these.
 */
export function whipRoutes(db: Database, video: VideoDesk): Router {
  const router = Router();
  router.use(
    ['/whip', '/whep'],
    allowAnyOrigin,
    express.text({ type: 'application/sdp', limit: SDP_LIMIT }),
  );

  /** The caller's point, from its bearer credential, in the meeting of the path. */
  const pointOf = async (request: Request, target: MeetingTarget): Promise<CredentialHolder> => {
    const point = await pointOfCredential(db, bearerOf(request));
    if (!point || point.meetingId !== target.meetingId)
      throw new HttpError(401, 'video_credential_refused');
    return point;
  };
  const offerOf = (request: Request): string => {
    if (!request.is('application/sdp') || typeof request.body !== 'string')
      throw new HttpError(415, 'video_offer_refused');
    // As the socket's schema has it: an SDP description begins with its version line.
    if (!request.body.startsWith('v=0')) throw new HttpError(400, 'video_offer_refused');
    return request.body;
  };
  /** 201 with the answer and where the session lives, or the refusal as the API answers. */
  const created = (
    response: Response,
    path: string,
    outcome: Outcome<{ sessionId: string; answer: string }>,
  ) => {
    if (!outcome.ok) throw new HttpError(statusOf(outcome.code), outcome.code);
    response
      .status(201)
      .location(`${path}/sessions/${outcome.data.sessionId}`)
      .type('application/sdp')
      .send(outcome.data.answer);
  };

  router.post('/whip/:meetingId', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const owner = `${HTTP_OWNER}${crypto.randomUUID()}`;
    // The desk publishes only at the credential's own point, of this meeting.
    created(
      response,
      `/whip/${target.meetingId}`,
      await video.publish(owner, target, bearerOf(request), offerOf(request)),
    );
  });

  const play = async (request: Request, response: Response, pointId: string | null) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const point = await pointOf(request, target);
    const owner = `${HTTP_OWNER}${crypto.randomUUID()}`;
    created(
      response,
      `/whep/${target.meetingId}`,
      await video.watch(owner, target, point.pointId, {
        source: pointId ? { kind: 'point', pointId } : { kind: 'program' },
        quality: 'high',
        offer: offerOf(request),
      }),
    );
  };
  router.post('/whep/:meetingId/program', (request, response) => play(request, response, null));
  router.post('/whep/:meetingId/points/:pointId', (request, response) =>
    play(request, response, uuidParam(request, 'pointId')),
  );

  for (const kind of ['whip', 'whep'])
    router.delete(`/${kind}/:meetingId/sessions/:sessionId`, async (request, response) => {
      const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
      const point = await pointOf(request, target);
      const sessionId = uuidParam(request, 'sessionId');
      if (!(await video.closeForPoint(target.meetingId, sessionId, point.pointId)))
        throw new HttpError(404, 'not_found');
      response.status(200).end();
    });

  return router;
}

/** The credential of `Authorization: Bearer ...`, or '' (which no point has). */
function bearerOf(request: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1] ?? '';
}

/** Bearer-protected and cookie-free: a browser-based encoder on another origin may call. */
function allowAnyOrigin(request: Request, response: Response, next: () => void): void {
  response.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Expose-Headers': 'Location',
  });
  if (request.method === 'OPTIONS') response.status(204).end();
  else next();
}

function statusOf(code: string): number {
  if (code === 'video_credential_refused') return 401;
  if (code === 'video_unavailable') return 503;
  if (code === 'unknown_connection_point') return 404;
  return 400;
}

import type { Database } from '@hopxa/db';
import type { RequestHandler } from 'express';
import { loadActor } from './actor.service.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-cookie.ts';
import { validateSessionToken } from './session.service.ts';
import './request-auth.ts';

/**
 * Reads the session cookie of every API request into `request.auth`. A stale cookie is
 * cleared; a session past half its life is extended and its cookie sent again.
 */
export function authenticate(db: Database, clock: () => Date): RequestHandler {
  return async (request, response, next) => {
    const token = readSessionToken(request);
    if (!token) {
      request.auth = null;
      next();
      return;
    }
    const now = clock();
    const found = await validateSessionToken(db, token, now);
    if (!found) {
      clearSessionCookie(request, response);
      request.auth = null;
      next();
      return;
    }
    if (found.renewed) setSessionCookie(request, response, token, found.session.expiresAt);
    request.auth = {
      session: found.session,
      account: found.account,
      actor: await loadActor(db, found.account, now),
    };
    next();
  };
}

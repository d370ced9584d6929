import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request must come from our own pages: its Origin must name the host it
 * was sent to. Browsers always send Origin on such requests, so a missing one is refused too.
 * With SameSite=Lax cookies this closes cross-site request forgery.
 */
export const checkOrigin: RequestHandler = (request, _response, next) => {
  if (SAFE_METHODS.has(request.method)) {
    next();
    return;
  }
  const origin = request.headers.origin;
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  let originHost: string | undefined;
  try {
    originHost = origin ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (originHost === undefined || originHost !== host) {
    next(new HttpError(403, 'bad_origin'));
    return;
  }
  next();
};

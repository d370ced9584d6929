import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the Origin header names the host the request was sent to (or the one a proxy in
 * front says it was). A page on another site cannot set these headers, so a match means
 * the request came from our own pages; 'missing' when there is no Origin at all.
 */
export function originMatchesHost(headers: IncomingHttpHeaders): boolean | 'missing' {
  const origin = headers.origin;
  if (origin === undefined) return 'missing';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === headers.host || originHost === headers['x-forwarded-host'];
}

/**
 * A state-changing request must come from our own pages. Browsers always send Origin on such
 * requests, so a missing one is refused too. With SameSite=Lax cookies this closes
 * cross-site request forgery.
 */
export const checkOrigin: RequestHandler = (request, _response, next) => {
  if (SAFE_METHODS.has(request.method) || originMatchesHost(request.headers) === true) {
    next();
    return;
  }
  next(new HttpError(403, 'bad_origin'));
};

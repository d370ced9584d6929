import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the Origin header names the host the request was sent to, or, only when proxies in
 * front are trusted (TRUST_PROXY), the one the proxy says it was (X-Forwarded-Host): without
 * a proxy that header is the caller's to write. A page on another site cannot set Origin, so
 * a match means the request came from our own pages; 'missing' when there is no Origin.
 */
export function originMatchesHost(
  headers: IncomingHttpHeaders,
  trustForwarded: boolean,
): boolean | 'missing' {
  const origin = headers.origin;
  if (origin === undefined) return 'missing';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers['x-forwarded-host'];
  const forwardedHost = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return originHost === headers.host || (trustForwarded && originHost === forwardedHost);
}

/**
 * A state-changing request must come from our own pages. Browsers always send Origin on such
 * requests, so a missing one is refused too. With SameSite=Lax cookies this closes
 * cross-site request forgery.
 */
export function checkOrigin(trustProxy: number): RequestHandler {
  return (request, _response, next) => {
    if (
      SAFE_METHODS.has(request.method) ||
      originMatchesHost(request.headers, trustProxy > 0) === true
    ) {
      next();
      return;
    }
    next(new HttpError(403, 'bad_origin'));
  };
}

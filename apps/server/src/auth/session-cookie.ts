import { parseCookie, stringifySetCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';

export const SESSION_COOKIE = 'hopxa_session';

/** The session token from a request's Cookie header, if any. */
export function readSessionToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/**
 * HttpOnly so scripts cannot read it; SameSite=Lax so other sites cannot post with it; Secure
 * when the page was served over https, directly or through a trusted proxy that says so
 * (Express reads X-Forwarded-Proto only under TRUST_PROXY).
 */
export function setSessionCookie(
  request: Request,
  response: ServerResponse,
  token: string,
  expiresAt: Date,
): void {
  response.appendHeader(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(request: Request, response: ServerResponse): void {
  response.appendHeader(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: '',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: '/',
      maxAge: 0,
    }),
  );
}

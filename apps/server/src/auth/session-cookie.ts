import { parseCookie, stringifySetCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'hopxa_session';

/** The session token from a request's Cookie header, if any. */
export function readSessionToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** Secure when the page was served over https, directly or through a proxy that says so. */
function isHttps(request: IncomingMessage): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  return (
    ('encrypted' in request.socket && request.socket.encrypted === true) ||
    (typeof forwarded === 'string' && forwarded.split(',')[0]?.trim() === 'https')
  );
}

/** HttpOnly so scripts cannot read it; SameSite=Lax so other sites cannot post with it. */
export function setSessionCookie(
  request: IncomingMessage,
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
      secure: isHttps(request),
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(request: IncomingMessage, response: ServerResponse): void {
  response.appendHeader(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: '',
      httpOnly: true,
      sameSite: 'lax',
      secure: isHttps(request),
      path: '/',
      maxAge: 0,
    }),
  );
}

import { SESSION_COOKIE } from '../auth/session-cookie.ts';

/** What a browser at `base` would send: JSON, our own Origin, and a cookie if it has one. */
async function post(base: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      origin: base,
      'content-type': 'application/json',
      ...(cookie && { cookie }),
    },
    body: JSON.stringify(body ?? {}),
  });
}

function sessionCookie(response: Response): string {
  const header = response.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error(`no session cookie (HTTP ${response.status})`);
  return header.split(';')[0] ?? '';
}

/** Signs in with a password, as the sign-in page does; returns the Cookie header to send. */
export async function signInOver(
  base: string,
  username: string,
  password: string,
): Promise<string> {
  return sessionCookie(await post(base, '/api/auth/sign-in', { username, password }));
}

/** Pairs a tablet for a member, as the secretariat and then the tablet do; returns its cookie. */
export async function pairTabletOver(
  base: string,
  secretariatCookie: string,
  bodyId: string,
  personId: string,
): Promise<string> {
  const made = await post(
    base,
    `/api/bodies/${bodyId}/members/${personId}/pairing-codes`,
    {},
    secretariatCookie,
  );
  const { code } = (await made.json()) as { code: string };
  return sessionCookie(await post(base, '/api/pairing/redeem', { code }));
}

/** POSTs JSON as a browser page would, with a session cookie; resolves with the answer's JSON. */
export async function postOver<T>(
  base: string,
  path: string,
  body: unknown,
  cookie: string,
): Promise<T> {
  const response = await post(base, path, body, cookie);
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** GETs JSON with a session cookie. */
export async function getOver<T>(base: string, path: string, cookie: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

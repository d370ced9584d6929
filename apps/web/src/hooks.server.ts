import type { Handle, HandleFetch } from '@sveltejs/kit/hooks';
import { LANGUAGE_COOKIE, parseLanguage } from '#lib/i18n/language.ts';
import { parseSetCookie } from 'cookie';

/**
 * The REST API lives in the Express server beside this app, not in SvelteKit routes, so a
 * server-side `fetch('/api/...')` would get SvelteKit's own 404. Send it over HTTP to the
 * very socket this request came in on (loopback, whatever proxy or scheme is in front), with
 * the caller's cookie, and hand any cookie the API sets (a session extended) back to the
 * browser, so the API sees and keeps the same session the page was asked with.
 */
export const handleFetch: HandleFetch = async ({ request, event, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);
  const socket = event.platform?.req?.socket;
  // In dev there is no adapter and the page's own origin is the dev server itself.
  const origin =
    socket?.localAddress && socket.localPort
      ? `http://${socket.localAddress.includes(':') ? `[${socket.localAddress}]` : socket.localAddress}:${socket.localPort}`
      : url.origin;
  const forwarded = new Request(`${origin}${url.pathname}${url.search}`, request);
  const cookie = event.request.headers.get('cookie');
  if (cookie) forwarded.headers.set('cookie', cookie);
  const response = await globalThis.fetch(forwarded);
  for (const header of response.headers.getSetCookie()) {
    const { name, value = '', path = '/', ...options } = parseSetCookie(header);
    event.cookies.set(name, value, { path, ...options });
  }
  return response;
};

/** The page's `lang` is the language the browser chose last time (Vietnamese until then). */
export const handle: Handle = ({ event, resolve }) => {
  const language = parseLanguage(event.cookies.get(LANGUAGE_COOKIE));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('<html lang="vi">', `<html lang="${language}">`),
  });
};

import type { HandleFetch } from '@sveltejs/kit/hooks';

/**
 * The REST API lives in the Express server beside this app, not in SvelteKit routes, so a
 * server-side `fetch('/api/...')` would get SvelteKit's own 404. Send it over HTTP to the
 * very socket this request came in on: loopback, whatever proxy or scheme is in front.
 */
export const handleFetch: HandleFetch = async ({ request, event, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);
  const socket = event.platform?.req?.socket;
  if (socket?.localAddress && socket.localPort) {
    const host = socket.localAddress.includes(':')
      ? `[${socket.localAddress}]`
      : socket.localAddress;
    return globalThis.fetch(
      new Request(`http://${host}:${socket.localPort}${url.pathname}${url.search}`, request),
    );
  }
  // In dev there is no adapter and the page's own origin is the dev server itself.
  return globalThis.fetch(request);
};

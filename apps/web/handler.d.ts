// The types of build/handler.js, which adapter-node writes without declarations.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The built SvelteKit app as Node middleware, for the server to mount after its routes. */
export declare function handler(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void;

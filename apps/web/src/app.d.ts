import type { IncomingMessage } from 'node:http';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Platform {
      /** adapter-node hands over the Node request the Express server received. */
      req?: IncomingMessage;
    }
    interface PageState {
      /** The pairing page, reached because this tablet's session was revoked or ended. */
      revoked?: boolean;
    }
  }
}

export {};

import type { Server as HttpServer } from 'node:http';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { Server } from 'socket.io';
import type { Logger } from './logger.ts';

/** Why a connection was refused; the client shows the matching sentence. */
export type ConnectRefusal = { readonly code: 'protocol_mismatch'; readonly serverVersion: number };

/**
 * Socket.IO on the same http server as the pages. A client must say which protocol it
 * speaks; an out-of-date tab is refused with a typed reason so it can ask for a reload.
 */
export function attachRealtime(
  httpServer: HttpServer,
  logger: Logger,
  options: { readonly destroyUpgrade?: boolean } = {},
): Server {
  const io = new Server(httpServer, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    destroyUpgrade: options.destroyUpgrade ?? true,
  });
  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    if (version === PROTOCOL_VERSION) {
      next();
      return;
    }
    const refusal = Object.assign(new Error('protocol_mismatch'), {
      data: { code: 'protocol_mismatch', serverVersion: PROTOCOL_VERSION } satisfies ConnectRefusal,
    });
    next(refusal);
  });
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id }, 'realtime client connected');
  });
  return io;
}

import type { Server as HttpServer } from 'node:http';
import type { Database } from '@hopxa/db';
import type { Actor } from '@hopxa/domain';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { Server, type ServerOptions } from 'socket.io';
import { loadActor } from './auth/actor.service.ts';
import { originMatchesHost } from './auth/origin-check.middleware.ts';
import { readSessionToken } from './auth/session-cookie.ts';
import type { SessionRevocations } from './auth/session-revocations.ts';
import { validateSessionToken, type Account } from './auth/session.service.ts';
import type { Logger } from './logger.ts';
import { MeetingStateCache } from './meetings/event-log.ts';
import { registerMeetingHandlers, type MeetingServer } from './meetings/meeting.handlers.ts';

/** Why a connection was refused; the client shows the matching sentence. */
export type ConnectRefusal =
  | { readonly code: 'protocol_mismatch'; readonly serverVersion: number }
  | { readonly code: 'unauthenticated' };

/** What a connected socket carries: who is on the other end. */
export type SocketData = { account: Account; actor: Actor };

function refuse(refusal: ConnectRefusal): Error {
  return Object.assign(new Error(refusal.code), { data: refusal });
}

/**
 * Socket.IO on the same http server as the pages. A client must speak this protocol version
 * (an out-of-date tab is told to reload) and carry the same session cookie as the pages.
 */
export function attachRealtime(
  httpServer: HttpServer,
  dependencies: {
    readonly db: Database;
    readonly logger: Logger;
    readonly revocations: SessionRevocations;
    readonly clock?: () => Date;
    readonly destroyUpgrade?: boolean;
    /** Shares rooms with the other server processes (the Redis streams adapter). */
    readonly adapter?: ServerOptions['adapter'];
  },
): MeetingServer {
  const clock = dependencies.clock ?? (() => new Date());
  // One per process: meetings' latest states, topped up from the log on every use.
  const cache = new MeetingStateCache();
  const io: MeetingServer = new Server(httpServer, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    destroyUpgrade: dependencies.destroyUpgrade ?? true,
    ...(dependencies.adapter && { adapter: dependencies.adapter }),
    // Browsers always send Origin on a websocket: one naming another site is a page there
    // trying to ride our cookie (cross-site websocket hijacking).
    allowRequest: (request, callback) =>
      callback(null, originMatchesHost(request.headers) !== false),
  });
  io.use(async (socket, next) => {
    const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    if (version !== PROTOCOL_VERSION) {
      next(refuse({ code: 'protocol_mismatch', serverVersion: PROTOCOL_VERSION }));
      return;
    }
    const token = readSessionToken(socket.request);
    const found = token ? await validateSessionToken(dependencies.db, token, clock()) : null;
    if (!found) {
      next(refuse({ code: 'unauthenticated' }));
      return;
    }
    socket.data.account = found.account;
    await socket.join(`session:${found.session.id}`);
    socket.data.actor = await loadActor(dependencies.db, found.account, clock());
    next();
  });
  dependencies.revocations.on('revoked', (sessionIds) => {
    io.in(sessionIds.map((id) => `session:${id}`)).disconnectSockets(true);
  });
  io.on('connection', (socket) => {
    registerMeetingHandlers(io, socket, {
      db: dependencies.db,
      logger: dependencies.logger,
      clock,
      cache,
    });
    dependencies.logger.debug(
      { socket: socket.id, account: socket.data.account.id },
      'realtime client connected',
    );
  });
  return io;
}

import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { Database } from '@hopxa/db';
import {
  CLIENT_EVENTS,
  PROTOCOL_VERSION,
  type ConnectRefusal,
  type MinutesStepsMessage,
} from '@hopxa/protocol';
import { Server, type ServerOptions } from 'socket.io';
import type { AccessChanges } from '../auth/access-changes.ts';
import { originMatchesHost } from '../auth/origin-check.middleware.ts';
import { readSessionToken } from '../auth/session-cookie.ts';
import { validateSessionToken } from '../auth/session.service.ts';
import type { Logger } from '../logger.ts';
import { MeetingEngine } from '../meetings/meeting-engine.ts';
import type { NoticeChanges } from '../meetings/notice-changes.ts';
import { MinutesDesk } from '../minutes/minutes-desk.ts';
import { ProceedingsWriter } from '../minutes/proceedings-writer.ts';
import type { ServerKeys } from '../server-key.ts';
import { registerMeetingHandlers } from './meeting.handlers.ts';
import { registerMinutesHandlers } from './minutes.handlers.ts';
import { registerPollHandlers } from './poll.handlers.ts';
import { registerVideoHandlers } from './video.handlers.ts';
import { boardRoom, registerBoardHandlers } from './board.handlers.ts';
import { BoardDesk } from '../board/board-desk.ts';
import { PROGRAM_EVENTS, VideoDesk, type HomeCall } from '../video/video-desk.ts';
import { memberAccounts } from '../meetings/member-accounts.ts';
import {
  accountRoom,
  createSocketContext,
  meetingRoom,
  type MeetingServer,
} from './socket-context.ts';

/** The events after which the members are sent the notice (NT1, NT2). */
const NOTICE_EVENTS: ReadonlySet<string> = new Set(['meeting_convened', 'notice_amended']);

/** How often the video here is asked which linked points went silent (the board's alert). */
const POINTS_CHECK_MS = 2000;

/**
 * Tells the board how many points dropped in each sitting whose video is here; a sitting
 * no longer in session is let go.
 */
async function watchDroppedPoints(
  home: VideoDesk['home'],
  board: BoardDesk,
  engine: MeetingEngine,
): Promise<void> {
  for (const [meetingId, count] of await home.droppedPoints()) {
    const held = engine.cache.held(meetingId);
    if (held && held.state.status !== 'open') {
      home.unlink(meetingId);
      board.pointsDownChanged(meetingId, 0);
    } else board.pointsDownChanged(meetingId, count);
  }
}

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
    readonly accessChanges: AccessChanges;
    /** The keys made from the server's secret: ballots are sealed and the log chained with them. */
    readonly keys: ServerKeys;
    readonly clock?: () => Date;
    readonly destroyUpgrade?: boolean;
    /** How many proxies in front to trust (TRUST_PROXY): only then is X-Forwarded-Host read. */
    readonly trustProxy?: number;
    /** Shares rooms with the other server processes (the Redis streams adapter). */
    readonly adapter?: ServerOptions['adapter'];
    /** Linked video, shared with the HTTP side; absent: video refused, as when switched off. */
    readonly video?: VideoDesk;
    /** Setup changes made over HTTP to convened meetings, whose notice is sent again. */
    readonly noticeChanges?: NoticeChanges;
  },
): MeetingServer {
  const clock = dependencies.clock ?? (() => new Date());
  const io: MeetingServer = new Server(httpServer, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    destroyUpgrade: dependencies.destroyUpgrade ?? true,
    ...(dependencies.adapter && { adapter: dependencies.adapter }),
    // Browsers always send Origin on a websocket: one naming another site is a page there
    // trying to ride our cookie (cross-site websocket hijacking).
    allowRequest: (request, callback) =>
      callback(
        null,
        originMatchesHost(request.headers, (dependencies.trustProxy ?? 0) > 0) !== false,
      ),
  });
  const minutesSink = (message: MinutesStepsMessage) =>
    io.to(meetingRoom(message.meetingId)).emit('minutes:steps', message);
  const engine: MeetingEngine = new MeetingEngine({
    db: dependencies.db,
    logger: dependencies.logger,
    clock,
    keys: dependencies.keys,
    soleWriter: dependencies.adapter === undefined,
    proceedings: (meetingId) => proceedings.writeNow(meetingId),
    sink: {
      events: (meetingId, events, head) => {
        io.to(meetingRoom(meetingId)).emit('meeting:events', { meetingId, events, head });
        const held = engine.cache.held(meetingId);
        if (held) board.committed(held.state);
        proceedings.committed(meetingId, events);
        if (events.some((event) => NOTICE_EVENTS.has(event.type))) tellMembers(meetingId);
        if (events.some((event) => PROGRAM_EVENTS.has(event.type)))
          engine
            .target(meetingId)
            .then((target) => video.refreshProgram(target))
            .catch((error: unknown) =>
              dependencies.logger.warn({ err: error, meetingId }, 'program not refreshed'),
            );
      },
      progress: (message) => io.to(meetingRoom(message.meetingId)).emit('poll:progress', message),
    },
  });
  // The province boards: each process sends its own viewers, and tells the others what it
  // committed, so every process holds every board it serves whole.
  const board = new BoardDesk({
    db: dependencies.db,
    logger: dependencies.logger,
    clock,
    state: async (meetingId) => engine.state(await engine.target(meetingId)),
    link: {
      send: (message) => io.local.to(boardRoom(message.provinceId)).emit('board:changes', message),
      ...(dependencies.adapter && {
        share: (changes) => io.serverSideEmit('board-sittings', changes),
        sharePoints: (meetingId, count) => io.serverSideEmit('board-points', meetingId, count),
      }),
    },
  });
  io.on('board-sittings', (changes) => board.received(changes));
  io.on('board-points', (meetingId, count) => board.pointsDownChanged(meetingId, count, true));
  const watchingPoints = setInterval(() => {
    watchDroppedPoints(video.home, board, engine).catch((error: unknown) =>
      dependencies.logger.warn({ err: error }, 'connection points not checked'),
    );
  }, POINTS_CHECK_MS);
  watchingPoints.unref();
  httpServer.on('close', () => {
    board.close();
    clearInterval(watchingPoints);
  });
  /** NT1, NT2: each member's own screens hear that the notice came or changed. */
  const tellMembers = (meetingId: string) => {
    engine
      .target(meetingId)
      .then(async (target) => {
        const state = await engine.state(target);
        if (!state.notice) return;
        const accounts = await memberAccounts(
          dependencies.db,
          state.roster.map((member) => member.personId),
        );
        if (accounts.length === 0) return;
        io.to(accounts.map(accountRoom)).emit('notice:changed', {
          meetingId,
          version: state.notice.version,
        });
      })
      .catch((error: unknown) =>
        dependencies.logger.warn({ err: error, meetingId }, 'members not told of the notice'),
      );
  };
  // NT2: the notice as the setup now stands, recorded for whoever changed it. Nothing changed
  // (a title typed again as it was) is no new version, and no error.
  dependencies.noticeChanges?.on('changed', (target, actor) => {
    engine
      .command(target, actor, randomUUID(), { type: 'amend_notice' })
      .then((outcome) => {
        // Not convened yet, closed, or nothing changed: there is no notice to send again.
        const nothingToSend = ['notice_unchanged', 'not_convened', 'meeting_closed'];
        if (!outcome.ok && !nothingToSend.includes(outcome.code))
          dependencies.logger.warn(
            { meetingId: target.meetingId, code: outcome.code },
            'notice not sent again',
          );
      })
      .catch((error: unknown) =>
        dependencies.logger.error(
          { err: error, meetingId: target.meetingId },
          'notice not sent again',
        ),
      );
  });
  // The proceedings are written after each event this process commits.
  const proceedings = new ProceedingsWriter({
    db: dependencies.db,
    store: engine.minutes,
    target: (meetingId) => engine.target(meetingId),
    logKey: dependencies.keys.log,
    logger: dependencies.logger,
    sink: minutesSink,
  });
  const video =
    dependencies.video ??
    new VideoDesk({ db: dependencies.db, router: null, logger: dependencies.logger });
  video.connect({
    state: (target) => engine.state(target),
    ended: (owner, message) => io.to(owner).emit('video:ended', message),
    points: (meetingId, data) =>
      io.to(meetingRoom(meetingId)).emit('video:points', { meetingId, ...data }),
    // Several processes: a meeting's video lives in one of them, asked through the adapter.
    ...(dependencies.adapter && {
      ask: async (home: string, call: HomeCall) => {
        const answers = await io.serverSideEmitWithAck('video-call', home, call);
        const answer = answers.find((each) => each !== null);
        if (!answer) throw new Error(`video home ${home} did not answer`);
        if ('failed' in answer) throw new Error(answer.failed);
        return answer.value;
      },
      ownerGone: (owner: string) => io.serverSideEmit('video-owner-gone', owner),
    }),
  });
  io.on('video-call', (home, call, ack) => {
    if (home !== video.here) return ack(null);
    video.handle(call).then(
      (value) => ack({ value }),
      (error: unknown) => ack({ failed: String(error) }),
    );
  });
  io.on('video-owner-gone', (owner) => void video.home.ownerGone(owner));
  const minutes = new MinutesDesk(engine.minutes, minutesSink, (target) =>
    engine.minutesLocked(target),
  );
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
    // The session's room (to close it when revoked) and the account's (its own notices).
    await socket.join([`session:${found.session.id}`, accountRoom(found.account.id)]);
    next();
  });
  // Seats or meeting roles changed here or in another process: every socket re-reads its actor.
  let rolesGeneration = 0;
  dependencies.accessChanges.on('rolesChanged', () => {
    rolesGeneration += 1;
    // Alone, the in-memory adapter would only print that it cannot.
    if (dependencies.adapter) io.serverSideEmit('roles-changed');
  });
  io.on('roles-changed', () => {
    rolesGeneration += 1;
  });
  dependencies.accessChanges.on('sessionsRevoked', (sessionIds) => {
    io.in(sessionIds.map((id) => `session:${id}`)).disconnectSockets(true);
  });
  const known = new Set<string>(CLIENT_EVENTS);
  io.on('connection', (socket) => {
    const context = createSocketContext(socket, engine, minutes, video, () => rolesGeneration);
    // An event no handler knows still gets its answer, if it asked for one.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (known.has(event)) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: context.wireError('invalid_input') });
    });
    registerMeetingHandlers(context);
    registerPollHandlers(context);
    registerMinutesHandlers(context);
    registerVideoHandlers(context);
    registerBoardHandlers(context, board);
    dependencies.logger.debug(
      { socket: socket.id, account: socket.data.account.id },
      'realtime client connected',
    );
  });
  return io;
}

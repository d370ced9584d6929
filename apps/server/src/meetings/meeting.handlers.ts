import type { Database } from '@hopxa/db';
import { can, type MeetingCommand } from '@hopxa/domain';
import {
  commandRequestSchema,
  joinRequestSchema,
  type Answer,
  type ClientToServerEvents,
  type JoinData,
  type ServerToClientEvents,
  type WireError,
} from '@hopxa/protocol';
import type { Server, Socket } from 'socket.io';
import { loadActor } from '../auth/actor.service.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { ERROR_MESSAGES, type ErrorCode } from '../http/error-messages.ts';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../logger.ts';
import type { SocketData } from '../realtime.ts';
import { loadEventsSince, runCommand, type MeetingStateCache } from './event-log.ts';
import { loadSittingSetup } from './sitting-setup.ts';

export type MeetingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type MeetingSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** A client further behind than this gets a snapshot instead of the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/**
 * The meeting events of one socket: join (snapshot or catch-up, then the stream) and
 * commands (validated, decided, committed, acknowledged, then broadcast to the room). Every
 * message gets a typed answer; nothing a client sends can throw out of here.
 */
export function registerMeetingHandlers(
  io: MeetingServer,
  socket: MeetingSocket,
  dependencies: {
    readonly db: Database;
    readonly logger: Logger;
    readonly clock: () => Date;
    readonly cache: MeetingStateCache;
  },
): void {
  const { db, logger, clock, cache } = dependencies;
  const language = socket.handshake.headers['accept-language']?.toLowerCase().startsWith('en')
    ? 'en'
    : 'vi';
  const wireError = (code: ErrorCode): WireError => ({
    code,
    message: ERROR_MESSAGES[code][language],
  });

  /** Runs a handler with a safe reply: a bad ack, bad input or a failure never escapes. */
  const handle =
    <T>(work: (request: unknown) => Promise<Answer<T>>) =>
    (request: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (answer: Answer<T>) => void) : () => {};
      work(request).then(reply, (error: unknown) => {
        if (error instanceof HttpError) {
          reply({ ok: false, error: wireError(error.code) });
          return;
        }
        logger.error({ err: error, socket: socket.id }, 'meeting handler failed');
        reply({ ok: false, error: wireError('unavailable') });
      });
    };

  socket.on(
    'meeting:join',
    handle<JoinData>(async (request) => {
      const parsed = joinRequestSchema.safeParse(request);
      if (!parsed.success) return { ok: false, error: wireError('invalid_input') };
      const target = await meetingTarget(db, parsed.data.meetingId);
      const actor = await loadActor(db, socket.data.account, clock());
      if (!can(actor, 'meeting.view', target)) return { ok: false, error: wireError('forbidden') };
      await socket.join(meetingRoom(target.meetingId));
      const state = await cache.current(db, target);
      const since = parsed.data.sinceSeq;
      if (since !== null && since <= state.seq && state.seq - since <= MAX_CATCH_UP_EVENTS) {
        const events = await loadEventsSince(db, target.meetingId, since);
        return { ok: true, seq: state.seq, data: { kind: 'events', events } };
      }
      return { ok: true, seq: state.seq, data: { kind: 'snapshot', state } };
    }),
  );

  socket.on('meeting:leave', (request: unknown) => {
    const meetingId = (request as { meetingId?: unknown } | null)?.meetingId;
    if (typeof meetingId === 'string') void socket.leave(meetingRoom(meetingId));
  });

  socket.on(
    'meeting:command',
    handle<{ replayed: boolean }>(async (request) => {
      const parsed = commandRequestSchema.safeParse(request);
      if (!parsed.success) return { ok: false, error: wireError('invalid_input') };
      const { meetingId, commandId, command: input } = parsed.data;
      const target = await meetingTarget(db, meetingId);
      const now = clock();
      const actor = await loadActor(db, socket.data.account, now);
      const command: MeetingCommand =
        input.type === 'open_sitting'
          ? {
              type: 'open_sitting',
              setup: await loadSittingSetup(db, target.bodyId, target.meetingId, now),
            }
          : input;
      const result = await runCommand(db, { target, commandId, command, actor, now }, cache);
      if (!result.answer.ok) return { ok: false, error: wireError(result.answer.error.code) };
      if (result.events.length > 0) {
        io.to(meetingRoom(meetingId)).emit('meeting:events', { meetingId, events: result.events });
      }
      return { ok: true, seq: result.answer.seq, data: { replayed: result.replayed } };
    }),
  );
}

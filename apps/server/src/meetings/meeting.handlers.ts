import type { Database } from '@hopxa/db';
import { can, type Actor, type MeetingCommand } from '@hopxa/domain';
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
import type { MeetingCommandQueue } from './command-queue.ts';
import { loadEventsSince, type MeetingStateCache } from './event-log.ts';
import { loadSittingSetup } from './sitting-setup.ts';

/** What server processes tell each other (through the Redis adapter). */
export type InterServerEvents = { 'roles-changed': () => void };

export type MeetingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type MeetingSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The longest a socket's actor is trusted before it is read again. */
const ACTOR_REFRESH_MS = 5 * 60_000;

/** A client further behind than this gets a snapshot instead of the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/**
 * The meeting events of one socket: join (snapshot or catch-up, then the stream) and
 * commands (validated, then queued to be decided and committed; the queue broadcasts each
 * committed batch to the room, and the answer follows the commit). Every
 * message gets a typed answer; nothing a client sends can throw out of here.
 */
export function registerMeetingHandlers(
  socket: MeetingSocket,
  dependencies: {
    readonly db: Database;
    readonly logger: Logger;
    readonly clock: () => Date;
    readonly cache: MeetingStateCache;
    readonly queue: MeetingCommandQueue;
    /** Bumped whenever seats or meeting roles change anywhere. */
    readonly rolesGeneration: () => number;
  },
): void {
  const { db, logger, clock, cache, queue, rolesGeneration } = dependencies;
  const targetOf = (meetingId: string) =>
    cache.target(meetingId, () => meetingTarget(db, meetingId));
  // The actor (seats, meeting roles) is read again whenever they change anywhere, and at the
  // latest every few minutes (a term ending by date), so a storm of commands is not a storm of
  // reads, and a role taken away stops working at once.
  let actor: { value: Actor; readAt: number; generation: number } | undefined;
  const currentActor = async (now: Date) => {
    const generation = rolesGeneration();
    if (
      !actor ||
      actor.generation !== generation ||
      now.getTime() - actor.readAt > ACTOR_REFRESH_MS
    ) {
      actor = {
        value: await loadActor(db, socket.data.account, now),
        readAt: now.getTime(),
        generation,
      };
    }
    return actor.value;
  };
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
      const target = await targetOf(parsed.data.meetingId);
      if (!can(await currentActor(clock()), 'meeting.view', target)) {
        return { ok: false, error: wireError('forbidden') };
      }
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
      const target = await targetOf(meetingId);
      const now = clock();
      const actor = await currentActor(now);
      const command: MeetingCommand =
        input.type === 'open_sitting'
          ? {
              type: 'open_sitting',
              setup: await loadSittingSetup(db, target.bodyId, target.meetingId, now),
            }
          : input;
      const result = await queue.submit(target, { commandId, command, actor, now });
      if (!result.answer.ok) return { ok: false, error: wireError(result.answer.error.code) };
      return { ok: true, seq: result.answer.seq, data: { replayed: result.replayed } };
    }),
  );
}

import { isDataRefused } from '@hopxa/db';
import type { Actor, MeetingState } from '@hopxa/domain';
import type {
  Answer,
  ClientToServerEvents,
  ServerToClientEvents,
  WireError,
} from '@hopxa/protocol';
import type { Server, Socket } from 'socket.io';
import { loadActor } from '../auth/actor.service.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { ERROR_MESSAGES, type ErrorCode } from '../http/error-messages.ts';
import { HttpError } from '../http/http-error.ts';
import { loggable } from '../logger.ts';
import { LogBrokenError } from './event-log.ts';
import type { SocketData } from '../realtime.ts';
import type { MeetingRuntime } from './meeting-runtime.ts';

/** What server processes tell each other (through the Redis adapter). */
export type InterServerEvents = { 'roles-changed': () => void };

export type MeetingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type MeetingSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The longest a socket's actor is trusted before it is read again. */
const ACTOR_REFRESH_MS = 5 * 60_000;

/**
 * How many refusals one socket may get within `REFUSAL_WINDOW_MS` before the rest of the
 * window is refused at once (`too_many_refusals`), without work: a client sending bad or
 * forbidden messages in a loop costs the server, and the hall, nothing.
 */
const REFUSALS_PER_WINDOW = 30;
const REFUSAL_WINDOW_MS = 10_000;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/** What every handler of one socket shares: who it is, where a meeting sits, how to answer. */
export type SocketContext = {
  readonly currentActor: (now: Date) => Promise<Actor>;
  readonly targetOf: (meetingId: string) => Promise<MeetingState['target']>;
  readonly refusal: (code: ErrorCode) => { ok: false; error: WireError };
  /**
   * Wraps a handler so that a missing payload, a bad ack, bad input or a failure never
   * escapes, every message is answered, and a socket refused too often is refused at once.
   */
  readonly handle: <T>(
    work: (request: unknown) => Promise<Answer<T>>,
  ) => (...args: unknown[]) => void;
};

export function createSocketContext(
  socket: MeetingSocket,
  runtime: MeetingRuntime,
  /** Bumped whenever seats or meeting roles change anywhere. */
  rolesGeneration: () => number,
): SocketContext {
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
        value: await loadActor(runtime.db, socket.data.account, now),
        readAt: now.getTime(),
        generation,
      };
    }
    return actor.value;
  };
  // The language the client asked for (the web app's switch), else its browser's.
  const asked = (socket.handshake.auth as { language?: unknown }).language;
  const language =
    asked === 'vi' || asked === 'en'
      ? asked
      : socket.handshake.headers['accept-language']?.toLowerCase().startsWith('en')
        ? 'en'
        : 'vi';
  const wireError = (code: ErrorCode): WireError => ({
    code,
    message: ERROR_MESSAGES[code][language],
  });
  let refusals: number[] = [];
  const overRefusalLimit = (now: number) => {
    refusals = refusals.filter((at) => now - at < REFUSAL_WINDOW_MS);
    return refusals.length >= REFUSALS_PER_WINDOW;
  };
  return {
    currentActor,
    targetOf: (meetingId) =>
      runtime.cache.target(meetingId, () => meetingTarget(runtime.db, meetingId)),
    refusal: (code) => ({ ok: false, error: wireError(code) }),
    handle:
      <T>(work: (request: unknown) => Promise<Answer<T>>) =>
      (...args: unknown[]) => {
        // Every message gets an answer: one sent without a payload has its ack first.
        const [request, ack] = typeof args[0] === 'function' ? [undefined, args[0]] : args;
        const answer = typeof ack === 'function' ? (ack as (answer: Answer<T>) => void) : () => {};
        const reply = (given: Answer<T>) => {
          if (!given.ok) refusals.push(performance.now());
          answer(given);
        };
        if (overRefusalLimit(performance.now())) {
          answer({ ok: false, error: wireError('too_many_refusals') });
          return;
        }
        if (request === undefined) {
          reply({ ok: false, error: wireError('invalid_input') });
          return;
        }
        work(request).then(reply, (error: unknown) => {
          if (error instanceof HttpError) {
            reply({ ok: false, error: wireError(error.code) });
            return;
          }
          if (error instanceof LogBrokenError) {
            // An alert for whoever keeps the server: the meeting is not served until they look.
            runtime.logger.error(
              { meetingId: error.meetingId, ...error.broken },
              'a meeting log was changed outside the server: refusing to serve it',
            );
            reply({ ok: false, error: wireError('log_broken') });
            return;
          }
          runtime.logger.error({ socket: socket.id, ...loggable(error) }, 'meeting handler failed');
          // Data the database refused is the sender's: not worth a retry.
          reply({
            ok: false,
            error: wireError(isDataRefused(error) ? 'invalid_input' : 'unavailable'),
          });
        });
      },
  };
}

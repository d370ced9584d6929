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

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/** What every handler of one socket shares: who it is, where a meeting sits, how to answer. */
export type SocketContext = {
  readonly currentActor: (now: Date) => Promise<Actor>;
  readonly targetOf: (meetingId: string) => Promise<MeetingState['target']>;
  readonly refusal: (code: ErrorCode) => { ok: false; error: WireError };
  /** Wraps a handler so that a bad ack, bad input or a failure never escapes. */
  readonly handle: <T>(
    work: (request: unknown) => Promise<Answer<T>>,
  ) => (request: unknown, ack: unknown) => void;
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
  return {
    currentActor,
    targetOf: (meetingId) =>
      runtime.cache.target(meetingId, () => meetingTarget(runtime.db, meetingId)),
    refusal: (code) => ({ ok: false, error: wireError(code) }),
    handle:
      <T>(work: (request: unknown) => Promise<Answer<T>>) =>
      (request: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (answer: Answer<T>) => void) : () => {};
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
          runtime.logger.error({ err: error, socket: socket.id }, 'meeting handler failed');
          reply({ ok: false, error: wireError('unavailable') });
        });
      },
  };
}

import type { Actor, QuorumFigures } from '@hopxa/domain';
import type { ClientToServerEvents, ServerToClientEvents, WireError } from '@hopxa/protocol';
import type { Server, Socket } from 'socket.io';
import { loadActor } from '../auth/actor.service.ts';
import type { SharedSitting } from '../board/board-desk.ts';
import type { Account } from '../auth/session.service.ts';
import { ERROR_MESSAGES, quorumRefusal, type ErrorCode } from '../http/error-messages.ts';
import type { MeetingEngine } from '../meetings/meeting-engine.ts';
import type { MinutesDesk } from '../minutes/minutes-desk.ts';
import type { HomeCall, VideoDesk } from '../video/video-desk.ts';

/** What a connected socket carries: whose session it is (its actor is read per use). */
export type SocketData = { account: Account };

/** What server processes tell each other (through the Redis adapter). */
export type InterServerEvents = {
  'roles-changed': () => void;
  /** A video call for the process `home`; the others answer null. */
  'video-call': (home: string, call: HomeCall, ack: (answer: HomeAnswer | null) => void) => void;
  /** A socket went away: its video sessions end in whichever process holds them. */
  'video-owner-gone': (owner: string) => void;
  /** Sittings whose board summary changed in the sending process. */
  'board-sittings': (changes: readonly SharedSitting[]) => void;
  /** A meeting's connection points that dropped, counted by its video home. */
  'board-points': (meetingId: string, count: number) => void;
};

/** What a meeting's video home answers another process: the call's result, or that it failed. */
export type HomeAnswer = { readonly value: unknown } | { readonly failed: string };

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

/** Every socket of one account: its own notices reach each screen it has open. */
export const accountRoom = (accountId: string) => `account:${accountId}`;

/** What every handler of one socket shares: its engine, who it is, how it is answered. */
export type SocketContext = {
  readonly socket: MeetingSocket;
  readonly engine: MeetingEngine;
  readonly minutes: MinutesDesk;
  readonly video: VideoDesk;
  readonly currentActor: (now: Date) => Promise<Actor>;
  readonly wireError: (code: ErrorCode, quorum?: QuorumFigures) => WireError;
  /** Notes a refusal; true once the socket has had too many lately (answer at once, then). */
  readonly refused: () => void;
  readonly refusedTooOften: () => boolean;
};

export function createSocketContext(
  socket: MeetingSocket,
  engine: MeetingEngine,
  minutes: MinutesDesk,
  video: VideoDesk,
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
        value: await loadActor(engine.db, socket.data.account, now),
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
  let refusals: number[] = [];
  return {
    socket,
    engine,
    minutes,
    video,
    currentActor,
    wireError: (code, quorum) =>
      quorum
        ? { code, message: quorumRefusal(quorum, language), quorum }
        : { code, message: ERROR_MESSAGES[code][language] },
    refused: () => refusals.push(performance.now()),
    refusedTooOften: () => {
      const now = performance.now();
      refusals = refusals.filter((at) => now - at < REFUSAL_WINDOW_MS);
      return refusals.length >= REFUSALS_PER_WINDOW;
    },
  };
}

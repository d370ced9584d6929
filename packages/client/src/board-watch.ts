import {
  connectRefusalSchema,
  PROTOCOL_VERSION,
  type BoardChangesMessage,
  type BoardSitting,
  type BoardSnapshot,
  type ClientToServerEvents,
  type ConnectRefusal,
  type ServerToClientEvents,
  type WireError,
  unpackBoardSnapshot,
} from '@hopxa/protocol';
import { io, type Socket } from 'socket.io-client';
import type { ConnectionStatus } from './meeting-client.ts';

/** A province's board as a screen holds it: the snapshot's facts, its sittings by meeting. */
export type HeldBoard = Omit<BoardSnapshot, 'sittings'> & {
  readonly sittings: ReadonlyMap<string, BoardSitting>;
};

/** What a board screen shows of its line and its board, given anew after every change. */
export type BoardWatch = {
  readonly status: ConnectionStatus;
  /** Null until the first snapshot; kept while the line is down, for figures marked stale. */
  readonly board: HeldBoard | null;
  /** When the board last heard from the server (a snapshot or changes), in ms since 1970. */
  readonly heardAt: number | null;
  /** Why the server would not show this board (not the account's, no such province). */
  readonly refusal: WireError | undefined;
  /** Why the server refused the connection itself: an old page, or no session. */
  readonly connectRefusal: ConnectRefusal | undefined;
};

export type BoardWatchOptions = {
  /** Headers for a client outside a browser (its session cookie); a page sends its own. */
  readonly headers?: Record<string, string>;
  /** The language of the server's sentences; else the browser's Accept-Language. */
  readonly language?: 'vi' | 'en';
  /** How long to wait for the board before asking again on the same connection. */
  readonly answerTimeoutMs?: number;
};

/**
 * The sittings held with `incoming` laid over them: a sitting replaces the one held when its
 * seq is the same or later (a connection point's line changes a summary without a new seq),
 * never when earlier (messages of two server processes may cross). The same map when
 * nothing changed, so a screen redraws nothing.
 */
export function mergeSittings(
  held: ReadonlyMap<string, BoardSitting>,
  incoming: readonly BoardSitting[],
): ReadonlyMap<string, BoardSitting> {
  let merged: Map<string, BoardSitting> | undefined;
  for (const sitting of incoming) {
    const current = (merged ?? held).get(sitting.meetingId);
    if (current && current.seq > sitting.seq) continue;
    merged ??= new Map(held);
    merged.set(sitting.meetingId, sitting);
  }
  return merged ?? held;
}

/**
 * A board with a message's changes laid over it, and the province's communes again when the
 * message brings them (a commune added since, its name with its first sitting). The same
 * board when nothing changed.
 */
function laidOver(board: HeldBoard, message: BoardChangesMessage): HeldBoard {
  const sittings = mergeSittings(board.sittings, message.sittings);
  if (sittings === board.sittings && !message.communes) return board;
  return { ...board, sittings, ...(message.communes && { communes: message.communes }) };
}

/**
 * The sitting held, when a snapshot brings it again unchanged (after a reconnect, most do):
 * a screen keeps drawing the same object and redraws nothing for it.
 */
function kept(held: BoardSitting | undefined, sitting: BoardSitting): BoardSitting {
  return held && JSON.stringify(held) === JSON.stringify(sitting) ? held : sitting;
}

/**
 * Follows a province's board on a connection of its own: joins it (and again after every
 * reconnect, taking the new snapshot whole, since changes may have been missed meanwhile),
 * lays each `board:changes` over it, and joins again when a message is of another day than
 * the board held (a new day's board). `onChange` is called with the whole picture after
 * every change. Returns the function that stops following.
 */
export function watchBoard(
  url: string,
  provinceId: string,
  onChange: (watch: BoardWatch) => void,
  options: BoardWatchOptions = {},
): () => void {
  const answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: {
      protocolVersion: PROTOCOL_VERSION,
      ...(options.language && { language: options.language }),
    },
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 5000,
    ...(options.headers && { extraHeaders: options.headers }),
  });
  let watch: BoardWatch = {
    status: 'connecting',
    board: null,
    heardAt: null,
    refusal: undefined,
    connectRefusal: undefined,
  };
  let stopped = false;
  /** Changes heard while a join is under way: laid over the snapshot when it comes. */
  let early: BoardChangesMessage[] | null = null;
  /** Which join is the latest: the answer of an older one (before a reconnect) is dropped. */
  let joins = 0;

  const update = (next: Partial<BoardWatch>) => {
    if (stopped) return;
    watch = { ...watch, ...next };
    onChange(watch);
  };

  const join = async () => {
    joins += 1;
    const mine = joins;
    early = [];
    try {
      const answer = await socket
        .timeout(answerTimeoutMs)
        .emitWithAck('board:join', { provinceId });
      if (mine !== joins) return;
      const heard = early;
      early = null;
      if (!answer.ok) {
        update({ refusal: answer.error, board: null });
        return;
      }
      const { sittings, ...facts } = unpackBoardSnapshot(answer.data);
      const held = watch.board?.day === facts.day ? watch.board.sittings : new Map();
      let board: HeldBoard = {
        ...facts,
        sittings: new Map(
          sittings.map((sitting) => [
            sitting.meetingId,
            kept(held.get(sitting.meetingId), sitting),
          ]),
        ),
      };
      for (const message of heard) if (message.day === board.day) board = laidOver(board, message);
      update({ board, refusal: undefined, heardAt: Date.now() });
    } catch {
      // No answer in time: ask again while the line is up; a reconnect asks by itself.
      if (mine === joins && socket.connected && !stopped) void join();
    }
  };

  socket.on('board:changes', (message) => {
    if (message.provinceId !== provinceId) return;
    if (early) {
      early.push(message);
      return;
    }
    const board = watch.board;
    if (!board) return;
    if (message.day !== board.day) {
      void join();
      return;
    }
    update({ heardAt: Date.now(), board: laidOver(board, message) });
  });
  socket.on('connect', () => {
    update({ status: 'online', connectRefusal: undefined });
    void join();
  });
  socket.on('connect_error', (error) => {
    // The server refusing the connection itself (an old page, no session) is not a line
    // down: trying again changes nothing, so the screen says why.
    const refusal = connectRefusalSchema.safeParse((error as { data?: unknown }).data);
    update({
      status: refusal.success ? 'refused' : 'offline',
      connectRefusal: refusal.success ? refusal.data : undefined,
    });
  });
  socket.on('disconnect', (reason) => {
    update({ status: 'offline' });
    // A session ended (the account closed, signed out everywhere): knocking once more lets
    // the door say why, or lets a still-valid session back in.
    if (reason === 'io server disconnect') socket.connect();
  });

  return () => {
    stopped = true;
    socket.disconnect();
  };
}

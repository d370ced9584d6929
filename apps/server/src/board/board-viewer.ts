import {
  PROTOCOL_VERSION,
  unpackBoardSnapshot,
  type Answer,
  type BoardChangesMessage,
  type BoardSnapshot,
  type PackedBoardSnapshot,
} from '@hopxa/protocol';
import { io, type Socket } from 'socket.io-client';

/** What a board viewer's socket heard, each message with when it arrived. */
export type BoardViewer = {
  readonly socket: Socket;
  readonly join: (provinceId: string) => Promise<Answer<BoardSnapshot>>;
  readonly heard: { readonly at: number; readonly message: BoardChangesMessage }[];
  /** Resolves with the first sitting heard (or heard already) that `predicate` holds for. */
  readonly until: (
    predicate: (sitting: BoardChangesMessage['sittings'][number]) => boolean,
  ) => Promise<BoardChangesMessage['sittings'][number]>;
  readonly stop: () => void;
};

/**
 * A board screen as the tests see it: a real Socket.IO client with a session cookie (the
 * Cookie header's value, e.g. from `signInOver`).
 */
export async function boardViewer(url: string, cookie: string | null): Promise<BoardViewer> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    ...(cookie && { extraHeaders: { cookie } }),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const heard: BoardViewer['heard'] = [];
  const waiting = new Set<() => void>();
  socket.on('board:changes', (message: BoardChangesMessage) => {
    heard.push({ at: performance.now(), message });
    for (const check of waiting) check();
  });
  return {
    socket,
    heard,
    join: async (provinceId) => {
      const answer = (await socket
        .timeout(5000)
        .emitWithAck('board:join', { provinceId })) as Answer<PackedBoardSnapshot>;
      return answer.ok ? { ...answer, data: unpackBoardSnapshot(answer.data) } : answer;
    },
    until: (predicate) =>
      new Promise((resolve) => {
        const check = () => {
          for (const { message } of heard) {
            const found = message.sittings.find(predicate);
            if (found) {
              waiting.delete(check);
              resolve(found);
              return;
            }
          }
        };
        waiting.add(check);
        check();
      }),
    stop: () => void socket.disconnect(),
  };
}

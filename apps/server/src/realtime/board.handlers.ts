import { can } from '@hopxa/domain';
import {
  boardJoinRequestSchema,
  packBoardSnapshot,
  type Answer,
  type PackedBoardSnapshot,
} from '@hopxa/protocol';
import { provinceTarget } from '../auth/authorize.ts';
import type { BoardDesk } from '../board/board-desk.ts';
import { HttpError } from '../http/http-error.ts';
import { loggable } from '../logger.ts';
import type { SocketContext } from './socket-context.ts';

/** A province's board viewers, in each process: sent to locally, the processes share news. */
export const boardRoom = (provinceId: string) => `board:${provinceId}`;

/**
 * A socket's board messages (B3): its province's followers and administrator join the
 * board, get the whole of it at once and then its changes; nobody else gets a thing.
 */
export function registerBoardHandlers(context: SocketContext, board: BoardDesk): void {
  const { socket, engine, wireError } = context;
  socket.on('board:join', (...args: unknown[]) => {
    const [request, ack] = typeof args[0] === 'function' ? [undefined, args[0]] : args;
    const send =
      typeof ack === 'function' ? (ack as (answer: Answer<PackedBoardSnapshot>) => void) : null;
    const refuse = (code: Parameters<typeof wireError>[0]) => {
      context.refused();
      send?.({ ok: false, error: wireError(code) });
    };
    if (context.refusedTooOften()) {
      send?.({ ok: false, error: wireError('too_many_refusals') });
      return;
    }
    const joined = async () => {
      const parsed = boardJoinRequestSchema.safeParse(request);
      if (!parsed.success) return refuse('invalid_input');
      const target = await provinceTarget(engine.db, parsed.data.provinceId);
      const actor = await context.currentActor(engine.clock());
      if (!can(actor, 'board.view', target)) return refuse('forbidden');
      // In the room before the snapshot is taken: a change in between comes twice, not never.
      await socket.join(boardRoom(target.organisationId));
      const snapshot = await board.snapshot(target.organisationId);
      send?.({ ok: true, seq: 0, data: packBoardSnapshot(snapshot) });
    };
    joined().catch((error: unknown) => {
      if (error instanceof HttpError) return refuse(error.code);
      engine.logger.error({ socket: socket.id, ...loggable(error) }, 'board join failed');
      refuse('unavailable');
    });
  });
  socket.on('board:leave', (...args: unknown[]) => {
    const [request, ack] = typeof args[0] === 'function' ? [undefined, args[0]] : args;
    const send = typeof ack === 'function' ? (ack as (answer: Answer<null>) => void) : null;
    const parsed = boardJoinRequestSchema.safeParse(request);
    if (!parsed.success) {
      send?.({ ok: false, error: wireError('invalid_input') });
      return;
    }
    // The room is named by the stored id, which is in small letters.
    void socket.leave(boardRoom(parsed.data.provinceId.toLowerCase()));
    send?.({ ok: true, seq: 0, data: null });
  });
}

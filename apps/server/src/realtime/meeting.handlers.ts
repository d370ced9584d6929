import { commandRequestSchema, joinRequestSchema, leaveRequestSchema } from '@hopxa/protocol';
import { on } from './on.ts';
import { meetingRoom, type SocketContext } from './socket-context.ts';

/**
 * A socket's meeting messages: follow a meeting (a snapshot or the events missed, then the
 * room's stream), stop following it, and send it commands, answered after commit.
 */
export function registerMeetingHandlers(context: SocketContext): void {
  const { socket, engine } = context;

  on(context, 'meeting:join', joinRequestSchema, 'meeting.view', async (request, { target }) => {
    await socket.join(meetingRoom(target.meetingId));
    return engine.join(target, request.sinceSeq);
  });

  on(context, 'meeting:leave', leaveRequestSchema, 'meeting.view', async (_request, { target }) => {
    await socket.leave(meetingRoom(target.meetingId));
    return { ok: true, seq: 0, data: null };
  });

  on(
    context,
    'meeting:command',
    commandRequestSchema,
    'meeting.view',
    (request, { target, actor }) =>
      engine.command(target, actor, request.commandId, request.command),
  );
}

import { boundPoint } from '@hopxa/domain';
import {
  videoLeaveRequestSchema,
  videoMeetingRequestSchema,
  videoPublishRequestSchema,
  videoSwitchRequestSchema,
  videoWatchRequestSchema,
} from '@hopxa/protocol';
import { on } from './on.ts';
import type { SocketContext } from './socket-context.ts';

/**
 * A socket's video messages: anyone who follows the meeting may watch a point or the
 * program; only a point's own credential publishes there; the link status is for whoever
 * runs the sitting. The socket owns its sessions: they end when it closes.
 */
export function registerVideoHandlers(context: SocketContext): void {
  const { video, socket } = context;
  on(context, 'video:publish', videoPublishRequestSchema, 'meeting.view', (request, { target }) =>
    video.publish(socket.id, target, request.credential, request.offer),
  );
  on(context, 'video:watch', videoWatchRequestSchema, 'meeting.view', (request, caller) =>
    video.watch(
      socket.id,
      caller.target,
      boundPoint(caller.actor, request.meetingId)?.pointId ?? null,
      request,
    ),
  );
  on(context, 'video:switch', videoSwitchRequestSchema, 'meeting.view', (request, { target }) =>
    video.switchSource(socket.id, target, request),
  );
  on(context, 'video:leave', videoLeaveRequestSchema, 'meeting.view', (request) =>
    video.leave(socket.id, request.meetingId, request.sessionId),
  );
  on(context, 'video:points', videoMeetingRequestSchema, 'meeting.view', (_request, { target }) =>
    video.points(target),
  );
  on(context, 'video:status', videoMeetingRequestSchema, 'video.monitor', (_request, { target }) =>
    video.status(target),
  );
  socket.on('disconnect', () => void video.ownerGone(socket.id));
}

import { can } from '@hopxa/domain';
import {
  commandRequestSchema,
  joinRequestSchema,
  leaveRequestSchema,
  type JoinData,
} from '@hopxa/protocol';
import { loadEventsSince } from './event-log.ts';
import type { MeetingRuntime } from './meeting-runtime.ts';
import { prepareCommand } from './prepare-command.ts';
import { fingerprintOf } from './run-commands.ts';
import { openPollProgress } from '../polls/poll.handlers.ts';
import { meetingRoom, type MeetingSocket, type SocketContext } from './socket-context.ts';

/** A client further behind than this gets a snapshot instead of the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;

/**
 * The meeting events of one socket: join (snapshot or catch-up, then the stream) and
 * commands (validated, completed with what only the server knows, then queued to be
 * decided and committed; the answer follows the commit). Every message gets a typed answer.
 */
export function registerMeetingHandlers(
  socket: MeetingSocket,
  runtime: MeetingRuntime,
  context: SocketContext,
): void {
  const { db, cache, clock } = runtime;
  const { handle, refusal, targetOf, currentActor } = context;

  socket.on(
    'meeting:join',
    handle<JoinData>(async (request) => {
      const parsed = joinRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid_input');
      const target = await targetOf(parsed.data.meetingId);
      if (!can(await currentActor(clock()), 'meeting.view', target)) return refusal('forbidden');
      await socket.join(meetingRoom(target.meetingId));
      const known = await cache.head(db, target);
      const { state } = known;
      const progress = await openPollProgress(db, state);
      const head = state.seq === 0 ? null : runtime.logHead(known);
      const since = parsed.data.sinceSeq;
      if (since !== null && since <= state.seq && state.seq - since <= MAX_CATCH_UP_EVENTS) {
        const events = await loadEventsSince(db, target.meetingId, since, state.seq);
        return { ok: true, seq: state.seq, data: { kind: 'events', events, progress, head } };
      }
      return { ok: true, seq: state.seq, data: { kind: 'snapshot', state, progress, head } };
    }),
  );

  socket.on(
    'meeting:leave',
    handle<null>(async (request) => {
      const parsed = leaveRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid_input');
      await socket.leave(meetingRoom(parsed.data.meetingId));
      return { ok: true, seq: 0, data: null };
    }),
  );

  socket.on(
    'meeting:command',
    handle<{ replayed: boolean }>(async (request) => {
      const parsed = commandRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid_input');
      const { meetingId, commandId, command: input } = parsed.data;
      const target = await targetOf(meetingId);
      const now = clock();
      const actor = await currentActor(now);
      const command = await prepareCommand(runtime, target, input, actor, now);
      const fingerprint = fingerprintOf(input);
      const result = await runtime.command(target, { commandId, fingerprint, command, actor, now });
      if (!result.answer.ok) return refusal(result.answer.error.code);
      return { ok: true, seq: result.answer.seq, data: { replayed: result.replayed } };
    }),
  );
}

import { isDataRefused } from '@hopxa/db';
import { can, type Action, type Actor, type MeetingState } from '@hopxa/domain';
import type { Answer, AnswerData, ClientToServerEvents } from '@hopxa/protocol';
import type { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { loggable } from '../logger.ts';
import { LogBrokenError } from '../meetings/event-log.ts';
import type { Outcome } from '../meetings/meeting-engine.ts';
import type { SocketContext } from './socket-context.ts';

/**
 * Refusals that are part of working normally, not of a client misbehaving: a writer of the
 * minutes whose batch arrived after another's catches up and sends again; a picture tried
 * again while the video service restarts.
 */
const ROUTINE: ReadonlySet<string> = new Set(['minutes_stale', 'video_unavailable']);

/** Who sent a message, and about which meeting: known before the work starts. */
export type Caller = { readonly actor: Actor; readonly target: MeetingState['target'] };

/**
 * The one way a client message is handled, top to bottom: the payload validated by its
 * schema, the meeting looked up and `can(actor, action, target)` asked, then the work (the
 * engine), then the answer. The request and answer types come from `ClientToServerEvents`,
 * so a handler answering the wrong data does not compile. Every message is answered, one
 * sent without a payload too; a failure never escapes; a socket refused too often is refused
 * at once.
 *
 * @example
 * on(context, 'meeting:join', joinRequestSchema, 'meeting.view', (request, { target }) =>
 *   context.engine.join(target, request.sinceSeq),
 * );
 */
export function on<
  E extends keyof ClientToServerEvents,
  S extends z.ZodType<{ readonly meetingId: string }>,
>(
  context: SocketContext,
  event: E,
  schema: S,
  action: Action,
  work: (request: z.output<S>, caller: Caller) => Promise<Outcome<AnswerData<E>>>,
): void {
  const { socket, engine, wireError } = context;
  const listener = (...args: unknown[]) => {
    // A message sent without a payload has its acknowledgement first.
    const [request, ack] = typeof args[0] === 'function' ? [undefined, args[0]] : args;
    const send =
      typeof ack === 'function' ? (ack as (answer: Answer<AnswerData<E>>) => void) : null;
    const refuse = (...error: Parameters<typeof wireError>) => {
      if (!ROUTINE.has(error[0])) context.refused();
      send?.({ ok: false, error: wireError(...error) });
    };
    if (context.refusedTooOften()) {
      send?.({ ok: false, error: wireError('too_many_refusals') });
      return;
    }
    const handled = async (): Promise<void> => {
      const parsed = schema.safeParse(request);
      if (!parsed.success) return refuse('invalid_input');
      const target = await engine.target(parsed.data.meetingId);
      const actor = await context.currentActor(engine.clock());
      if (!can(actor, action, target)) return refuse('forbidden');
      const outcome = await work(parsed.data, { actor, target });
      if (!outcome.ok) return refuse(outcome.code, outcome.quorum);
      send?.({ ok: true, seq: outcome.seq, data: outcome.data });
    };
    handled().catch((error: unknown) => {
      if (error instanceof HttpError) return refuse(error.code);
      if (error instanceof LogBrokenError) {
        // An alert for whoever keeps the server: the meeting is not served until they look.
        engine.logger.error(
          { meetingId: error.meetingId, ...error.broken },
          'a meeting log was changed outside the server: refusing to serve it',
        );
        return refuse('log_broken');
      }
      engine.logger.error({ socket: socket.id, ...loggable(error) }, 'meeting handler failed');
      // Data the database refused is the sender's: not worth a retry.
      refuse(isDataRefused(error) ? 'invalid_input' : 'unavailable');
    });
  };
  socket.on(event, listener as unknown as Parameters<typeof socket.on<E>>[1]);
}

import {
  castRequestSchema,
  enterVoteRequestSchema,
  verifyReceiptRequestSchema,
} from '@hopxa/protocol';
import { on } from './on.ts';
import type { SocketContext } from './socket-context.ts';

/**
 * A socket's ballots: a cast is checked against the meeting's rules (V5, V7) and put in the
 * poll's box with the others arriving with it, answered after commit; a voter checks their
 * own receipt once the poll is closed; the secretary enters a show of hands for a member
 * without a tablet. Who may vote, and how, the engine asks the domain.
 */
export function registerPollHandlers(context: SocketContext): void {
  const { engine } = context;

  on(context, 'poll:cast', castRequestSchema, 'meeting.view', (request, { target, actor }) =>
    engine.cast(target, actor, request),
  );

  // A show of hands entered by the secretary for a member without a tablet (V18).
  on(
    context,
    'poll:enter',
    enterVoteRequestSchema,
    'meeting.keep_record',
    (request, { target, actor }) => engine.enter(target, actor, request),
  );

  on(
    context,
    'poll:verify',
    verifyReceiptRequestSchema,
    'meeting.view',
    (request, { target, actor }) => engine.verify(target, actor, request),
  );
}

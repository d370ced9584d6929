import type { Database } from '@hopxa/db';
import { can, canonicalBallot, checkBallot, isSecret, type MeetingState } from '@hopxa/domain';
import {
  castRequestSchema,
  verifyReceiptRequestSchema,
  type CastData,
  type PollProgress,
  type ReceiptData,
} from '@hopxa/protocol';
import type { MeetingRuntime } from '../meetings/meeting-runtime.ts';
import type { MeetingSocket, SocketContext } from '../meetings/socket-context.ts';
import { ballotOfReceipt, progressOf, repeatInBox } from './ballot-box.ts';

/**
 * Ballots of one socket. A cast is checked against the meeting's rules (V5, V7), then put in
 * the poll's box with the others arriving with it: an insert, not an entry in the log. The
 * answer comes after commit; the room hears the progress at most every 100 ms.
 */
export function registerPollHandlers(
  socket: MeetingSocket,
  runtime: MeetingRuntime,
  context: SocketContext,
): void {
  const { db, cache, clock } = runtime;
  const { handle, refusal, targetOf, currentActor } = context;

  socket.on(
    'poll:cast',
    handle<CastData>(async (request) => {
      const parsed = castRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid_input');
      const { meetingId, pollId, castId, ballot } = parsed.data;
      const target = await targetOf(meetingId);
      const actor = await currentActor(clock());
      const state = await runtime.stateForCheck(target);
      const poll = state.polls.find((candidate) => candidate.pollId === pollId);
      const refused = checkBallot(state, pollId, actor, ballot);
      if (!poll || !actor.personId || (refused && refused !== 'poll_not_open')) {
        return refusal(refused ?? 'unknown_poll');
      }
      const box = { meetingId, pollId, secret: isSecret(poll.kind), seats: poll.seats };
      // Names in the poll's order: the box never keeps an order a voter chose.
      const cast = {
        personId: actor.personId,
        castId,
        ballot: canonicalBallot(ballot, poll.candidates),
      };
      let outcome = refused ?? (await runtime.cast(box, cast));
      // A resend whose first copy got in before the poll closed is answered as a resend.
      if (outcome === 'poll_not_open')
        outcome = (await repeatInBox(db, runtime.seal, box, cast)) ?? outcome;
      if (outcome === 'recorded' || outcome === 'replayed') {
        const receipt = box.secret ? runtime.seal.receiptFor(pollId, actor.personId, castId) : null;
        return { ok: true, seq: state.seq, data: { replayed: outcome === 'replayed', receipt } };
      }
      return refusal(outcome);
    }),
  );

  socket.on(
    'poll:verify',
    handle<ReceiptData>(async (request) => {
      const parsed = verifyReceiptRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid_input');
      const { meetingId, pollId, receipt } = parsed.data;
      const target = await targetOf(meetingId);
      const actor = await currentActor(clock());
      if (!can(actor, 'meeting.view', target)) return refusal('forbidden');
      const state = await cache.current(db, target);
      const poll = state.polls.find((candidate) => candidate.pollId === pollId);
      if (!poll || !isSecret(poll.kind)) return refusal('unknown_poll');
      if (poll.status === 'open') return refusal('poll_still_open');
      // Only the account the receipt was given to is answered: a receipt someone else learnt
      // tells them nothing.
      if (!actor.personId || runtime.seal.nonceOf(pollId, actor.personId, receipt) === null)
        return refusal('receipt_not_yours');
      const ballot = await ballotOfReceipt(db, runtime.seal, pollId, actor.personId, receipt);
      return { ok: true, seq: state.seq, data: { counted: ballot !== null, ballot } };
    }),
  );
}

/** The open poll's progress, for a client joining the meeting; null when none is open. */
export async function openPollProgress(
  db: Database,
  state: MeetingState,
): Promise<PollProgress | null> {
  const poll = state.polls.find((candidate) => candidate.status === 'open');
  if (!poll) return null;
  const progress = await progressOf(db, { pollId: poll.pollId, secret: isSecret(poll.kind) });
  return { pollId: poll.pollId, ...progress };
}

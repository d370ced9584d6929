import {
  decide,
  isSecret,
  type Actor,
  type MeetingCommand,
  type MeetingState,
  type PollCount,
} from '@hopxa/domain';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { HttpError } from '../http/http-error.ts';
import { closeBox, countBox, openBox } from '../polls/ballot-box.ts';
import type { MeetingRuntime } from './meeting-runtime.ts';
import { loadSittingSetup } from './sitting-setup.ts';

const NOTHING_COUNTED: PollCount = {
  voters: [],
  votes: [],
  tally: { inFavour: 0, against: 0, notVoting: 0 },
  perCandidate: {},
  blank: 0,
  invalid: 0,
};

/**
 * Completes a client's command with what only the server may supply, and does what must
 * happen in the ballot box before the log records it:
 * - open_sitting: the roster, seats, rules and agenda, read from the database;
 * - open_poll: the poll's box is made (a box whose poll never opened takes no ballot, since
 *   every cast is checked against the log);
 * - close_poll: the box is closed, waiting out casts in flight, then counted, and the count
 *   goes into the command; a crash in between leaves a closed box that closing again counts;
 * - annul_poll of an open poll: the box is closed and its sealed ballots opened, so none is
 *   left sealed beside its voter's participation.
 * Box work is done only when the command would be accepted now; the queue still decides.
 */
export async function prepareCommand(
  runtime: MeetingRuntime,
  target: MeetingState['target'],
  input: MeetingCommandInput,
  actor: Actor,
  now: Date,
): Promise<MeetingCommand> {
  const { db, cache, seal } = runtime;
  switch (input.type) {
    case 'open_sitting':
      return {
        type: 'open_sitting',
        setup: await loadSittingSetup(db, target.bodyId, target.meetingId, now),
      };
    case 'open_poll': {
      const state = await cache.current(db, target);
      if (decide(state, input, actor, now).ok) {
        const ours = await openBox(db, {
          meetingId: target.meetingId,
          pollId: input.pollId,
          secret: isSecret(input.kind),
          seats: input.seats ?? 0,
        });
        if (!ours) throw new HttpError(409, 'poll_invalid');
      }
      return input;
    }
    case 'close_poll':
    case 'annul_poll': {
      const command: MeetingCommand =
        input.type === 'close_poll' ? { ...input, count: null } : input;
      // Would it be accepted with a count? Only then is the box closed and counted.
      const trial: MeetingCommand =
        input.type === 'close_poll' ? { ...input, count: NOTHING_COUNTED } : input;
      const state = await cache.current(db, target);
      const poll = state.polls.find((candidate) => candidate.pollId === input.pollId);
      if (!poll || poll.status !== 'open' || !decide(state, trial, actor, now).ok) {
        return command;
      }
      const box = { pollId: poll.pollId, secret: isSecret(poll.kind) };
      await closeBox(db, box.pollId);
      const count = await countBox(db, seal, box);
      return input.type === 'close_poll' ? { ...input, count } : command;
    }
    default:
      return input;
  }
}

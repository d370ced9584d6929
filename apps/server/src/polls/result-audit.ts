import type { Database } from '@hopxa/db';
import { isSecret, readRoll, type MeetingState, type PollState } from '@hopxa/domain';
import { readCount } from './ballot-box.ts';

/**
 * The closed polls of a meeting whose frozen result no longer agrees with their ballot box:
 * the tally, each candidate's votes, the blank and returned ballots, and who voted. A result
 * rewritten in the log (even by someone who could re-sign it) shows here unless the box was
 * rewritten to match as well.
 */
export async function resultsUnlikeTheirBoxes(
  db: Pick<Database, 'select'>,
  state: MeetingState,
): Promise<PollState[]> {
  const unlike: PollState[] = [];
  for (const poll of state.polls) {
    const result = poll.result;
    if (!result || poll.roll === null) continue;
    const count = await readCount(db, { pollId: poll.pollId, secret: isSecret(poll.kind) });
    const election = poll.kind === 'election';
    const returned = election
      ? count.voters.length
      : count.tally.inFavour + count.tally.against + count.tally.notVoting;
    const voted = readRoll(state.roster, poll.roll)
      .filter((entry) => entry.voted)
      .map((entry) => entry.personId)
      .sort();
    const agrees =
      result.returned === returned + count.invalid &&
      result.blank === count.blank &&
      (election
        ? result.candidates.every(
            (candidate) => candidate.votes === (count.perCandidate[candidate.id] ?? 0),
          )
        : result.tally.inFavour === count.tally.inFavour &&
          result.tally.against === count.tally.against &&
          result.tally.notVoting === count.tally.notVoting) &&
      JSON.stringify(voted) === JSON.stringify([...count.voters].sort());
    if (!agrees) unlike.push(poll);
  }
  return unlike;
}

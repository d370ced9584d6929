import type { BodyRules, Threshold } from '../body-rules.ts';
import { meetsThreshold, requiredCount } from '../thresholds.ts';

/**
 * The kinds of decision a sitting takes (DOMAIN: votes, elections, designations):
 * - open_vote: a show of hands on a motion; who chose what is recorded;
 * - secret_ballot: a motion decided by secret ballot;
 * - election: candidates for a number of seats, by secret ballot;
 * - consultation: the Fatherland Front's open vote, a tally with no pass or fail.
 * A designation is announced without a vote (`designation_announced`).
 */
export const POLL_KINDS = ['open_vote', 'secret_ballot', 'election', 'consultation'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** The three answers to a motion; their words come from the body's `voteLabels`. */
export const MOTION_CHOICES = ['in_favour', 'against', 'not_voting'] as const;
export type MotionChoice = (typeof MOTION_CHOICES)[number];

/** A motion's answer in the body's own words (a roll's unknown answer reads as not voting). */
export function choiceLabel(labels: BodyRules['voteLabels'], choice: MotionChoice | null): string {
  if (choice === 'in_favour') return labels.inFavour;
  if (choice === 'against') return labels.against;
  return labels.notVoting;
}

/** What one voter put in the box. */
export type Ballot =
  | { readonly kind: 'motion'; readonly choice: MotionChoice }
  | { readonly kind: 'election'; readonly candidateIds: readonly string[] };

export type Candidate = { readonly id: string; readonly name: string };

/**
 * The kinds of vote a body holds (V11): a consultation only where the body decides by
 * consensus (the Fatherland Front); every body may hold open votes, secret ballots and
 * elections.
 */
export function pollKindsFor(passing: Threshold | 'consensus'): PollKind[] {
  return POLL_KINDS.filter((kind) => kind !== 'consultation' || passing === 'consensus');
}

/** Whether a poll's ballots are kept apart from who cast them. */
export function isSecret(kind: PollKind): boolean {
  return kind === 'secret_ballot' || kind === 'election';
}

export type MotionTally = {
  readonly inFavour: number;
  readonly against: number;
  readonly notVoting: number;
};

/**
 * What the ballot box held when the poll closed, as the server read it: the facts `decide`
 * turns into a result. `votes` (who chose what) only for open votes and consultations.
 */
export type PollCount = {
  /** Everyone who cast a ballot (for a secret poll, from the participation list alone). */
  readonly voters: readonly string[];
  readonly tally: MotionTally;
  /** Votes per candidate id, for an election. */
  readonly perCandidate: Readonly<Record<string, number>>;
  /** Election ballots that name no candidate (phiếu trắng). */
  readonly blank: number;
  /** Ballots the tellers void (paper ballots); a tablet's ballot is checked before it goes in. */
  readonly invalid: number;
  readonly votes: readonly { readonly personId: string; readonly choice: MotionChoice }[];
  /** Open votes the secretary entered for members without a tablet (a show of hands). */
  readonly entered: readonly HandEntry[];
};

/** An open vote entered by the secretary for a member: whose, and who entered it. */
export type HandEntry = { readonly personId: string; readonly byAccountId: string };

/**
 * The tellers' count of a secret poll's paper ballots, from members without a tablet,
 * entered by the secretary before closing: ballots returned, how many void or blank, and
 * the answers (a motion) or the votes per candidate (an election) of the valid ones.
 */
export type PaperCount = {
  readonly returned: number;
  readonly invalid: number;
  readonly blank: number;
  readonly tally: MotionTally;
  readonly perCandidate: Readonly<Record<string, number>>;
};

export type CandidateResult = Candidate & {
  readonly votes: number;
  /** Share of the members in office, in hundredths of a percent (integer, rules T1, T2). */
  readonly shareOfTotalBp: number;
  readonly elected: boolean;
  /** Level with another candidate at the last seat: reported, not guessed (rule V10). */
  readonly tied: boolean;
};

/**
 * How a poll ended: a motion passed, failed or tied (V8, V9); a consultation gives its tally
 * (V11); an election elected someone, elected no one (nobody reached the threshold), or left
 * a seat undecided by a tie (V10).
 */
export type PollOutcome = 'passed' | 'failed' | 'tie' | 'consulted' | 'elected' | 'not_elected';

/** A closed poll's result, frozen in its `poll_closed` event: also the tellers' report. */
export type PollResult = {
  /** The base of the count: members in office with a vote, fixed when the sitting opened (T2). */
  readonly membersInOffice: number;
  /** Ballots issued: the voters entitled at closing. */
  readonly issued: number;
  /** Ballots returned: valid, blank and invalid together. */
  readonly returned: number;
  /** Ballots that count: a motion's every answer, an election's ballots naming someone. */
  readonly valid: number;
  /** Election ballots naming no candidate (phiếu trắng): returned, not valid, not void. */
  readonly blank: number;
  readonly invalid: number;
  /** Votes needed out of the members in office; null where nothing passes or fails. */
  readonly required: number | null;
  readonly outcome: PollOutcome;
  readonly tally: MotionTally;
  /** Each answer's share of the members in office, in hundredths of a percent (the tellers' report). */
  readonly tallyShareBp: MotionTally;
  /** The People's Committee's tie rule decided it, by the Chairperson's vote (V9). */
  readonly decidedByChair: boolean;
  readonly candidates: readonly CandidateResult[];
  /** Ballots returned from tablets (the rest were entered by hand or counted on paper). */
  readonly fromTablets: number;
  /** Open votes the secretary entered, each naming who entered it. */
  readonly entered: readonly HandEntry[];
  /** The paper ballots' count of a secret poll, as the secretary entered it; null if none. */
  readonly paper: PaperCount | null;
  /**
   * Entitled members who returned no ballot (issued minus returned): the minutes count
   * them as not voting (không biểu quyết), beside those who answered so.
   */
  readonly didNotVote: number;
};

/**
 * Who could vote and how each did, one mark per roster member in roster order, kept with a
 * closed poll (rule V5): F in favour, A against, N not voting (open votes), V voted (a
 * secret ballot keeps no choice), `.` entitled but did not vote, `-` not entitled. Compact,
 * so the result of a poll of 2,000 voters reaches every follower at once.
 */
export const ROLL_MARKS = {
  in_favour: 'F',
  against: 'A',
  not_voting: 'N',
  voted: 'V',
  didNotVote: '.',
  notEntitled: '-',
} as const;

export type RollEntry = {
  readonly personId: string;
  readonly fullName: string;
  readonly entitled: boolean;
  readonly voted: boolean;
  /** How they voted, in an open vote; null in a secret ballot or when they did not vote. */
  readonly choice: MotionChoice | null;
};

const CHOICE_OF_MARK: Readonly<Record<string, MotionChoice>> = {
  F: 'in_favour',
  A: 'against',
  N: 'not_voting',
};

/** A closed poll's roll, member by member. */
export function readRoll(
  roster: readonly { readonly personId: string; readonly fullName: string }[],
  roll: string,
): RollEntry[] {
  return roster.map((member, index) => {
    const mark = roll[index] ?? ROLL_MARKS.notEntitled;
    return {
      personId: member.personId,
      fullName: member.fullName,
      entitled: mark !== ROLL_MARKS.notEntitled,
      voted: mark !== ROLL_MARKS.notEntitled && mark !== ROLL_MARKS.didNotVote,
      choice: CHOICE_OF_MARK[mark] ?? null,
    };
  });
}

/** A share of the total in hundredths of a percent, rounded half up, integers only. */
export function shareOfTotalBp(count: number, total: number): number {
  return total === 0 ? 0 : Math.floor((count * 20_000 + total) / (total * 2));
}

/**
 * The result of a motion (rules V8, V9, T1, T2): passed when those in favour meet the
 * threshold against the members in office. Where the body has the People's Committee's tie
 * rule, and those in favour and those against are each exactly half of the members in office
 * (an even total, everyone voting on the two sides), the side the Chairperson voted with
 * wins; when the Chairperson's vote is not known (a secret ballot, or no vote) the tie is
 * reported and nothing passes. `consensus` gives the tally with no pass or fail.
 *
 * @example
 * // 9 members: 1 for, 1 against, 7 not voting is no tie under the rule, and fails.
 * motionOutcome({ inFavour: 1, against: 1, notVoting: 7 }, 9, MORE_THAN_HALF, { breaksTies: true, choice: 'in_favour' })
 * // { outcome: 'failed', required: 5, decidedByChair: false }
 */
export function motionOutcome(
  tally: MotionTally,
  membersInOffice: number,
  threshold: Threshold | 'consensus',
  chair: { readonly breaksTies: boolean; readonly choice: MotionChoice | null },
): Pick<PollResult, 'outcome' | 'required' | 'decidedByChair'> {
  if (threshold === 'consensus')
    return { outcome: 'consulted', required: null, decidedByChair: false };
  const required = requiredCount(membersInOffice, threshold);
  if (meetsThreshold(tally.inFavour, membersInOffice, threshold))
    return { outcome: 'passed', required, decidedByChair: false };
  const evenSplit =
    membersInOffice > 0 &&
    tally.inFavour * 2 === membersInOffice &&
    tally.against * 2 === membersInOffice;
  if (chair.breaksTies && evenSplit) {
    if (chair.choice === 'in_favour') return { outcome: 'passed', required, decidedByChair: true };
    if (chair.choice === 'against') return { outcome: 'failed', required, decidedByChair: true };
    return { outcome: 'tie', required, decidedByChair: false };
  }
  return { outcome: 'failed', required, decidedByChair: false };
}

/**
 * The result of an election (rule V10): a candidate is elected with votes meeting the
 * threshold against the members in office, most votes first, up to the number of seats;
 * candidates level at the last seat are marked tied and none of them is elected.
 */
export function electionResults(
  candidates: readonly Candidate[],
  perCandidate: Readonly<Record<string, number>>,
  seats: number,
  membersInOffice: number,
  threshold: Threshold,
): CandidateResult[] {
  const counted = candidates.map((candidate) => ({
    ...candidate,
    votes: perCandidate[candidate.id] ?? 0,
  }));
  const qualified = counted
    .filter((candidate) => meetsThreshold(candidate.votes, membersInOffice, threshold))
    .sort((a, b) => b.votes - a.votes);
  const elected = new Set<string>();
  const tied = new Set<string>();
  const lastSeatVotes = qualified[seats - 1]?.votes;
  // A tie only when the first candidate left out has as many votes as the last one in.
  const levelAtLastSeat = lastSeatVotes !== undefined && qualified[seats]?.votes === lastSeatVotes;
  for (const candidate of qualified.slice(0, seats)) {
    if (levelAtLastSeat && candidate.votes === lastSeatVotes) continue;
    elected.add(candidate.id);
  }
  if (levelAtLastSeat) {
    for (const candidate of qualified) {
      if (candidate.votes === lastSeatVotes) tied.add(candidate.id);
    }
  }
  return counted.map((candidate) => ({
    ...candidate,
    shareOfTotalBp: shareOfTotalBp(candidate.votes, membersInOffice),
    elected: elected.has(candidate.id),
    tied: tied.has(candidate.id),
  }));
}

/**
 * How an election ended (V10): `tie` when a seat is left undecided by candidates level at
 * the last seat, else `elected` when anyone was, else `not_elected` (nobody reached the
 * threshold).
 */
export function electionOutcome(results: readonly CandidateResult[]): PollOutcome {
  if (results.some((candidate) => candidate.tied)) return 'tie';
  return results.some((candidate) => candidate.elected) ? 'elected' : 'not_elected';
}

/**
 * An election ballot in the poll's own order of candidates, whatever order the voter
 * chose them in: the stored ballot says nothing a voter could be asked to arrange.
 */
export function canonicalBallot(ballot: Ballot, candidates: readonly Candidate[]): Ballot {
  if (ballot.kind !== 'election') return ballot;
  const order = new Map(candidates.map((candidate, index) => [candidate.id, index]));
  const candidateIds = [...ballot.candidateIds].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity),
  );
  return { kind: 'election', candidateIds };
}

/**
 * Whether a paper count holds together (V17): whole numbers; a motion's answers and void
 * ballots make up the ballots returned; an election's ballots are void, blank or valid, and
 * no candidate has more votes than there are valid ballots, nor all of them more than the
 * valid ballots times the seats.
 */
export function paperCountValid(
  paper: PaperCount,
  kind: PollKind,
  candidates: readonly Candidate[],
  seats: number,
): boolean {
  const counts = [
    paper.returned,
    paper.invalid,
    paper.blank,
    paper.tally.inFavour,
    paper.tally.against,
    paper.tally.notVoting,
    ...Object.values(paper.perCandidate),
  ];
  if (!counts.every((count) => Number.isInteger(count) && count >= 0)) return false;
  const answered = paper.tally.inFavour + paper.tally.against + paper.tally.notVoting;
  if (kind !== 'election')
    return (
      paper.blank === 0 &&
      Object.keys(paper.perCandidate).length === 0 &&
      answered + paper.invalid === paper.returned
    );
  const valid = paper.returned - paper.invalid - paper.blank;
  const known = new Set(candidates.map((candidate) => candidate.id));
  const votes = Object.entries(paper.perCandidate);
  return (
    answered === 0 &&
    valid >= 0 &&
    votes.every(([id, count]) => known.has(id) && count <= valid) &&
    votes.reduce((sum, [, count]) => sum + count, 0) <= valid * seats
  );
}

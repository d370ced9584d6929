// Results against a second reading of SPEC.md: for random bodies, attendance and ballots,
// the domain must agree with the deliberately naive rules below, written from SPEC.md's
// words with integer arithmetic only (loops instead of formulas, wherever they can be).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_KIND_VALUES } from '../body-kinds.ts';
import { DEFAULT_BODY_RULES, type BodyRules, type Threshold } from '../body-rules.ts';
import { apply } from './apply.ts';
import type { AttendanceStatus } from './attendance.ts';
import { checkBallot } from './decide-poll.ts';
import { decide } from './decide.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import { initialMeetingState, type MeetingState, type RosterMember } from './meeting-state.ts';
import {
  actor,
  agenda,
  notice,
  now,
  presiding,
  secretariat,
  secretary,
  target,
} from './meeting-test-kit.ts';
import { POLL_KINDS, type Ballot, type MotionChoice, type PollKind } from './poll.ts';
import { quorum } from './quorum.ts';

const STATUSES: AttendanceStatus[] = [
  'not_checked',
  'present_in_hall',
  'present_online',
  'absent_excused',
  'absent_unexcused',
];
const CHOICES: (MotionChoice | null)[] = [null, 'in_favour', 'against', 'not_voting'];
const CANDIDATES = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: `Ứng cử viên ${id}` }));

type Case = {
  kind: (typeof BODY_KIND_VALUES)[number];
  members: { votingRight: boolean; status: AttendanceStatus; choice: number; names: number[] }[];
  chairAt: number | null;
  pollKind: PollKind;
  twoThirds: boolean;
  candidates: number;
  seats: number;
};

const cases: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 60 }).chain((size) =>
  fc.record({
    kind: fc.constantFrom(...BODY_KIND_VALUES),
    members: fc.array(
      fc.record({
        // Mostly voters, some without a vote.
        votingRight: fc.integer({ min: 0, max: 7 }).map((roll) => roll > 0),
        // Mostly present, so that polls open often enough to test counting.
        status: fc
          .integer({ min: 0, max: 9 })
          .map((roll) => STATUSES[roll < 6 ? 1 + (roll % 2) : roll - 5] ?? 'not_checked'),
        choice: fc.integer({ min: 0, max: 3 }),
        names: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
      }),
      { minLength: size, maxLength: size },
    ),
    chairAt: fc.option(fc.integer({ min: 0, max: size - 1 }), { freq: 3 }),
    pollKind: fc.constantFrom(...POLL_KINDS),
    twoThirds: fc.boolean(),
    candidates: fc.integer({ min: 1, max: 5 }),
    seats: fc.integer({ min: 1, max: 5 }),
  }),
);

// ---- The naive reading of SPEC.md --------------------------------------------------------

/** T1: the least count meeting a threshold, found by trying each count in turn. */
function naiveRequired(base: number, threshold: Threshold): number {
  for (let count = 0; count <= base; count += 1) {
    if (naiveMeets(count, base, threshold)) return count;
  }
  return base + 1;
}
function naiveMeets(count: number, base: number, threshold: Threshold): boolean {
  const left = count * threshold.denominator;
  const right = base * threshold.numerator;
  return threshold.comparison === 'more_than' ? left > right : left >= right;
}
/** A share of the base in hundredths of a percent, rounded half up, by quotient and remainder. */
function naiveShare(count: number, base: number): number {
  if (base === 0) return 0;
  const quotient = Math.floor((count * 10_000) / base);
  const remainder = count * 10_000 - quotient * base;
  return remainder * 2 >= base ? quotient + 1 : quotient;
}
const isPresent = (status: AttendanceStatus) =>
  status === 'present_in_hall' || status === 'present_online';

// ---- Running a case through the domain -----------------------------------------------------

function step(state: MeetingState, command: MeetingCommand, by = presiding) {
  const decision = decide(state, command, by, now);
  if (!decision.ok) return { state, refused: decision.code };
  const next = decision.events.reduce(
    (current, event) => apply(current, { ...event, seq: current.seq + 1 }),
    state,
  );
  return { state: next, refused: null };
}
const voter = (index: number) =>
  actor({
    accountId: `account-${index}`,
    personId: `person-${index}`,
    memberships: [{ bodyId: target.bodyId, votingRight: true }],
  });

function check(testCase: Case): void {
  const rules: BodyRules = DEFAULT_BODY_RULES[testCase.kind];
  const roster: RosterMember[] = testCase.members.map((member, index) => ({
    personId: `person-${index}`,
    fullName: `Thành viên ${index}`,
    votingRight: member.votingRight,
    position: index === testCase.chairAt ? 'chair' : 'member',
  }));
  const base = testCase.members.filter((member) => member.votingRight).length;

  // T2: the base is the members in office with a vote; none, and the sitting cannot open.
  let run = step(
    initialMeetingState(target),
    { type: 'convene', setup: { statutorySize: 60, rules, roster, agenda, notice } },
    secretariat,
  );
  if (base === 0) {
    expect(run.refused).toBe('no_members_in_office');
    return;
  }
  expect(run.state.membersInOffice).toBe(base);
  testCase.members.forEach((member, index) => {
    if (member.status === 'not_checked') return;
    run = step(
      run.state,
      {
        type: 'record_attendance',
        personId: `person-${index}`,
        status: member.status,
        connectionPoint: 'Điểm cầu',
      },
      secretary,
    );
  });

  // Q1-Q5: present voters against the base.
  const presentVoters = testCase.members.filter(
    (member) => member.votingRight && isPresent(member.status),
  ).length;
  const required = rules.quorum === null ? 0 : naiveRequired(base, rules.quorum);
  expect(quorum(run.state)).toEqual({
    present: presentVoters,
    total: base,
    required,
    reached: presentVoters >= required,
    missing: presentVoters >= required ? 0 : required - presentVoters,
  });
  // Q1: the sitting opens only with quorum.
  run = step(run.state, { type: 'open_sitting', setup: { roster } });
  if (presentVoters < required) {
    expect(run.refused).toBe('quorum_not_reached');
    return;
  }
  run = step(run.state, { type: 'set_current_item', itemId: 'opening' });
  expect(run.refused).toBeNull();
  run = step(run.state, { type: 'appoint_tellers', personIds: ['person-0'] });

  // V11: a consultation only where the body decides by consensus.
  const kind = testCase.pollKind;
  const candidates = CANDIDATES.slice(0, testCase.candidates);
  const seats = Math.min(testCase.seats, candidates.length);
  run = step(run.state, {
    type: 'open_poll',
    pollId: 'poll',
    kind,
    title: 'Biểu quyết',
    ...(kind === 'election' && { candidates, seats }),
    ...(testCase.twoThirds && { majority: 'two_thirds' as const }),
  });
  if (kind === 'consultation' && rules.passing !== 'consensus') {
    expect(run.refused).toBe('poll_kind_not_allowed');
    return;
  }
  expect(run.refused).toBeNull();
  const opened = run.state;

  // V5, V7: who may vote, and what a ballot may name.
  const votes: { personId: string; choice: MotionChoice }[] = [];
  const perCandidate: Record<string, number> = {};
  let electionBallots = 0;
  let blank = 0;
  testCase.members.forEach((member, index) => {
    const choice = CHOICES[member.choice] ?? null;
    if (choice === null) return;
    const ids = [...new Set(member.names)].flatMap((at) => candidates[at]?.id ?? []);
    const ballot: Ballot =
      kind === 'election' ? { kind: 'election', candidateIds: ids } : { kind: 'motion', choice };
    const refused = checkBallot(opened, 'poll', voter(index), ballot);
    const expected = !member.votingRight
      ? 'not_entitled'
      : !isPresent(member.status)
        ? 'not_checked_in'
        : kind === 'election' && ids.length > seats
          ? 'too_many_choices'
          : null;
    expect(refused).toBe(expected);
    if (refused) return;
    votes.push({ personId: `person-${index}`, choice });
    if (kind === 'election') {
      electionBallots += 1;
      if (ids.length === 0) blank += 1;
      for (const id of ids) perCandidate[id] = (perCandidate[id] ?? 0) + 1;
    }
  });
  const secret = kind === 'secret_ballot' || kind === 'election';
  const tally = {
    inFavour: kind === 'election' ? 0 : votes.filter((vote) => vote.choice === 'in_favour').length,
    against: kind === 'election' ? 0 : votes.filter((vote) => vote.choice === 'against').length,
    notVoting:
      kind === 'election' ? 0 : votes.filter((vote) => vote.choice === 'not_voting').length,
  };
  run = step(opened, {
    type: 'close_poll',
    pollId: 'poll',
    count: {
      voters: votes.map((vote) => vote.personId),
      votes: secret ? [] : votes,
      tally,
      perCandidate,
      blank,
      invalid: 0,
      entered: [],
    },
  });
  const poll = run.state.polls[0];
  const result = poll?.result;

  // The threshold fixed when the poll opened (V8, V10, V11).
  const threshold: Threshold | 'consensus' =
    kind === 'consultation'
      ? 'consensus'
      : testCase.twoThirds
        ? { comparison: 'at_least', numerator: 2, denominator: 3 }
        : rules.passing === 'consensus'
          ? kind === 'election'
            ? { comparison: 'more_than', numerator: 1, denominator: 2 }
            : 'consensus'
          : rules.passing;

  // V5: ballots issued to those entitled at closing; the roll, member by member.
  expect(result?.issued).toBe(presentVoters);
  expect(result?.membersInOffice).toBe(base);
  const returned = kind === 'election' ? electionBallots : votes.length;
  expect(result).toMatchObject({ returned, valid: returned - blank, blank, invalid: 0 });
  const roll = testCase.members
    .map((member, index) => {
      const vote = votes.find((entry) => entry.personId === `person-${index}`);
      if (vote)
        return secret ? 'V' : { in_favour: 'F', against: 'A', not_voting: 'N' }[vote.choice];
      return member.votingRight && isPresent(member.status) ? '.' : '-';
    })
    .join('');
  expect(poll?.roll).toBe(roll);

  if (kind === 'election') {
    const electThreshold = threshold === 'consensus' ? undefined : threshold;
    if (!electThreshold) throw new Error('an election always has a threshold');
    // V10: a qualified candidate with as many ahead and level as there are seats is elected;
    // one whose level group straddles the last seat is tied.
    const qualified = candidates.filter((candidate) =>
      naiveMeets(perCandidate[candidate.id] ?? 0, base, electThreshold),
    );
    const expectedCandidates = candidates.map((candidate) => {
      const votesOf = perCandidate[candidate.id] ?? 0;
      const isQualified = qualified.includes(candidate);
      const ahead = qualified.filter((other) => (perCandidate[other.id] ?? 0) > votesOf).length;
      const level = qualified.filter((other) => (perCandidate[other.id] ?? 0) === votesOf).length;
      return {
        id: candidate.id,
        votes: votesOf,
        shareOfTotalBp: naiveShare(votesOf, base),
        elected: isQualified && ahead + level <= seats,
        tied: isQualified && ahead < seats && ahead + level > seats,
      };
    });
    expect(result?.candidates).toMatchObject(expectedCandidates);
    expect(result?.required).toBe(naiveRequired(base, electThreshold));
    const outcome = expectedCandidates.some((candidate) => candidate.tied)
      ? 'tie'
      : expectedCandidates.some((candidate) => candidate.elected)
        ? 'elected'
        : 'not_elected';
    expect(result?.outcome).toBe(outcome);
    return;
  }

  // V8, V9, V11: a motion.
  expect(result?.tally).toEqual(tally);
  expect(result?.tallyShareBp).toEqual({
    inFavour: naiveShare(tally.inFavour, base),
    against: naiveShare(tally.against, base),
    notVoting: naiveShare(tally.notVoting, base),
  });
  if (threshold === 'consensus') {
    expect(result).toMatchObject({ outcome: 'consulted', required: null, decidedByChair: false });
    return;
  }
  const chairs = roster.filter((member) => member.position === 'chair');
  const chairVote =
    !secret && chairs.length === 1
      ? (votes.find((vote) => vote.personId === chairs[0]?.personId)?.choice ?? null)
      : null;
  let expected: { outcome: string; decidedByChair: boolean };
  if (naiveMeets(tally.inFavour, base, threshold)) {
    expected = { outcome: 'passed', decidedByChair: false };
  } else if (
    rules.chairBreaksTies &&
    tally.inFavour + tally.inFavour === base &&
    tally.against + tally.against === base
  ) {
    expected =
      chairVote === 'in_favour'
        ? { outcome: 'passed', decidedByChair: true }
        : chairVote === 'against'
          ? { outcome: 'failed', decidedByChair: true }
          : { outcome: 'tie', decidedByChair: false };
  } else {
    expected = { outcome: 'failed', decidedByChair: false };
  }
  expect(result).toMatchObject({ ...expected, required: naiveRequired(base, threshold) });
}

// About 5 s on a quiet machine; a busy one (a whole suite beside it) may take three times that.
describe('results against a naive second reading of SPEC.md', { timeout: 30_000 }, () => {
  it('T1 T2 Q1-Q5 V5 V7-V11 agree for 10,000 random bodies, sittings and ballots', () => {
    fc.assert(fc.property(cases, check), { numRuns: 10_000 });
  });

  it("T2 V9 agree for 2,000 People's Committees with an even split to decide", () => {
    // Random cases rarely split a committee exactly in half: these always do.
    const evenSplits = fc
      .integer({ min: 1, max: 30 })
      .chain((half) =>
        fc.record({
          half: fc.constant(half),
          chairAt: fc.option(fc.integer({ min: 0, max: half * 2 - 1 }), { freq: 4 }),
          secret: fc.boolean(),
          order: fc.shuffledSubarray(
            Array.from({ length: half * 2 }, (_, index) => index),
            { minLength: half * 2 },
          ),
        }),
      )
      .map(({ half, chairAt, secret, order }): Case => ({
        kind: 'peoples_committee',
        chairAt,
        pollKind: secret ? 'secret_ballot' : 'open_vote',
        twoThirds: false,
        candidates: 1,
        seats: 1,
        members: order.map((position) => ({
          votingRight: true,
          status: 'present_in_hall',
          choice: position < half ? 1 : 2,
          names: [],
        })),
      }));
    fc.assert(fc.property(evenSplits, check), { numRuns: 2_000 });
  });
});

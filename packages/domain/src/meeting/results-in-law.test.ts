// Results as the law reads them: each test names the rule of SPEC.md it proves.
import { describe, expect, it } from 'vitest';
import { BODY_KIND_NAMES, BODY_KIND_VALUES } from '../body-kinds.ts';
import { DEFAULT_BODY_RULES, type BodyRules } from '../body-rules.ts';
import { thresholdWords } from '../thresholds.ts';
import { ATTENDANCE_STATUS_NAMES } from './attendance.ts';
import { checkBallot, checkEntry } from './decide-poll.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import { initialMeetingState, type MeetingState, type RosterMember } from './meeting-state.ts';
import {
  agenda,
  notice,
  convened,
  member,
  presiding,
  refusal,
  run,
  secretariat,
  secretary,
  target,
} from './meeting-test-kit.ts';
import type { MotionChoice, PaperCount, PollCount } from './poll.ts';
import { quorum } from './quorum.ts';
import { commandFingerprint, repeatedBallot, repeatedCommand } from './repeats.ts';

/** `count` members; `chairAt` holds the body's chair; `withoutVote` have no vote. */
function people(
  count: number,
  options: { chairAt?: number; withoutVote?: readonly number[] } = {},
): RosterMember[] {
  return Array.from({ length: count }, (_, index) => ({
    personId: `person-${index}`,
    fullName: `Thành viên ${index}`,
    votingRight: !options.withoutVote?.includes(index),
    position: index === options.chairAt ? 'chair' : 'member',
  }));
}

/**
 * A meeting of `seated` convened, `present` of them checked in (by index), the sitting opened,
 * the first item current and tellers 1 and 2 appointed.
 */
function sitting(
  rules: BodyRules,
  seated: readonly RosterMember[],
  present: readonly number[],
  statutorySize = seated.length,
): MeetingState {
  let state = convened(rules, seated, statutorySize);
  for (const index of present) {
    state = run(
      state,
      { type: 'record_attendance', personId: `person-${index}`, status: 'present_in_hall' },
      secretary,
    );
  }
  state = run(state, { type: 'open_sitting', setup: { roster: seated } }, presiding);
  state = run(state, { type: 'set_current_item', itemId: agenda[0]?.id ?? '' }, presiding);
  return run(state, { type: 'appoint_tellers', personIds: ['person-1', 'person-2'] }, presiding);
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/** Opens a poll, then closes it with open votes `choices[i]` cast by person-i (null: no vote). */
function openVote(
  state: MeetingState,
  choices: readonly (MotionChoice | null)[],
  poll: Partial<Extract<MeetingCommand, { type: 'open_poll' }>> = {},
) {
  const opened = run(
    state,
    { type: 'open_poll', pollId: 'poll-1', kind: 'open_vote', title: 'Nghị quyết', ...poll },
    presiding,
  );
  const votes = choices.flatMap((choice, index) =>
    choice ? [{ personId: `person-${index}`, choice }] : [],
  );
  const count: PollCount = {
    voters: votes.map((vote) => vote.personId),
    votes: poll.kind === 'secret_ballot' ? [] : votes,
    tally: {
      inFavour: votes.filter((vote) => vote.choice === 'in_favour').length,
      against: votes.filter((vote) => vote.choice === 'against').length,
      notVoting: votes.filter((vote) => vote.choice === 'not_voting').length,
    },
    perCandidate: {},
    blank: 0,
    invalid: 0,
    entered: [],
  };
  const closed = run(opened, { type: 'close_poll', pollId: 'poll-1', count }, presiding);
  return closed.polls.find((candidate) => candidate.pollId === 'poll-1')?.result;
}

const committee = DEFAULT_BODY_RULES.peoples_committee;
const council = DEFAULT_BODY_RULES.peoples_council;

describe("V9 the People's Committee's tie rule, as the law reads it", () => {
  it('V9 9 members, 1 in favour, 1 against, 7 present and not voting: not passed, the tie rule does not apply', () => {
    const state = sitting(committee, people(9, { chairAt: 0 }), range(9));
    const result = openVote(state, ['in_favour', 'against', ...range(7).map(() => null)]);
    expect(result).toMatchObject({ outcome: 'failed', required: 5, decidedByChair: false });
  });

  it('V9 an even split of all members in office goes the side the Chairperson voted with, not the presiding officer', () => {
    // 10 members: person-4 is the Chairperson; person-0 presides and votes the other way.
    const state = sitting(committee, people(10, { chairAt: 4 }), range(10));
    const chairFor = range(10).map((index) => (index < 5 ? 'against' : 'in_favour'));
    chairFor[4] = 'in_favour';
    chairFor[9] = 'against';
    expect(openVote(state, chairFor)).toMatchObject({
      outcome: 'passed',
      decidedByChair: true,
      tally: { inFavour: 5, against: 5, notVoting: 0 },
    });
    const chairAgainst = chairFor.map((choice) =>
      choice === 'in_favour' ? 'against' : 'in_favour',
    );
    expect(openVote(state, chairAgainst)).toMatchObject({
      outcome: 'failed',
      decidedByChair: true,
    });
  });

  it('V9 an even split with no Chairperson vote (the post vacant), or by secret ballot, is reported as a tie and nothing passes', () => {
    const even = range(10).map((index) => (index < 5 ? 'in_favour' : 'against'));
    const vacant = sitting(committee, people(10), range(10));
    expect(openVote(vacant, even)).toMatchObject({ outcome: 'tie', decidedByChair: false });
    const state = sitting(committee, people(10, { chairAt: 4 }), range(10));
    expect(openVote(state, even, { kind: 'secret_ballot' })).toMatchObject({
      outcome: 'tie',
      decidedByChair: false,
    });
  });

  it('V9 a split below the members in office (someone absent) is no tie: it fails', () => {
    const state = sitting(committee, people(10, { chairAt: 0 }), range(8));
    const choices = range(8).map((index) => (index < 4 ? 'in_favour' : 'against'));
    expect(openVote(state, choices)).toMatchObject({ outcome: 'failed', decidedByChair: false });
  });

  it("V9 a People's Council has no tie rule: an even split fails", () => {
    const state = sitting(council, people(10, { chairAt: 0 }), range(10));
    const choices = range(10).map((index) => (index < 5 ? 'in_favour' : 'against'));
    expect(openVote(state, choices)).toMatchObject({ outcome: 'failed', decidedByChair: false });
  });
});

describe('T2 the base of every count: the members in office on the day', () => {
  it('T2 30 members in office with 25 typed as the size: 13 in favour and 17 against fails, shares add to 100%', () => {
    const state = sitting(council, people(30), range(30), 25);
    const choices = range(30).map((index) => (index < 13 ? 'in_favour' : 'against'));
    const result = openVote(state, choices);
    expect(result).toMatchObject({
      outcome: 'failed',
      required: 16,
      membersInOffice: 30,
      tallyShareBp: { inFavour: 4333, against: 5667, notVoting: 0 },
    });
    expect((result?.tallyShareBp.inFavour ?? 0) + (result?.tallyShareBp.against ?? 0)).toBe(10_000);
  });

  it('T2 the base is fixed from the roster when the sitting opens, with the statutory size beside it', () => {
    const state = sitting(council, people(20), range(20), 25);
    expect(state).toMatchObject({ membersInOffice: 20, statutorySize: 25 });
    expect(quorum(state)).toMatchObject({ total: 20, required: 14 });
    const result = openVote(
      state,
      range(11).map(() => 'in_favour'),
    );
    expect(result).toMatchObject({ outcome: 'passed', required: 11, membersInOffice: 20 });
  });

  it('T2 members without a vote are not in the base: 12 members, 2 without a vote, is a base of 10', () => {
    const state = sitting(council, people(12, { withoutVote: [10, 11] }), range(12));
    expect(state.membersInOffice).toBe(10);
    expect(
      openVote(
        state,
        range(6).map(() => 'in_favour'),
      ),
    ).toMatchObject({
      outcome: 'passed',
      required: 6,
    });
  });

  it('T2 a sitting cannot open with no member in office who has a vote', () => {
    const nobody = people(3, { withoutVote: [0, 1, 2] });
    expect(
      refusal(
        initialMeetingState(target),
        {
          type: 'convene',
          setup: { statutorySize: 3, rules: council, roster: nobody, agenda, notice },
        },
        secretariat,
      ),
    ).toBe('no_members_in_office');
  });
});

describe('Q5 quorum counts only members with a vote', () => {
  it('Q5 present members without a vote do not make up the quorum: 9 in office, 5 voters and 3 without a vote present is short of 6', () => {
    const seated = people(12, { withoutVote: [9, 10, 11] });
    let state = convened(council, seated, 9);
    for (const index of [0, 1, 2, 3, 4, 9, 10, 11]) {
      state = run(
        state,
        { type: 'record_attendance', personId: `person-${index}`, status: 'present_in_hall' },
        secretary,
      );
    }
    expect(quorum(state)).toEqual({
      present: 5,
      total: 9,
      required: 6,
      reached: false,
      missing: 1,
    });
    expect(refusal(state, { type: 'open_sitting', setup: { roster: seated } }, presiding)).toBe(
      'quorum_not_reached',
    );
  });
});

describe('V11 the kinds of vote a body holds are enforced when a poll opens', () => {
  it("V11 a consultation is refused in a People's Council and accepted in the Fatherland Front", () => {
    const consultation = {
      type: 'open_poll',
      pollId: 'poll-1',
      kind: 'consultation',
      title: 'Hiệp thương',
    } as const;
    expect(refusal(sitting(council, people(5), range(5)), consultation, presiding)).toBe(
      'poll_kind_not_allowed',
    );
    const front = DEFAULT_BODY_RULES.fatherland_front_committee;
    expect(refusal(sitting(front, people(5), range(5)), consultation, presiding)).toBe('accepted');
  });
});

describe('I1 I2 a resend is the same message; anything else under a used id is refused', () => {
  it('I2 a ballot sent again under its cast id is a resend only when it is the same ballot', () => {
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: id }));
    const motion = (choice: MotionChoice) => ({ kind: 'motion', choice }) as const;
    expect(repeatedBallot(motion('in_favour'), motion('in_favour'), [])).toBe('replayed');
    expect(repeatedBallot(motion('in_favour'), motion('against'), [])).toBe('cast_id_reused');
    const names = (candidateIds: string[]) => ({ kind: 'election', candidateIds }) as const;
    expect(repeatedBallot(names(['a', 'c']), names(['c', 'a']), candidates)).toBe('replayed');
    expect(repeatedBallot(names(['a', 'c']), names(['a']), candidates)).toBe('cast_id_reused');
  });

  it('I1 a command id seen before replays only the same command from the same account', () => {
    const close = commandFingerprint({ type: 'close_poll', pollId: 'p' });
    const annul = commandFingerprint({ type: 'annul_poll', pollId: 'p', reason: 'Lỗi' });
    const first = { accountId: 'chair', fingerprint: close };
    expect(repeatedCommand(first, { accountId: 'chair', fingerprint: close })).toBe('replay');
    expect(repeatedCommand(first, { accountId: 'chair', fingerprint: annul })).toBe(
      'command_id_reused',
    );
    expect(repeatedCommand(first, { accountId: 'someone-else', fingerprint: close })).toBe(
      'command_id_reused',
    );
    // Key order does not make two commands different.
    expect(commandFingerprint({ a: 1, b: 2 })).toBe(commandFingerprint({ b: 2, a: 1 }));
  });
});

describe("V10 an election's result, as the tellers' report needs it", () => {
  const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng cử viên ${id}` }));
  const elect = (
    perCandidate: Record<string, number>,
    seats: number,
    ballots: { voters: number; blank: number; invalid?: number },
  ) => {
    const state = run(
      sitting(council, people(25), range(25)),
      { type: 'open_poll', pollId: 'e', kind: 'election', title: 'Bầu', candidates, seats },
      presiding,
    );
    const count: PollCount = {
      voters: range(ballots.voters).map((index) => `person-${index}`),
      votes: [],
      tally: { inFavour: 0, against: 0, notVoting: 0 },
      perCandidate,
      blank: ballots.blank,
      invalid: ballots.invalid ?? 0,
      entered: [],
    };
    const closed = run(state, { type: 'close_poll', pollId: 'e', count }, presiding);
    return closed.polls[0]?.result;
  };

  it('V10 a seat left undecided by a tie makes the outcome a tie, naming who is elected', () => {
    const result = elect({ a: 20, b: 16, c: 16 }, 2, { voters: 24, blank: 0 });
    expect(result?.outcome).toBe('tie');
    expect(
      result?.candidates.map((candidate) => [candidate.id, candidate.elected, candidate.tied]),
    ).toEqual([
      ['a', true, false],
      ['b', false, true],
      ['c', false, true],
    ]);
  });

  it('V10 nobody reaching more than half of the members in office is "not elected"', () => {
    expect(elect({ a: 12, b: 11, c: 1 }, 1, { voters: 24, blank: 0 })?.outcome).toBe('not_elected');
    expect(elect({ a: 13, b: 11, c: 0 }, 1, { voters: 24, blank: 0 })?.outcome).toBe('elected');
  });

  it('V10 blank ballots are counted apart from valid ones; invalid ones come from the count', () => {
    expect(elect({ a: 20, b: 2, c: 0 }, 1, { voters: 25, blank: 3, invalid: 0 })).toMatchObject({
      issued: 25,
      returned: 25,
      valid: 22,
      blank: 3,
      invalid: 0,
      required: 13,
      membersInOffice: 25,
    });
  });

  it('V7 V10 the ballot is checked before it goes in: an empty election ballot is allowed (blank)', () => {
    const state = run(
      sitting(council, people(25), range(25)),
      { type: 'open_poll', pollId: 'e', kind: 'election', title: 'Bầu', candidates, seats: 1 },
      presiding,
    );
    expect(checkBallot(state, 'e', member(3), { kind: 'election', candidateIds: [] })).toBeNull();
  });
});

describe('W1 thresholds and people in each body’s own words', () => {
  it('W1 a threshold reads "more than half of the total number of delegates", never "of the ballots"', () => {
    const words = thresholdWords({ comparison: 'more_than', numerator: 1, denominator: 2 });
    expect(`${words.vi} tổng số ${BODY_KIND_NAMES.peoples_council.members.vi}`).toBe(
      'quá nửa tổng số đại biểu Hội đồng nhân dân',
    );
    expect(`${words.en} of the total number of ${BODY_KIND_NAMES.peoples_council.members.en}`).toBe(
      "more than half of the total number of People's Council delegates",
    );
    expect(thresholdWords({ comparison: 'at_least', numerator: 2, denominator: 3 })).toEqual({
      vi: 'ít nhất hai phần ba',
      en: 'at least two thirds',
    });
  });

  it('W1 members are delegates only in a People’s Council; the others’ are thành viên or ủy viên', () => {
    expect(BODY_KIND_NAMES.peoples_council.member.vi).toBe('đại biểu');
    expect(BODY_KIND_NAMES.peoples_committee.member.vi).toBe('thành viên');
    expect(BODY_KIND_NAMES.party_executive_committee.member.vi).toBe('ủy viên');
    expect(BODY_KIND_NAMES.fatherland_front_committee.member.vi).toBe('ủy viên');
    const texts = JSON.stringify([
      BODY_KIND_VALUES.map((kind) => BODY_KIND_NAMES[kind]),
      ATTENDANCE_STATUS_NAMES,
    ]);
    expect(texts).not.toMatch(/ghế/i);
  });
});

describe('V17 V18 every member counted, with a tablet or not', () => {
  const paper = (partial: Partial<PaperCount>): PaperCount => ({
    returned: 0,
    invalid: 0,
    blank: 0,
    tally: { inFavour: 0, against: 0, notVoting: 0 },
    perCandidate: {},
    ...partial,
  });
  const empty: PollCount = {
    voters: [],
    votes: [],
    tally: { inFavour: 0, against: 0, notVoting: 0 },
    perCandidate: {},
    blank: 0,
    invalid: 0,
    entered: [],
  };

  it('V18 the secretary enters a present member’s show of hands in an open vote; nobody else, and not for the absent, the voteless or a secret poll', () => {
    const seated = people(6, { withoutVote: [5] });
    const state = run(
      sitting(council, seated, [0, 1, 2, 3, 5]),
      { type: 'open_poll', pollId: 'p', kind: 'open_vote', title: 'Nghị quyết' },
      presiding,
    );
    const hand = { kind: 'motion', choice: 'in_favour' } as const;
    expect(checkEntry(state, 'p', secretary, 'person-3', hand)).toBeNull();
    expect(checkEntry(state, 'p', presiding, 'person-3', hand)).toBe('forbidden');
    expect(checkEntry(state, 'p', member(2), 'person-3', hand)).toBe('forbidden');
    expect(checkEntry(state, 'p', secretary, 'person-4', hand)).toBe('not_checked_in');
    expect(checkEntry(state, 'p', secretary, 'person-5', hand)).toBe('not_entitled');
    expect(checkEntry(state, 'p', secretary, 'stranger', hand)).toBe('not_a_member');
    expect(
      checkEntry(state, 'p', secretary, 'person-3', { kind: 'election', candidateIds: [] }),
    ).toBe('ballot_invalid');
    const secret = run(
      run(state, { type: 'annul_poll', pollId: 'p', reason: 'Mở nhầm' }, presiding),
      { type: 'open_poll', pollId: 's', kind: 'secret_ballot', title: 'Bỏ phiếu kín' },
      presiding,
    );
    expect(checkEntry(secret, 's', secretary, 'person-3', hand)).toBe('not_an_open_vote');
  });

  it('V18 a result counts entered votes with the tablets’, says how many came from each and who entered them, and counts the present who did not vote', () => {
    const state = run(
      sitting(council, people(6), range(6)),
      { type: 'open_poll', pollId: 'p', kind: 'open_vote', title: 'Nghị quyết' },
      presiding,
    );
    const votes = [
      { personId: 'person-0', choice: 'in_favour' as const },
      { personId: 'person-1', choice: 'in_favour' as const },
      { personId: 'person-2', choice: 'against' as const },
      { personId: 'person-3', choice: 'in_favour' as const },
      { personId: 'person-4', choice: 'in_favour' as const },
    ];
    const entered = [
      { personId: 'person-3', byAccountId: 'secretary' },
      { personId: 'person-4', byAccountId: 'secretary' },
    ];
    const closed = run(
      state,
      {
        type: 'close_poll',
        pollId: 'p',
        count: {
          ...empty,
          voters: votes.map((vote) => vote.personId),
          votes,
          tally: { inFavour: 4, against: 1, notVoting: 0 },
          entered,
        },
      },
      presiding,
    );
    const poll = closed.polls[0];
    expect(poll?.result).toMatchObject({
      issued: 6,
      returned: 5,
      fromTablets: 3,
      entered,
      didNotVote: 1,
      tally: { inFavour: 4, against: 1, notVoting: 0 },
      // Four of six is more than half only with the two hands the secretary entered.
      outcome: 'passed',
    });
    expect(poll?.roll).toBe('FFAFF.');
  });

  it('V17 a secret ballot adds the paper ballots the secretary entered to the tablets’, before closing', () => {
    let state = run(
      sitting(council, people(9), range(9)),
      { type: 'open_poll', pollId: 's', kind: 'secret_ballot', title: 'Miễn nhiệm' },
      presiding,
    );
    const counted = paper({
      returned: 3,
      invalid: 1,
      tally: { inFavour: 2, against: 0, notVoting: 0 },
    });
    expect(
      refusal(state, { type: 'enter_paper_count', pollId: 's', paper: counted }, presiding),
    ).toBe('forbidden');
    state = run(state, { type: 'enter_paper_count', pollId: 's', paper: counted }, secretary);
    expect(state.polls[0]?.paper).toMatchObject({ returned: 3, byAccountId: 'secretary' });
    const closed = run(
      state,
      {
        type: 'close_poll',
        pollId: 's',
        count: {
          ...empty,
          voters: range(5).map((index) => `person-${index}`),
          tally: { inFavour: 3, against: 2, notVoting: 0 },
        },
      },
      presiding,
    );
    expect(closed.polls[0]?.result).toMatchObject({
      issued: 9,
      returned: 8,
      invalid: 1,
      valid: 7,
      fromTablets: 5,
      paper: { returned: 3, invalid: 1 },
      didNotVote: 1,
      tally: { inFavour: 5, against: 2, notVoting: 0 },
      // Three from tablets fail; with the two on paper, five of nine pass.
      outcome: 'passed',
      required: 5,
    });
  });

  it('V17 an election adds each candidate’s paper votes and the blank and void paper ballots', () => {
    const candidates = [
      { id: 'a', name: 'Nguyễn Văn An' },
      { id: 'b', name: 'Trần Thị Bình' },
    ];
    let state = run(
      sitting(council, people(7), range(7)),
      { type: 'open_poll', pollId: 'e', kind: 'election', title: 'Bầu', candidates, seats: 1 },
      presiding,
    );
    state = run(
      state,
      {
        type: 'enter_paper_count',
        pollId: 'e',
        paper: paper({ returned: 3, blank: 1, invalid: 0, perCandidate: { a: 2 } }),
      },
      secretary,
    );
    const closed = run(
      state,
      {
        type: 'close_poll',
        pollId: 'e',
        count: {
          ...empty,
          voters: range(4).map((index) => `person-${index}`),
          perCandidate: { a: 2, b: 2 },
        },
      },
      presiding,
    );
    expect(closed.polls[0]?.result).toMatchObject({
      returned: 7,
      blank: 1,
      valid: 6,
      outcome: 'elected',
      candidates: [
        { id: 'a', votes: 4, elected: true },
        { id: 'b', votes: 2, elected: false },
      ],
    });
  });

  it('V17 a paper count that does not hold together, or comes to more ballots than were issued, is refused', () => {
    const state = run(
      sitting(council, people(6), range(6)),
      { type: 'open_poll', pollId: 's', kind: 'secret_ballot', title: 'Nghị quyết' },
      presiding,
    );
    const send = (counted: PaperCount) =>
      refusal(state, { type: 'enter_paper_count', pollId: 's', paper: counted }, secretary);
    // The answers and the void ballots must make up the ballots returned.
    expect(send(paper({ returned: 3, tally: { inFavour: 1, against: 0, notVoting: 0 } }))).toBe(
      'paper_count_invalid',
    );
    expect(send(paper({ returned: 1, blank: 1 }))).toBe('paper_count_invalid');
    expect(send(paper({ returned: -1, invalid: -1 }))).toBe('paper_count_invalid');
    expect(send(paper({ returned: 1.5, invalid: 1.5 }))).toBe('paper_count_invalid');
    // No more paper ballots than members present who may vote.
    expect(send(paper({ returned: 7, invalid: 7 }))).toBe('paper_count_invalid');
    // Tablets and paper together: 4 tablets and 3 paper ballots are more than the 6 issued.
    const entered = run(
      state,
      { type: 'enter_paper_count', pollId: 's', paper: paper({ returned: 3, invalid: 3 }) },
      secretary,
    );
    const tablets = { ...empty, voters: range(4).map((index) => `person-${index}`) };
    expect(refusal(entered, { type: 'close_poll', pollId: 's', count: tablets }, presiding)).toBe(
      'paper_count_invalid',
    );
    // Only a secret poll has paper ballots to count here; an open vote is entered member by member.
    const open = run(
      run(entered, { type: 'annul_poll', pollId: 's', reason: 'Đếm lại' }, presiding),
      { type: 'open_poll', pollId: 'o', kind: 'open_vote', title: 'Biểu quyết' },
      presiding,
    );
    expect(
      refusal(open, { type: 'enter_paper_count', pollId: 'o', paper: paper({}) }, secretary),
    ).toBe('not_a_secret_poll');
  });
});

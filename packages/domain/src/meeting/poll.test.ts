import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_RULES } from '../body-rules.ts';
import { checkBallot } from './decide-poll.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import type { MeetingState } from './meeting-state.ts';
import {
  agenda,
  guest,
  member,
  open,
  presiding,
  refusal,
  roster,
  run,
  secretary,
  withPresent,
} from './meeting-test-kit.ts';
import {
  choiceLabel,
  electionResults,
  motionOutcome,
  pollKindsFor,
  readRoll,
  shareOfTotalBp,
  type PollCount,
} from './poll.ts';

const firstItem = agenda[0]?.id ?? '';
const MORE_THAN_HALF = { comparison: 'more_than', numerator: 1, denominator: 2 } as const;

/** A sitting with `present` members checked in, the first item current, tellers 1 and 2. */
function sitting(present = 25, rules = DEFAULT_BODY_RULES.peoples_council): MeetingState {
  let state = withPresent(present, rules);
  state = run(state, { type: 'set_current_item', itemId: firstItem }, presiding);
  return run(state, { type: 'appoint_tellers', personIds: ['person-1', 'person-2'] }, presiding);
}
const openPoll = (
  state: MeetingState,
  poll: Partial<Extract<MeetingCommand, { type: 'open_poll' }>> = {},
) =>
  run(
    state,
    {
      type: 'open_poll',
      pollId: 'poll-1',
      kind: 'open_vote',
      title: 'Thông qua chương trình',
      ...poll,
    },
    presiding,
  );
const count = (partial: Partial<PollCount>): PollCount => ({
  voters: [],
  tally: { inFavour: 0, against: 0, notVoting: 0 },
  perCandidate: {},
  blank: 0,
  invalid: 0,
  votes: [],
  entered: [],
  ...partial,
});
const close = (state: MeetingState, partial: Partial<PollCount>) =>
  run(state, { type: 'close_poll', pollId: 'poll-1', count: count(partial) }, presiding);
const resultOf = (state: MeetingState) =>
  state.polls.find((poll) => poll.pollId === 'poll-1')?.result;
const motion = (choice: 'in_favour' | 'against' | 'not_voting') =>
  ({ kind: 'motion', choice }) as const;

describe('opening a poll', () => {
  it('V1 opens only on the current agenda item', () => {
    const state = withPresent(25);
    expect(
      refusal(state, { type: 'open_poll', pollId: 'p', kind: 'open_vote', title: 'x' }, presiding),
    ).toBe('no_current_item');
    expect(openPoll(sitting()).polls[0]).toMatchObject({ itemId: firstItem, status: 'open' });
  });

  it('V2 refuses to open without quorum present: 16 of 25 is not enough, 17 is', () => {
    let state = sitting(17);
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-16', status: 'absent_excused' },
      secretary,
    );
    expect(
      refusal(state, { type: 'open_poll', pollId: 'p', kind: 'open_vote', title: 'x' }, presiding),
    ).toBe('quorum_not_reached');
    state = run(
      state,
      {
        type: 'record_attendance',
        personId: 'person-16',
        status: 'present_online',
        connectionPoint: 'Tổ dân phố 3',
      },
      secretary,
    );
    expect(openPoll(state).polls).toHaveLength(1);
  });

  it('V3 refuses a second poll while one is open, and closing the sitting while one is open', () => {
    const state = openPoll(sitting());
    expect(
      refusal(
        state,
        { type: 'open_poll', pollId: 'poll-2', kind: 'open_vote', title: 'y' },
        presiding,
      ),
    ).toBe('poll_already_open');
    expect(refusal(state, { type: 'close_sitting' }, presiding)).toBe('poll_already_open');
    const closed = close(state, {});
    expect(
      refusal(
        closed,
        { type: 'open_poll', pollId: 'poll-2', kind: 'open_vote', title: 'y' },
        presiding,
      ),
    ).toBe('accepted');
  });

  it('V4 an election names distinct candidates, at least as many as its seats; a motion has none', () => {
    const state = sitting();
    const election = (candidates: { id: string; name: string }[], seats: number) =>
      refusal(
        state,
        {
          type: 'open_poll',
          pollId: 'e',
          kind: 'election',
          title: 'Bầu Chủ tịch',
          candidates,
          seats,
        },
        presiding,
      );
    const a = { id: 'a', name: 'Đinh Thị Mơ' };
    const b = { id: 'b', name: 'Vi Văn Khánh' };
    expect(election([a, b], 1)).toBe('accepted');
    expect(election([a], 2)).toBe('poll_invalid');
    expect(election([a, { ...a }], 1)).toBe('poll_invalid');
    expect(election([a], 0)).toBe('poll_invalid');
    expect(
      refusal(
        state,
        { type: 'open_poll', pollId: 'm', kind: 'open_vote', title: 'x', candidates: [a] },
        presiding,
      ),
    ).toBe('poll_invalid');
  });

  it('V14 a secret ballot or election needs the tellers appointed first, from the roster', () => {
    const state = run(withPresent(25), { type: 'set_current_item', itemId: firstItem }, presiding);
    expect(
      refusal(
        state,
        { type: 'open_poll', pollId: 's', kind: 'secret_ballot', title: 'x' },
        presiding,
      ),
    ).toBe('tellers_required');
    expect(
      refusal(state, { type: 'appoint_tellers', personIds: ['someone-else'] }, presiding),
    ).toBe('not_a_member');
    expect(refusal(state, { type: 'appoint_tellers', personIds: ['person-1'] }, member(3))).toBe(
      'forbidden',
    );
  });

  it('P1 only the presiding officer opens, closes and annuls polls, and announces designations', () => {
    const state = openPoll(sitting());
    for (const by of [member(3), secretary, guest]) {
      expect(
        refusal(sitting(), { type: 'open_poll', pollId: 'x', kind: 'open_vote', title: 'x' }, by),
      ).toBe('forbidden');
      expect(refusal(state, { type: 'close_poll', pollId: 'poll-1', count: count({}) }, by)).toBe(
        'forbidden',
      );
      expect(refusal(state, { type: 'annul_poll', pollId: 'poll-1', reason: 'Sai sót' }, by)).toBe(
        'forbidden',
      );
      const designation = { personName: 'Hà Minh Tuệ', post: 'Chủ tịch', decision: 'Số 01/QĐ' };
      expect(refusal(state, { type: 'announce_designation', ...designation }, by)).toBe(
        'forbidden',
      );
    }
  });
});

describe('casting a ballot', () => {
  it('V5 a voting member present in the hall or online may vote, a late arrival included', () => {
    let state = openPoll(sitting(20));
    expect(checkBallot(state, 'poll-1', member(3), motion('in_favour'))).toBeNull();
    // person-22 arrives after the poll opened.
    expect(checkBallot(state, 'poll-1', member(22), motion('in_favour'))).toBe('not_checked_in');
    state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(22));
    expect(checkBallot(state, 'poll-1', member(22), motion('in_favour'))).toBeNull();
  });

  it('V5 a member without the right to vote, a guest or a secretary cannot vote', () => {
    const seated = roster.map((entry, index) =>
      index === 5 ? { ...entry, votingRight: false } : entry,
    );
    let state = open(DEFAULT_BODY_RULES.peoples_council, seated);
    for (let index = 0; index < 25; index += 1)
      state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(index));
    state = run(state, { type: 'set_current_item', itemId: firstItem }, presiding);
    state = openPoll(state);
    expect(checkBallot(state, 'poll-1', member(5), motion('in_favour'))).toBe('not_entitled');
    expect(checkBallot(state, 'poll-1', guest, motion('in_favour'))).toBe('forbidden');
    expect(checkBallot(state, 'poll-1', secretary, motion('in_favour'))).toBe('forbidden');
  });

  it('V7 an election ballot names at most as many candidates as seats, each once, of this poll', () => {
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng cử viên ${id}` }));
    const state = openPoll(sitting(), { kind: 'election', candidates, seats: 2 });
    const ballot = (candidateIds: string[]) => ({ kind: 'election', candidateIds }) as const;
    expect(checkBallot(state, 'poll-1', member(3), ballot(['a', 'b']))).toBeNull();
    expect(checkBallot(state, 'poll-1', member(3), ballot([]))).toBeNull();
    expect(checkBallot(state, 'poll-1', member(3), ballot(['a', 'b', 'c']))).toBe(
      'too_many_choices',
    );
    expect(checkBallot(state, 'poll-1', member(3), ballot(['a', 'a']))).toBe('ballot_invalid');
    expect(checkBallot(state, 'poll-1', member(3), ballot(['z']))).toBe('ballot_invalid');
    expect(checkBallot(state, 'poll-1', member(3), motion('in_favour'))).toBe('ballot_invalid');
  });

  it('V12 no ballot goes into a closed, annulled or unknown poll', () => {
    const state = openPoll(sitting());
    expect(checkBallot(close(state, {}), 'poll-1', member(3), motion('against'))).toBe(
      'poll_not_open',
    );
    const annulled = run(
      state,
      { type: 'annul_poll', pollId: 'poll-1', reason: 'Sai sót kỹ thuật' },
      presiding,
    );
    expect(checkBallot(annulled, 'poll-1', member(3), motion('against'))).toBe('poll_not_open');
    expect(checkBallot(state, 'poll-9', member(3), motion('against'))).toBe('unknown_poll');
  });
});

describe('the words of a motion’s answers', () => {
  it('are the body’s own, an unknown answer in a roll reading as not voting', () => {
    const labels = { inFavour: 'Đồng ý', against: 'Không đồng ý', notVoting: 'Không có ý kiến' };
    expect(choiceLabel(labels, 'in_favour')).toBe('Đồng ý');
    expect(choiceLabel(labels, 'against')).toBe('Không đồng ý');
    expect(choiceLabel(labels, 'not_voting')).toBe('Không có ý kiến');
    expect(choiceLabel(labels, null)).toBe('Không có ý kiến');
    expect(choiceLabel(DEFAULT_BODY_RULES.peoples_council.voteLabels, 'not_voting')).toBe(
      'Không biểu quyết',
    );
  });
});

describe('counting a motion', () => {
  it('V8 T1 passes with more than half of the members in office in favour: 13 of 25, not 12, however many are present', () => {
    const state = openPoll(sitting(18));
    const tally = (inFavour: number) => ({ inFavour, against: 18 - inFavour, notVoting: 0 });
    expect(resultOf(close(state, { tally: tally(13) }))).toMatchObject({
      outcome: 'passed',
      required: 13,
      // 13 and 5 of 25 members, for the tellers' report.
      tallyShareBp: { inFavour: 5200, against: 2000, notVoting: 0 },
    });
    expect(resultOf(close(state, { tally: tally(12) }))).toMatchObject({ outcome: 'failed' });
  });

  it('V8 even totals: 24 members in office need 13 in favour; 12 is exactly half and fails', () => {
    const rule = DEFAULT_BODY_RULES.peoples_council.passing;
    expect(
      motionOutcome({ inFavour: 12, against: 0, notVoting: 12 }, 24, rule, {
        breaksTies: false,
        choice: null,
      }),
    ).toMatchObject({ outcome: 'failed', required: 13 });
    expect(
      motionOutcome({ inFavour: 13, against: 11, notVoting: 0 }, 24, rule, {
        breaksTies: false,
        choice: null,
      }),
    ).toMatchObject({ outcome: 'passed' });
  });

  it('V8 what needs two thirds (a dismissal) needs 17 of 25', () => {
    const state = openPoll(sitting(), { majority: 'two_thirds', title: 'Bãi nhiệm đại biểu' });
    expect(
      resultOf(close(state, { tally: { inFavour: 16, against: 9, notVoting: 0 } })),
    ).toMatchObject({
      outcome: 'failed',
      required: 17,
    });
    expect(
      resultOf(close(state, { tally: { inFavour: 17, against: 8, notVoting: 0 } })),
    ).toMatchObject({
      outcome: 'passed',
    });
  });

  it('V8 everyone not voting: nothing passes', () => {
    const state = openPoll(sitting());
    expect(
      resultOf(close(state, { tally: { inFavour: 0, against: 0, notVoting: 25 } })),
    ).toMatchObject({
      outcome: 'failed',
      returned: 25,
    });
  });

  it('V11 only a body deciding by consensus is offered consultations', () => {
    expect(pollKindsFor(DEFAULT_BODY_RULES.fatherland_front_committee.passing)).toContain(
      'consultation',
    );
    expect(pollKindsFor(DEFAULT_BODY_RULES.peoples_council.passing)).toEqual([
      'open_vote',
      'secret_ballot',
      'election',
    ]);
  });

  it('V11 a consultation, or any vote of a body deciding by consensus, shows the tally without pass or fail', () => {
    const frontRules = DEFAULT_BODY_RULES.fatherland_front_committee;
    const consultation = openPoll(sitting(25, frontRules), {
      kind: 'consultation',
      title: 'Hiệp thương',
    });
    expect(
      resultOf(close(consultation, { tally: { inFavour: 3, against: 0, notVoting: 0 } })),
    ).toMatchObject({
      outcome: 'consulted',
      required: null,
    });
    const front = openPoll(sitting(25, frontRules));
    expect(
      resultOf(close(front, { tally: { inFavour: 25, against: 0, notVoting: 0 } })),
    ).toMatchObject({
      outcome: 'consulted',
    });
  });

  it('V5 the list of those entitled is kept with the result: voting members present at closing and every voter', () => {
    let state = openPoll(sitting(20));
    // person-3 voted, then left the hall before closing.
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-3', status: 'absent_excused' },
      secretary,
    );
    const closed = close(state, {
      voters: ['person-3'],
      votes: [{ personId: 'person-3', choice: 'in_favour' }],
      tally: { inFavour: 1, against: 0, notVoting: 0 },
    });
    const poll = closed.polls[0];
    expect(resultOf(closed)).toMatchObject({ issued: 20, returned: 1, valid: 1, invalid: 0 });
    // One mark per roster member: 19 present who did not vote, person-3 in favour, 5 absent.
    expect(poll?.roll).toBe(`...F${'.'.repeat(16)}-----`);
    const roll = readRoll(closed.roster, poll?.roll ?? '');
    expect(roll[3]).toMatchObject({
      personId: 'person-3',
      entitled: true,
      voted: true,
      choice: 'in_favour',
    });
    expect(roll[4]).toMatchObject({ entitled: true, voted: false, choice: null });
    expect(roll[22]).toMatchObject({ entitled: false, voted: false });
  });

  it('V12 a close without the box count is refused while the poll is open', () => {
    const state = openPoll(sitting());
    expect(refusal(state, { type: 'close_poll', pollId: 'poll-1', count: null }, presiding)).toBe(
      'poll_changed',
    );
  });

  it('V12 closing again changes nothing: the result stays frozen', () => {
    const closed = close(openPoll(sitting()), {
      tally: { inFavour: 20, against: 0, notVoting: 0 },
    });
    const again = close(closed, { tally: { inFavour: 0, against: 20, notVoting: 0 } });
    expect(again).toBe(closed);
  });

  it('V13 annulling keeps the poll and its reason in the record; an annulled poll cannot be annulled twice', () => {
    const closed = close(openPoll(sitting()), {
      tally: { inFavour: 20, against: 0, notVoting: 0 },
    });
    const annulled = run(
      closed,
      { type: 'annul_poll', pollId: 'poll-1', reason: 'Thiết bị lỗi' },
      presiding,
    );
    expect(annulled.polls[0]).toMatchObject({
      status: 'annulled',
      annulment: { reason: 'Thiết bị lỗi' },
      result: { outcome: 'passed' },
    });
    expect(
      refusal(annulled, { type: 'annul_poll', pollId: 'poll-1', reason: 'Lần nữa' }, presiding),
    ).toBe('poll_not_open');
  });
});

describe('counting an election', () => {
  const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng cử viên ${id}` }));

  it('V10 T1 elected with more than half of the members in office, most votes first, up to the seats', () => {
    const results = electionResults(candidates, { a: 20, b: 13, c: 12 }, 2, 25, MORE_THAN_HALF);
    expect(results.map((result) => [result.id, result.elected, result.tied])).toEqual([
      ['a', true, false],
      ['b', true, false],
      ['c', false, false],
    ]);
    expect(results.map((result) => result.shareOfTotalBp)).toEqual([8000, 5200, 4800]);
  });

  it('V10 candidates level at the last seat are reported tied and none of them elected', () => {
    const results = electionResults(candidates, { a: 20, b: 16, c: 16 }, 2, 25, MORE_THAN_HALF);
    expect(results.map((result) => [result.id, result.elected, result.tied])).toEqual([
      ['a', true, false],
      ['b', false, true],
      ['c', false, true],
    ]);
  });

  it('V10 more qualified than seats, no tie at the last seat: the most votes take the seats', () => {
    const results = electionResults(candidates, { a: 20, b: 16, c: 14 }, 2, 25, MORE_THAN_HALF);
    expect(results.map((result) => [result.id, result.elected, result.tied])).toEqual([
      ['a', true, false],
      ['b', true, false],
      ['c', false, false],
    ]);
  });

  it('V10 fewer qualified than seats leaves seats empty', () => {
    const results = electionResults(candidates, { a: 12, b: 12, c: 1 }, 1, 25, MORE_THAN_HALF);
    expect(results.some((result) => result.elected || result.tied)).toBe(false);
  });

  it('T1 shares of the total are integer hundredths of a percent, rounded half up', () => {
    expect(shareOfTotalBp(1, 3)).toBe(3333);
    expect(shareOfTotalBp(2, 3)).toBe(6667);
    expect(shareOfTotalBp(0, 25)).toBe(0);
  });

  it('V14 only appointed tellers sign the tally report of a closed secret poll, once each', () => {
    const state = openPoll(sitting(), { kind: 'election', candidates, seats: 1 });
    expect(refusal(state, { type: 'sign_tally', pollId: 'poll-1' }, member(1))).toBe(
      'poll_not_open',
    );
    const closed = close(state, { voters: ['person-1'], perCandidate: { a: 1 } });
    expect(resultOf(closed)).toMatchObject({ outcome: 'not_elected', returned: 1, issued: 25 });
    expect(refusal(closed, { type: 'sign_tally', pollId: 'poll-1' }, member(3))).toBe(
      'not_a_teller',
    );
    // Tellers appointed after the poll opened did not watch its count and cannot sign it.
    const replaced = run(
      closed,
      { type: 'appoint_tellers', personIds: ['person-3', 'person-4'] },
      presiding,
    );
    expect(refusal(replaced, { type: 'sign_tally', pollId: 'poll-1' }, member(3))).toBe(
      'not_a_teller',
    );
    const signed = run(replaced, { type: 'sign_tally', pollId: 'poll-1' }, member(1));
    expect(signed.polls[0]?.signatures).toEqual([
      { personId: 'person-1', name: 'Đại biểu 1', at: expect.any(String) },
    ]);
    expect(refusal(signed, { type: 'sign_tally', pollId: 'poll-1' }, member(1))).toBe(
      'already_signed',
    );
  });

  it('V16 a secret poll keeps no record of who chose what, even if the count carried one', () => {
    const state = openPoll(sitting(), { kind: 'secret_ballot' });
    const closed = close(state, {
      voters: ['person-1'],
      votes: [{ personId: 'person-1', choice: 'in_favour' }],
      tally: { inFavour: 1, against: 0, notVoting: 0 },
    });
    const poll = closed.polls[0];
    expect(poll?.roll?.[1]).toBe('V');
    expect(readRoll(closed.roster, poll?.roll ?? '')[1]).toMatchObject({
      voted: true,
      choice: null,
    });
    expect(JSON.stringify(closed)).not.toMatch(/in_favour/);
  });
});

describe('designations', () => {
  it('V15 a designation is announced into the record without a vote, on the current item', () => {
    const state = run(
      sitting(),
      {
        type: 'announce_designation',
        personName: 'Hà Minh Tuệ',
        post: 'Chủ tịch Ủy ban nhân dân phường',
        decision: 'Quyết định số 01/QĐ-UBND ngày 01/7/2025',
      },
      presiding,
    );
    expect(state.designations).toEqual([
      {
        itemId: firstItem,
        personName: 'Hà Minh Tuệ',
        post: 'Chủ tịch Ủy ban nhân dân phường',
        decision: 'Quyết định số 01/QĐ-UBND ngày 01/7/2025',
        at: expect.any(String),
      },
    ]);
    expect(state.polls).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../authorization.ts';
import { DEFAULT_BODY_RULES } from '../body-rules.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import { mayAskForFloor, ownRequest } from './decide.ts';
import { initialMeetingState } from './meeting-state.ts';
import {
  actor,
  agenda,
  follower,
  guest,
  member,
  now,
  open,
  presiding,
  refusal,
  roster,
  run,
  secretary,
  target,
  withPresent,
} from './meeting-test-kit.ts';
import { notPresent, quorum } from './quorum.ts';

describe('sitting lifecycle', () => {
  it('L1 opens once, accepts nothing before opening or after closing', () => {
    const fresh = initialMeetingState(target);
    expect(refusal(fresh, { type: 'check_in', status: 'present_in_hall' }, member(1))).toBe(
      'sitting_not_open',
    );
    const state = open();
    expect(state.status).toBe('open');
    expect(state.seq).toBe(1);
    expect(
      refusal(
        state,
        { type: 'open_sitting', setup: { statutorySize: 25, rules: state.rules, roster, agenda } },
        presiding,
      ),
    ).toBe('sitting_already_opened');
    const closed = run(state, { type: 'close_sitting' }, presiding);
    expect(closed.status).toBe('closed');
    expect(refusal(closed, { type: 'request_floor', requestId: 'r' }, member(1))).toBe(
      'sitting_not_open',
    );
  });

  it('L2 S5 closing ends the current speaker, keeps the turn in the speeches and clears the queue', () => {
    let state = withPresent(17);
    state = run(state, { type: 'request_floor', requestId: 'a' }, member(1));
    state = run(state, { type: 'request_floor', requestId: 'b' }, member(2));
    state = run(state, { type: 'grant_floor', requestId: 'a', limitSeconds: 300 }, presiding);
    const closed = run(state, { type: 'close_sitting' }, presiding);
    expect(closed.speaking).toBeNull();
    expect(closed.queue).toEqual([]);
    expect(closed.seq).toBe(state.seq + 2);
    expect(closed.speeches.map((speech) => speech.requestId)).toEqual(['a']);
  });
});

describe('attendance', () => {
  it('A1 A4 every roster member starts not yet checked when the sitting opens', () => {
    const state = open();
    expect(Object.values(state.attendance).map((record) => record.status)).toEqual(
      Array(25).fill('not_checked'),
    );
  });

  it('A2 present online names its connection point', () => {
    const state = open();
    expect(refusal(state, { type: 'check_in', status: 'present_online' }, member(3))).toBe(
      'connection_point_required',
    );
    const online = run(
      state,
      { type: 'check_in', status: 'present_online', connectionPoint: 'Điểm cầu thôn Ba' },
      member(3),
    );
    expect(online.attendance['person-3']).toEqual({
      status: 'present_online',
      connectionPoint: 'Điểm cầu thôn Ba',
    });
  });

  it('A3 a delegate checks in only themselves; a secretary records anyone; others cannot', () => {
    const state = open();
    const self = run(state, { type: 'check_in', status: 'present_in_hall' }, member(4));
    expect(self.attendance['person-4']?.status).toBe('present_in_hall');
    const excused = run(
      state,
      { type: 'record_attendance', personId: 'person-5', status: 'absent_excused' },
      secretary,
    );
    expect(excused.attendance['person-5']?.status).toBe('absent_excused');
    expect(
      refusal(
        state,
        { type: 'record_attendance', personId: 'person-5', status: 'present_in_hall' },
        member(4),
      ),
    ).toBe('forbidden');
    expect(
      refusal(
        state,
        { type: 'record_attendance', personId: 'stranger', status: 'present_in_hall' },
        secretary,
      ),
    ).toBe('not_a_member');
    expect(refusal(state, { type: 'check_in', status: 'present_in_hall' }, follower)).toBe(
      'not_a_member',
    );
  });
});

describe('quorum', () => {
  it('Q1 T1 a council of 25 needs 17 present: 16 is not enough, 17 is', () => {
    expect(quorum(withPresent(16))).toEqual({
      present: 16,
      total: 25,
      required: 17,
      reached: false,
      missing: 1,
    });
    expect(quorum(withPresent(17))).toEqual({
      present: 17,
      total: 25,
      required: 17,
      reached: true,
      missing: 0,
    });
  });

  it('Q5 the members not present are the absent and the not yet checked', () => {
    let state = withPresent(20);
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-0', status: 'absent_excused' },
      secretary,
    );
    expect(notPresent(state).map((member) => member.personId)).toEqual([
      'person-0',
      'person-20',
      'person-21',
      'person-22',
      'person-23',
      'person-24',
    ]);
  });

  it('Q5 present online counts; absent and not checked do not', () => {
    let state = withPresent(16);
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-20', status: 'absent_excused' },
      secretary,
    );
    expect(quorum(state).present).toBe(16);
    state = run(
      state,
      {
        type: 'record_attendance',
        personId: 'person-21',
        status: 'present_online',
        connectionPoint: 'Điểm cầu xã',
      },
      secretary,
    );
    expect(quorum(state)).toMatchObject({ present: 17, reached: true });
  });

  it('T2 Q1 counts against the members in office, not the statutory size: 20 in office of 25 need 14', () => {
    const state = run(
      initialMeetingState(target),
      {
        type: 'open_sitting',
        setup: {
          statutorySize: 25,
          rules: DEFAULT_BODY_RULES.peoples_council,
          roster: roster.slice(0, 20),
          agenda,
        },
      },
      presiding,
    );
    expect(state).toMatchObject({ membersInOffice: 20, statutorySize: 25 });
    expect(quorum(state)).toMatchObject({ total: 20, required: 14 });
  });

  it('Q4 a Fatherland Front conference proceeds with anyone present', () => {
    const state = run(
      initialMeetingState(target),
      {
        type: 'open_sitting',
        setup: {
          statutorySize: 45,
          rules: DEFAULT_BODY_RULES.fatherland_front_committee,
          roster,
          agenda,
        },
      },
      presiding,
    );
    expect(quorum(state)).toMatchObject({ required: 0, reached: true });
  });

  it('Q6 an item can be taken up only while quorum is reached', () => {
    expect(
      refusal(withPresent(16), { type: 'set_current_item', itemId: 'report' }, presiding),
    ).toBe('quorum_not_reached');
    expect(
      refusal(withPresent(17), { type: 'set_current_item', itemId: 'report' }, presiding),
    ).toBe('accepted');
  });
});

describe('agenda', () => {
  it('G1 G4 one current item at a time, with the moment it started for its countdown', () => {
    let state = withPresent(17);
    state = run(state, { type: 'set_current_item', itemId: 'opening' }, presiding);
    state = run(state, { type: 'set_current_item', itemId: 'report' }, presiding);
    expect(state.agenda.filter((item) => item.status === 'current').map((item) => item.id)).toEqual(
      ['report'],
    );
    expect(state.agenda.find((item) => item.id === 'opening')?.status).toBe('pending');
    expect(state.agenda.find((item) => item.id === 'report')?.startedAt).toBe(now.toISOString());
  });

  it('G2 a done item cannot be taken up again; a deferred one can', () => {
    let state = withPresent(17);
    state = run(state, { type: 'set_current_item', itemId: 'report' }, presiding);
    state = run(state, { type: 'close_item', itemId: 'report', outcome: 'done' }, presiding);
    expect(refusal(state, { type: 'set_current_item', itemId: 'report' }, presiding)).toBe(
      'item_already_closed',
    );
    expect(
      refusal(state, { type: 'close_item', itemId: 'report', outcome: 'deferred' }, presiding),
    ).toBe('item_already_closed');
    state = run(state, { type: 'close_item', itemId: 'closing', outcome: 'deferred' }, presiding);
    expect(refusal(state, { type: 'set_current_item', itemId: 'closing' }, presiding)).toBe(
      'accepted',
    );
    expect(refusal(state, { type: 'set_current_item', itemId: 'nowhere' }, presiding)).toBe(
      'unknown_item',
    );
  });

  it('G3 a new order names every item once, nested one level', () => {
    const state = open();
    const order = [
      { id: 'report', children: [] },
      { id: 'opening', children: ['anthem'] },
      { id: 'closing', children: [] },
    ];
    const reordered = run(state, { type: 'reorder_agenda', order }, presiding);
    expect(reordered.agenda.map((item) => [item.id, item.parentId])).toEqual([
      ['report', null],
      ['opening', null],
      ['anthem', 'opening'],
      ['closing', null],
    ]);
    expect(refusal(state, { type: 'reorder_agenda', order: order.slice(1) }, presiding)).toBe(
      'agenda_order_invalid',
    );
    expect(
      refusal(
        state,
        { type: 'reorder_agenda', order: [...order, { id: 'report', children: [] }] },
        presiding,
      ),
    ).toBe('agenda_order_invalid');
  });
});

describe('speakers', () => {
  it('S1 S4 members and connection points ask once each, in arrival order; guests cannot', () => {
    let state = withPresent(17);
    state = run(state, { type: 'request_floor', requestId: 'a' }, member(2));
    state = run(state, { type: 'request_floor', requestId: 'b' }, follower);
    state = run(state, { type: 'request_floor', requestId: 'c' }, member(1));
    expect(state.queue.map((request) => request.speaker.name)).toEqual([
      'Đại biểu 2',
      'Điểm cầu tỉnh',
      'Đại biểu 1',
    ]);
    expect(refusal(state, { type: 'request_floor', requestId: 'd' }, member(2))).toBe(
      'already_requested',
    );
    expect(refusal(state, { type: 'request_floor', requestId: 'e' }, guest)).toBe('forbidden');
  });

  it('S1 the screens know who may ask and which request is theirs', () => {
    let state = withPresent(17);
    const asker = (who: Actor) => ({
      accountId: who.accountId,
      personId: who.personId,
      role: who.role,
    });
    expect(mayAskForFloor(state, asker(member(1)))).toBe(true);
    expect(mayAskForFloor(state, asker(follower))).toBe(true);
    expect(mayAskForFloor(state, asker(guest))).toBe(false);
    state = run(state, { type: 'request_floor', requestId: 'm' }, member(1));
    state = run(state, { type: 'request_floor', requestId: 'f' }, follower);
    expect(ownRequest(state, asker(member(1)))?.requestId).toBe('m');
    expect(ownRequest(state, asker(follower))?.requestId).toBe('f');
    expect(ownRequest(state, asker(member(2)))).toBeUndefined();
  });

  it('S2 a request is withdrawn by whoever made it or by the presiding officer, by no one else', () => {
    let state = withPresent(17);
    state = run(state, { type: 'request_floor', requestId: 'a' }, member(2));
    state = run(state, { type: 'request_floor', requestId: 'b' }, member(3));
    expect(refusal(state, { type: 'withdraw_floor', requestId: 'a' }, member(3))).toBe('forbidden');
    state = run(state, { type: 'withdraw_floor', requestId: 'a' }, member(2));
    state = run(state, { type: 'withdraw_floor', requestId: 'b' }, presiding);
    expect(state.queue).toEqual([]);
    expect(refusal(state, { type: 'withdraw_floor', requestId: 'b' }, presiding)).toBe(
      'unknown_request',
    );
  });

  it('S3 S5 the presiding officer gives the floor to any waiting request, one at a time, with a limit', () => {
    let state = withPresent(17);
    state = run(state, { type: 'request_floor', requestId: 'a' }, member(2));
    state = run(state, { type: 'request_floor', requestId: 'b' }, member(3));
    expect(
      refusal(state, { type: 'grant_floor', requestId: 'b', limitSeconds: 180 }, member(4)),
    ).toBe('forbidden');
    state = run(state, { type: 'grant_floor', requestId: 'b', limitSeconds: 180 }, presiding);
    expect(state.speaking).toMatchObject({
      requestId: 'b',
      limitSeconds: 180,
      startedAt: now.toISOString(),
    });
    expect(state.queue.map((request) => request.requestId)).toEqual(['a']);
    expect(
      refusal(state, { type: 'grant_floor', requestId: 'a', limitSeconds: 180 }, presiding),
    ).toBe('someone_is_speaking');
    expect(refusal(state, { type: 'request_floor', requestId: 'z' }, member(3))).toBe(
      'already_requested',
    );
    state = run(state, { type: 'end_floor' }, presiding);
    expect(state.speaking).toBeNull();
    // S5: the ended turn stays in the list of speeches, with when it started and ended.
    expect(state.speeches).toHaveLength(1);
    expect(state.speeches[0]).toMatchObject({ endedAt: now.toISOString() });
    expect(refusal(state, { type: 'end_floor' }, presiding)).toBe('nobody_is_speaking');
  });
});

describe('permissions', () => {
  it.each<[string, MeetingCommand]>([
    ['open', { type: 'close_sitting' }],
    ['take up', { type: 'set_current_item', itemId: 'report' }],
    ['reorder', { type: 'reorder_agenda', order: [] }],
    ['give the floor', { type: 'grant_floor', requestId: 'a', limitSeconds: 60 }],
  ])('P1 only the presiding officer may %s', (_name, command) => {
    const state = withPresent(17);
    for (const other of [member(3), secretary, follower, guest])
      expect(refusal(state, command, other)).toBe('forbidden');
  });

  it('P2 P3 only a secretary records attendance for others; an actor of another meeting can do nothing', () => {
    const state = withPresent(17);
    const elsewhere = actor({
      meetingRoles: [{ meetingId: 'meeting-2', role: 'presiding_officer' }],
    });
    expect(refusal(state, { type: 'close_sitting' }, elsewhere)).toBe('forbidden');
    expect(
      refusal(
        state,
        { type: 'record_attendance', personId: 'person-1', status: 'present_in_hall' },
        presiding,
      ),
    ).toBe('forbidden');
  });

  it('apply is deterministic: the same events give the same state', () => {
    expect(JSON.stringify(withPresent(17))).toBe(JSON.stringify(withPresent(17)));
  });
});

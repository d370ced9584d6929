import { describe, expect, it } from 'vitest';
import type { Actor } from '../authorization.ts';
import { DEFAULT_BODY_RULES } from '../body-rules.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import { decide, mayAskForFloor, ownRequest } from './decide.ts';
import { initialMeetingState, type MeetingState } from './meeting-state.ts';
import {
  actor,
  agenda,
  notice,
  convened,
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
  secretariat,
  target,
  withPresent,
} from './meeting-test-kit.ts';
import { attendanceCounts, notPresent, quorum } from './quorum.ts';

describe('sitting lifecycle', () => {
  it('L1 a meeting is convened once, opens once, and accepts nothing before convening or after closing', () => {
    const fresh = initialMeetingState(target);
    expect(fresh.status).toBe('draft');
    expect(refusal(fresh, { type: 'check_in', status: 'present_in_hall' }, member(1))).toBe(
      'not_convened',
    );
    expect(refusal(fresh, { type: 'open_sitting', setup: { roster } }, presiding)).toBe(
      'not_convened',
    );
    let state = convened();
    expect(state).toMatchObject({ status: 'convened', seq: 1, membersInOffice: 25 });
    expect(state.agenda.map((item) => item.title)).toEqual(agenda.map((line) => line.title));
    expect(
      refusal(
        state,
        {
          type: 'convene',
          setup: { statutorySize: 25, rules: state.rules, roster, agenda, notice },
        },
        secretariat,
      ),
    ).toBe('already_convened');
    for (let index = 0; index < 17; index += 1)
      state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(index));
    state = run(state, { type: 'open_sitting', setup: { roster } }, presiding);
    expect(state.status).toBe('open');
    expect(refusal(state, { type: 'open_sitting', setup: { roster } }, presiding)).toBe(
      'sitting_already_opened',
    );
    const closed = run(state, { type: 'close_sitting' }, presiding);
    expect(closed.status).toBe('closed');
    expect(refusal(closed, { type: 'request_floor', requestId: 'r' }, member(1))).toBe(
      'sitting_not_open',
    );
    expect(refusal(closed, { type: 'check_in', status: 'present_in_hall' }, member(20))).toBe(
      'sitting_not_open',
    );
  });

  it('L1 the secretariat convenes, not the presiding officer nor a delegate', () => {
    const setup = {
      statutorySize: 25,
      rules: DEFAULT_BODY_RULES.peoples_council,
      roster,
      agenda,
      notice,
    };
    const fresh = initialMeetingState(target);
    expect(refusal(fresh, { type: 'convene', setup }, presiding)).toBe('forbidden');
    expect(refusal(fresh, { type: 'convene', setup }, member(3))).toBe('forbidden');
    expect(refusal(fresh, { type: 'convene', setup }, secretariat)).toBe('accepted');
  });

  it('A1 the roll call is open from the convening, before the opening', () => {
    let state = convened();
    state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(4));
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-5', status: 'absent_excused' },
      secretary,
    );
    expect(state.attendance['person-4']?.status).toBe('present_in_hall');
    expect(state.attendance['person-5']?.status).toBe('absent_excused');
    expect(quorum(state)).toMatchObject({ present: 1, total: 25, required: 17, reached: false });
    // Nothing of the sitting itself happens before the opening.
    expect(refusal(state, { type: 'set_current_item', itemId: 'report' }, presiding)).toBe(
      'sitting_not_open',
    );
    expect(refusal(state, { type: 'request_floor', requestId: 'r' }, member(4))).toBe(
      'sitting_not_open',
    );
  });

  it("Q1 the opening of a People's Council is refused without two thirds present, with the figures", () => {
    let state = convened();
    for (let index = 0; index < 16; index += 1)
      state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(index));
    const decision = decide(state, { type: 'open_sitting', setup: { roster } }, presiding, now);
    expect(decision).toEqual({
      ok: false,
      code: 'quorum_not_reached',
      quorum: { present: 16, required: 17, total: 25 },
    });
    state = run(
      state,
      { type: 'check_in', status: 'present_online', connectionPoint: 'Thôn Đông' },
      member(16),
    );
    expect(run(state, { type: 'open_sitting', setup: { roster } }, presiding).status).toBe('open');
  });

  it('Q1 T2 the opening counts against the members in office on its day, not those convened', () => {
    let state = convened();
    for (let index = 0; index < 16; index += 1)
      state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(index));
    // 16 of the 25 convened is short of 17; three left office before the opening day (one of
    // them present), and 15 of the 22 in office is two thirds.
    expect(refusal(state, { type: 'open_sitting', setup: { roster } }, presiding)).toBe(
      'quorum_not_reached',
    );
    const onTheDay = roster.filter((_, index) => ![14, 20, 21].includes(index));
    const opened = run(state, { type: 'open_sitting', setup: { roster: onTheDay } }, presiding);
    expect(opened).toMatchObject({ membersInOffice: 22, status: 'open' });
    expect(quorum(opened)).toMatchObject({ present: 15, total: 22, required: 15, reached: true });
    expect(opened.attendance['person-14']).toBeUndefined();
    // Two of those present left office instead: 14 of 23 is short of 16.
    const without = roster.slice(2);
    expect(
      decide(state, { type: 'open_sitting', setup: { roster: without } }, presiding, now),
    ).toEqual({
      ok: false,
      code: 'quorum_not_reached',
      quorum: { present: 14, required: 16, total: 23 },
    });
  });

  it('Q4 a Fatherland Front conference opens with anyone present', () => {
    const state = convened(DEFAULT_BODY_RULES.fatherland_front_committee);
    expect(refusal(state, { type: 'open_sitting', setup: { roster } }, presiding)).toBe('accepted');
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
      reason: null,
      by: 'member',
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

describe('the roll call kept by the secretary', () => {
  const recordAbsent = (state: MeetingState, personId: string, reason?: string) =>
    run(
      state,
      { type: 'record_attendance', personId, status: 'absent_excused', reason },
      secretary,
    );

  it('A5 a member the secretary recorded absent cannot check in over it: the check-in waits for the secretary', () => {
    let state = recordAbsent(convened(), 'person-3', 'Đi công tác');
    state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(3));
    // The override is refused: the record stands, and the request is on the roll call.
    expect(state.attendance['person-3']).toMatchObject({
      status: 'absent_excused',
      by: 'secretary',
    });
    expect(state.checkInRequests).toEqual([
      {
        personId: 'person-3',
        status: 'present_in_hall',
        connectionPoint: null,
        at: now.toISOString(),
      },
    ]);
    expect(quorum(state).present).toBe(0);
    expect(refusal(state, { type: 'check_in', status: 'present_in_hall' }, member(3))).toBe(
      'check_in_already_requested',
    );
    // The secretary confirms it by recording the member present; the request is answered.
    const confirmed = run(
      state,
      { type: 'record_attendance', personId: 'person-3', status: 'present_in_hall' },
      secretary,
    );
    expect(confirmed.attendance['person-3']?.status).toBe('present_in_hall');
    expect(confirmed.checkInRequests).toEqual([]);
    // Or keeps the absence: the request is answered too.
    expect(recordAbsent(state, 'person-3', 'Đi công tác').checkInRequests).toEqual([]);
  });

  it("A5 a member checks in over their own record, or over the secretary's record of presence", () => {
    let state = run(convened(), { type: 'check_in', status: 'present_in_hall' }, member(3));
    state = run(
      state,
      { type: 'check_in', status: 'present_online', connectionPoint: 'Thôn Đông' },
      member(3),
    );
    expect(state.attendance['person-3']?.status).toBe('present_online');
    state = run(
      state,
      { type: 'record_attendance', personId: 'person-4', status: 'present_in_hall' },
      secretary,
    );
    state = run(
      state,
      { type: 'check_in', status: 'present_online', connectionPoint: 'Thôn Tây' },
      member(4),
    );
    expect(state.attendance['person-4']).toMatchObject({ status: 'present_online', by: 'member' });
    expect(state.checkInRequests).toEqual([]);
  });

  it('A6 an absence keeps the reason the secretary wrote; a presence keeps none', () => {
    const state = recordAbsent(convened(), 'person-5', '  Ốm, có giấy xin phép ');
    expect(state.attendance['person-5']).toMatchObject({ reason: 'Ốm, có giấy xin phép' });
    const back = run(
      state,
      { type: 'record_attendance', personId: 'person-5', status: 'present_in_hall', reason: 'x' },
      secretary,
    );
    expect(back.attendance['person-5']?.reason).toBeNull();
  });

  it('A7 "all present" records every member not yet checked as present in the hall, and no one else', () => {
    let state = recordAbsent(convened(), 'person-1');
    state = run(
      state,
      { type: 'check_in', status: 'present_online', connectionPoint: 'Thôn Bắc' },
      member(2),
    );
    state = run(state, { type: 'record_all_present' }, secretary);
    expect(attendanceCounts(state)).toEqual({
      not_checked: 0,
      present_in_hall: 23,
      present_online: 1,
      absent_excused: 1,
      absent_unexcused: 0,
    });
    expect(refusal(state, { type: 'record_all_present' }, member(3))).toBe('forbidden');
    expect(quorum(state)).toMatchObject({ present: 24, reached: true });
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
    const state = convened(DEFAULT_BODY_RULES.peoples_council, roster.slice(0, 20), 25);
    expect(state).toMatchObject({ membersInOffice: 20, statutorySize: 25 });
    expect(quorum(state)).toMatchObject({ total: 20, required: 14 });
  });

  it('Q4 a Fatherland Front conference proceeds with anyone present', () => {
    const state = convened(DEFAULT_BODY_RULES.fatherland_front_committee, roster, 45);
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

describe('items added during the sitting', () => {
  const line = {
    title: 'Bổ sung: tờ trình về chợ phường',
    kind: 'report' as const,
    durationMinutes: 15,
  };

  it('G5 the presiding officer adds an item at the end, or last under its heading, for everyone to see', () => {
    let state = withPresent(17);
    state = run(
      state,
      { type: 'add_agenda_item', itemId: 'added', parentId: null, ...line },
      presiding,
    );
    expect(state.agenda.at(-1)).toMatchObject({
      id: 'added',
      parentId: null,
      status: 'pending',
      ...line,
    });
    state = run(
      state,
      { type: 'add_agenda_item', itemId: 'under', parentId: 'opening', ...line },
      presiding,
    );
    const ids = state.agenda.map((item) => item.id);
    expect(ids.indexOf('under')).toBe(ids.indexOf('anthem') + 1);
    expect(state.agenda.find((item) => item.id === 'under')?.parentId).toBe('opening');
    // It is taken up like any other.
    expect(refusal(state, { type: 'set_current_item', itemId: 'under' }, presiding)).toBe(
      'accepted',
    );
  });

  it('G5 refuses a used id, an unknown heading, a second level, anyone but the presiding officer, and before the opening', () => {
    const state = open();
    const add = (itemId: string, parentId: string | null) =>
      ({ type: 'add_agenda_item', itemId, parentId, ...line }) as const;
    expect(refusal(state, add('report', null), presiding)).toBe('agenda_order_invalid');
    expect(refusal(state, add('new', 'nowhere'), presiding)).toBe('unknown_item');
    expect(refusal(state, add('new', 'anthem'), presiding)).toBe('agenda_order_invalid');
    expect(refusal(state, add('new', null), member(1))).toBe('forbidden');
    expect(refusal(convened(), add('new', null), presiding)).toBe('sitting_not_open');
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

// Every rule of packages/domain/SPEC.md about running a sitting, enforced by the real server
// for real Socket.IO clients on both databases: each test names the rules it proves.
import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { expect, it } from 'vitest';
import { createSession } from '../auth/session.service.ts';
import { until } from '../test/realtime-harness.ts';
import { people, range, useSittings, type Sitting } from '../test/sitting-kit.ts';

describeEachDatabase('the rules of a sitting, over Socket.IO', (database) => {
  const { context, seat, sitting } = useSittings(database);
  const db = () => database.handle().db;
  const refusedWith = (code: string) => ({ ok: false, error: { code } });

  /** Records every member in `present` as present in the hall. */
  const attend = async ({ secretary, personIds }: Sitting, present: readonly number[]) => {
    for (const index of present) {
      const answer = await secretary.send({
        type: 'record_attendance',
        personId: personIds[index] ?? '',
        status: 'present_in_hall',
      });
      expect(answer).toMatchObject({ ok: true });
    }
  };
  const firstItem = ({ chair }: Sitting) => chair.state?.agenda[0]?.id ?? '';

  it('L1 A4 a meeting is convened by the secretariat, takes its roll call, opens once with quorum, and accepts nothing after it closes', async () => {
    const body = await seat('peoples_council', people(4), { convened: false });
    const [, , member] = body.clients;
    expect(await member?.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject(
      refusedWith('not_convened'),
    );
    expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject(
      refusedWith('not_convened'),
    );
    expect(await body.chair.send({ type: 'convene' })).toMatchObject(refusedWith('forbidden'));
    await context.convene(body.meetingId, body.secretariatToken);
    await until(body.chair, (state) => state.status === 'convened');
    expect(body.chair.state?.agenda.length).toBeGreaterThan(0);
    expect(await member?.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject({
      ok: true,
    });
    const refused = await body.chair.send({ type: 'open_sitting' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'quorum_not_reached', quorum: { present: 1, required: 3, total: 4 } },
    });
    expect(refused.ok ? '' : refused.error.message).toContain('có mặt 1 trên tổng số 4');
    await attend(body, [0, 1]);
    expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject(
      refusedWith('sitting_already_opened'),
    );
    const opened = await until(body.chair, (state) => state.status === 'open');
    expect(Object.values(opened.attendance).map((record) => record.status)).toEqual([
      'present_in_hall',
      'present_in_hall',
      'present_in_hall',
      'not_checked',
    ]);
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    expect(await member?.send({ type: 'request_floor', requestId: 'muon' })).toMatchObject(
      refusedWith('sitting_not_open'),
    );
  });

  it('Q1 Q6 a People’s Council opens only with two thirds of its members in office present: 3 of 6 no, 4 yes', async () => {
    const council = await sitting('peoples_council', people(6), [0, 1, 2]);
    expect(await council.chair.send({ type: 'open_sitting' })).toMatchObject({
      ok: false,
      error: { code: 'quorum_not_reached', quorum: { present: 3, required: 4, total: 6 } },
    });
    await attend(council, [3]);
    expect(await council.chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    expect(
      await council.chair.send({ type: 'set_current_item', itemId: firstItem(council) }),
    ).toMatchObject({ ok: true });
  });

  it('Q2 Q3 a People’s Committee and a Party committee need two thirds present as well: 1 of 3 no, 2 yes', async () => {
    for (const kind of ['peoples_committee', 'party_executive_committee'] as const) {
      const body = await sitting(kind, people(3), [0]);
      expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject(
        refusedWith('quorum_not_reached'),
      );
      await attend(body, [1]);
      expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    }
  });

  it('Q1 a sitting that loses its quorum takes up no further business', async () => {
    const council = await sitting('peoples_council', people(4), range(4));
    for (const personId of council.personIds.slice(2)) {
      expect(
        await council.secretary.send({
          type: 'record_attendance',
          personId,
          status: 'absent_excused',
        }),
      ).toMatchObject({ ok: true });
    }
    const next = council.chair.state?.agenda.at(-1)?.id ?? '';
    expect(await council.chair.send({ type: 'set_current_item', itemId: next })).toMatchObject({
      ok: false,
      error: { code: 'quorum_not_reached', quorum: { present: 2, required: 3, total: 4 } },
    });
  });

  it('Q4 a Fatherland Front conference consults with whoever is present: no quorum is asked', async () => {
    const front = await sitting('fatherland_front_committee', people(9), []);
    expect(front.chair.state?.agenda.find((item) => item.status === 'current')).toBeDefined();
  });

  it('A1 A2 A3 P2 the secretary records any of the five states, online at a named point; a member checks in only themselves', async () => {
    const body = await sitting('peoples_council', people(4), []);
    const [personId] = body.personIds.slice(3);
    for (const status of [
      'absent_excused',
      'absent_unexcused',
      'present_in_hall',
      'not_checked',
    ] as const) {
      expect(
        await body.secretary.send({ type: 'record_attendance', personId: personId ?? '', status }),
      ).toMatchObject({ ok: true });
    }
    expect(
      await body.secretary.send({
        type: 'record_attendance',
        personId: personId ?? '',
        status: 'present_online',
      }),
    ).toMatchObject(refusedWith('connection_point_required'));
    expect(
      await body.secretary.send({
        type: 'record_attendance',
        personId: personId ?? '',
        status: 'present_online',
        connectionPoint: 'Điểm cầu thôn Đồng Tâm',
      }),
    ).toMatchObject({ ok: true });
    const member = body.clients[2];
    expect(
      await member?.send({
        type: 'record_attendance',
        personId: personId ?? '',
        status: 'absent_unexcused',
      }),
    ).toMatchObject(refusedWith('forbidden'));
    expect(await member?.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject({
      ok: true,
    });
    const state = await until(body.chair, (current) =>
      Object.values(current.attendance).some((record) => record.status === 'present_in_hall'),
    );
    expect(state.attendance[personId ?? '']).toMatchObject({
      status: 'present_online',
      connectionPoint: 'Điểm cầu thôn Đồng Tâm',
      by: 'secretary',
    });
    expect(state.attendance[body.personIds[2] ?? '']?.status).toBe('present_in_hall');
  });

  it('A5 A6 a member the secretary recorded absent cannot check in over it: the request waits on the roll call until the secretary confirms', async () => {
    const body = await sitting('peoples_council', people(4), []);
    const [, , member] = body.clients;
    const personId = body.personIds[2] ?? '';
    expect(
      await body.secretary.send({
        type: 'record_attendance',
        personId,
        status: 'absent_excused',
        reason: 'Đi công tác tỉnh',
      }),
    ).toMatchObject({ ok: true });
    expect(await member?.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject({
      ok: true,
    });
    const waiting = await until(body.secretary, (state) => state.checkInRequests.length > 0);
    expect(waiting.attendance[personId]).toMatchObject({
      status: 'absent_excused',
      reason: 'Đi công tác tỉnh',
    });
    expect(waiting.checkInRequests).toMatchObject([{ personId, status: 'present_in_hall' }]);
    expect(await member?.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject(
      refusedWith('check_in_already_requested'),
    );
    expect(
      await body.secretary.send({ type: 'record_attendance', personId, status: 'present_in_hall' }),
    ).toMatchObject({ ok: true });
    const confirmed = await until(body.secretary, (state) => state.checkInRequests.length === 0);
    expect(confirmed.attendance[personId]?.status).toBe('present_in_hall');
  });

  it('A7 P2 "all present" is the secretary\'s: it records everyone not yet checked, and nobody else may', async () => {
    const body = await sitting('peoples_council', people(4), []);
    await body.secretary.send({
      type: 'record_attendance',
      personId: body.personIds[3] ?? '',
      status: 'absent_unexcused',
    });
    for (const client of [body.chair, body.clients[2]])
      expect(await client?.send({ type: 'record_all_present' })).toMatchObject(
        refusedWith('forbidden'),
      );
    expect(await body.secretary.send({ type: 'record_all_present' })).toMatchObject({ ok: true });
    const state = await until(body.chair, (current) =>
      Object.values(current.attendance).every((record) => record.status !== 'not_checked'),
    );
    expect(body.personIds.map((id) => state.attendance[id]?.status)).toEqual([
      'present_in_hall',
      'present_in_hall',
      'present_in_hall',
      'absent_unexcused',
    ]);
    expect(await body.chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
  });

  it('G1 G2 G3 G4 one item is current; a done item is not taken up again, a deferred one is; a new order names every item', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    const agenda = body.chair.state?.agenda ?? [];
    const [first, second] = agenda.filter((item) => item.parentId === null);
    expect(body.chair.state?.agenda.find((item) => item.id === first?.id)).toMatchObject({
      status: 'current',
      startedAt: expect.any(String),
    });
    await body.chair.send({ type: 'set_current_item', itemId: second?.id ?? '' });
    const state = await until(body.chair, (current) =>
      current.agenda.some((item) => item.id === second?.id && item.status === 'current'),
    );
    expect(state.agenda.filter((item) => item.status === 'current')).toHaveLength(1);
    await body.chair.send({ type: 'close_item', itemId: second?.id ?? '', outcome: 'done' });
    expect(
      await body.chair.send({ type: 'set_current_item', itemId: second?.id ?? '' }),
    ).toMatchObject(refusedWith('item_already_closed'));
    await body.chair.send({ type: 'set_current_item', itemId: first?.id ?? '' });
    await body.chair.send({ type: 'close_item', itemId: first?.id ?? '', outcome: 'deferred' });
    expect(
      await body.chair.send({ type: 'set_current_item', itemId: first?.id ?? '' }),
    ).toMatchObject({ ok: true });
    const missingOne = agenda
      .filter((item) => item.parentId === null)
      .slice(1)
      .map((item) => ({ id: item.id, children: [] }));
    expect(await body.chair.send({ type: 'reorder_agenda', order: missingOne })).toMatchObject(
      refusedWith('agenda_order_invalid'),
    );
  });

  it('G5 an item added during the sitting reaches every screen, under its heading; a member cannot add one', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    const [heading] = (body.chair.state?.agenda ?? []).filter((item) => item.parentId === null);
    const added = {
      type: 'add_agenda_item',
      itemId: 'bo-sung-1',
      parentId: heading?.id ?? '',
      title: 'Bổ sung: tờ trình về chợ phường',
      kind: 'report',
      durationMinutes: 15,
    } as const;
    expect(await body.clients[2]?.send(added)).toMatchObject(refusedWith('forbidden'));
    expect(await body.chair.send(added)).toMatchObject({ ok: true });
    // A resend of the same item is refused, not added twice.
    expect(await body.chair.send(added)).toMatchObject(refusedWith('agenda_order_invalid'));
    const seen = await until(body.clients[1] as MeetingClient, (state) =>
      state.agenda.some((item) => item.id === 'bo-sung-1'),
    );
    expect(seen.agenda.find((item) => item.id === 'bo-sung-1')).toMatchObject({
      parentId: heading?.id,
      title: 'Bổ sung: tờ trình về chợ phường',
      status: 'pending',
    });
  });

  it('S1 S2 S3 S4 S5 L2 members and the province’s point ask for the floor in order, a guest cannot; one speaker at a time; closing keeps the turn', async () => {
    const body = await sitting('peoples_council', people(4), range(4));
    const [guestAccount] = await db()
      .insert(schema.accounts)
      .values({ role: 'guest', displayName: 'Khách Mời Thử', organisationId: body.communeId })
      .returning();
    const { token: guestToken } = await createSession(
      db(),
      guestAccount?.id ?? '',
      'browser',
      new Date(),
    );
    const guest = context.clientWithToken(guestToken, body.meetingId);
    const province = context.clientWithToken(context.world.tokens.follower ?? '', body.meetingId);
    await Promise.all([guest.start(), province.start()]);
    const [, , first, second] = body.clients;
    expect(await first?.send({ type: 'request_floor', requestId: 'a' })).toMatchObject({
      ok: true,
    });
    expect(await first?.send({ type: 'request_floor', requestId: 'b' })).toMatchObject(
      refusedWith('already_requested'),
    );
    expect(await province.send({ type: 'request_floor', requestId: 'c' })).toMatchObject({
      ok: true,
    });
    expect(await second?.send({ type: 'request_floor', requestId: 'd' })).toMatchObject({
      ok: true,
    });
    expect(await guest.send({ type: 'request_floor', requestId: 'e' })).toMatchObject(
      refusedWith('forbidden'),
    );
    expect(await second?.send({ type: 'withdraw_floor', requestId: 'a' })).toMatchObject(
      refusedWith('forbidden'),
    );
    expect(await second?.send({ type: 'withdraw_floor', requestId: 'd' })).toMatchObject({
      ok: true,
    });
    const queued = await until(body.chair, (state) => state.queue.length === 2);
    expect(queued.queue.map((request) => [request.requestId, request.speaker.kind])).toEqual([
      ['a', 'member'],
      ['c', 'connection_point'],
    ]);
    expect(
      await body.chair.send({ type: 'grant_floor', requestId: 'c', limitSeconds: 180 }),
    ).toMatchObject({ ok: true });
    expect(
      await body.chair.send({ type: 'grant_floor', requestId: 'a', limitSeconds: 180 }),
    ).toMatchObject(refusedWith('someone_is_speaking'));
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    const closed = await until(province, (state) => state.status === 'closed');
    expect(closed.speaking).toBeNull();
    expect(closed.queue).toEqual([]);
    expect(closed.speeches.map((speech) => speech.requestId)).toEqual(['c']);
  });

  it('V1 V2 V3 V4 a poll opens on the current item, with quorum, one at a time; an election names distinct candidates', async () => {
    const body = await sitting('peoples_council', people(6), range(6));
    const poll = (extra: object = {}) => ({
      type: 'open_poll' as const,
      pollId: randomUUID(),
      kind: 'open_vote' as const,
      title: 'Thử',
      ...extra,
    });
    const a = { id: 'a', name: 'Ứng Cử Viên A' };
    expect(
      await body.chair.send(poll({ kind: 'election', candidates: [a, { ...a }], seats: 1 })),
    ).toMatchObject(refusedWith('poll_invalid'));
    expect(
      await body.chair.send(poll({ kind: 'election', candidates: [a], seats: 2 })),
    ).toMatchObject(refusedWith('poll_invalid'));
    expect(await body.chair.send(poll())).toMatchObject({ ok: true });
    expect(await body.chair.send(poll())).toMatchObject(refusedWith('poll_already_open'));
    const open = body.chair.state?.polls.find((candidate) => candidate.status === 'open');
    expect(open?.itemId).toBe(firstItem(body));
    await body.chair.send({ type: 'close_poll', pollId: open?.pollId ?? '' });
    await body.chair.send({ type: 'close_item', itemId: firstItem(body), outcome: 'done' });
    expect(await body.chair.send(poll())).toMatchObject(refusedWith('no_current_item'));
    await body.chair.send({
      type: 'set_current_item',
      itemId: body.chair.state?.agenda[2]?.id ?? '',
    });
    for (const index of [2, 3, 4]) {
      await body.secretary.send({
        type: 'record_attendance',
        personId: body.personIds[index] ?? '',
        status: 'absent_excused',
      });
    }
    expect(await body.chair.send(poll())).toMatchObject(refusedWith('quorum_not_reached'));
  });

  it('P1 P3 only the presiding officer runs the sitting: a member and the secretary are refused', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    for (const client of [body.secretary, body.clients[2]]) {
      for (const command of [
        { type: 'close_sitting' as const },
        { type: 'set_current_item' as const, itemId: firstItem(body) },
        {
          type: 'open_poll' as const,
          pollId: randomUUID(),
          kind: 'open_vote' as const,
          title: 'x',
        },
        { type: 'appoint_tellers' as const, personIds: [body.personIds[2] ?? ''] },
      ]) {
        expect(await client?.send(command)).toMatchObject(refusedWith('forbidden'));
      }
    }
  });

  it('V15 a designation is announced into the record without a vote, by the presiding officer only', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    const designation = {
      type: 'announce_designation' as const,
      personName: 'Hà Minh Tuệ',
      post: 'Chủ tịch Ủy ban nhân dân phường',
      decision: 'Quyết định số 01/QĐ-UBND ngày 01/7/2025',
    };
    expect(await body.clients[2]?.send(designation)).toMatchObject(refusedWith('forbidden'));
    expect(await body.chair.send(designation)).toMatchObject({ ok: true });
    const state = await until(
      body.clients[2] as Sitting['chair'],
      (current) => current.designations.length > 0,
    );
    expect(state.designations).toEqual([
      {
        itemId: firstItem(body),
        personName: 'Hà Minh Tuệ',
        post: 'Chủ tịch Ủy ban nhân dân phường',
        decision: 'Quyết định số 01/QĐ-UBND ngày 01/7/2025',
        at: expect.any(String),
      },
    ]);
    expect(state.polls).toEqual([]);
  });
});

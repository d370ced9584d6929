import { describeEachDatabase } from '@hopxa/db/testing';
import { NOT_OPENED_GRACE_MS } from '@hopxa/domain';
import type { BoardChangesMessage } from '@hopxa/protocol';
import { afterAll, expect, it, vi } from 'vitest';
import { meetingTarget } from '../auth/authorize.ts';
import { createLogger } from '../logger.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { people, range, useSittings } from '../test/sitting-kit.ts';
import { testKeys } from '../test/test-keys.ts';
import { BoardDesk } from './board-desk.ts';

describeEachDatabase('the board of one process, on its own clock', (database) => {
  const { context, seat, sitting } = useSittings(database);
  const desks: BoardDesk[] = [];
  afterAll(() => {
    for (const desk of desks) desk.close();
  });

  /** A desk over the database as a restarted process has it, with `now` as its clock. */
  const deskAt = (clock: () => Date) => {
    const db = database.handle().db;
    const cache = new MeetingStateCache(testKeys.log);
    const sent: BoardChangesMessage[] = [];
    const shared: [string, number][] = [];
    const state = async (meetingId: string) => cache.recent(db, await meetingTarget(db, meetingId));
    const desk = new BoardDesk({
      db,
      logger: createLogger('silent'),
      clock,
      state,
      link: {
        send: (message) => sent.push(message),
        sharePoints: (meetingId, count) => shared.push([meetingId, count]),
      },
    });
    desks.push(desk);
    /** The last summary of `meetingId` the desk sent its viewers. */
    const lastSent = (meetingId: string) =>
      sent.flatMap((message) => message.sittings).findLast((each) => each.meetingId === meetingId);
    return { desk, sent, shared, state, lastSent };
  };

  it('B1 raises "not opened on time" as the clock passes the grace, and drops it once opened', async () => {
    const waiting = await seat('peoples_committee', people(3, 0));
    let ahead = 0;
    const { desk, state, lastSent } = deskAt(() => new Date(Date.now() + ahead));
    const board = await desk.snapshot(context.world.provinceId);
    expect(board.sittings.find((each) => each.meetingId === waiting.meetingId)).toMatchObject({
      status: 'convened',
      alerts: [],
    });
    ahead = NOT_OPENED_GRACE_MS + 60_000;
    await vi.waitFor(() =>
      expect(lastSent(waiting.meetingId)?.alerts).toEqual(['not_opened_on_time']),
    );
    for (const personId of waiting.personIds)
      await waiting.secretary.send({
        type: 'record_attendance',
        personId,
        status: 'present_in_hall',
      });
    expect(await waiting.chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    desk.committed(await state(waiting.meetingId));
    await vi.waitFor(
      () => expect(lastSent(waiting.meetingId)).toMatchObject({ status: 'open', alerts: [] }),
      {
        timeout: 3000,
      },
    );
  });

  it('B1 raises a dropped connection point while sitting, tells the other processes, and clears it', async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const { desk, shared, lastSent } = deskAt(() => new Date());
    await desk.snapshot(context.world.provinceId);
    desk.pointsDownChanged(held.meetingId, 1);
    await vi.waitFor(() =>
      expect(lastSent(held.meetingId)).toMatchObject({ pointsDown: 1, alerts: ['point_down'] }),
    );
    desk.pointsDownChanged(held.meetingId, 0);
    await vi.waitFor(
      () => expect(lastSent(held.meetingId)).toMatchObject({ pointsDown: 0, alerts: [] }),
      { timeout: 3000 },
    );
    expect(shared).toEqual([
      [held.meetingId, 1],
      [held.meetingId, 0],
    ]);
    // Heard from the process where the video lives: kept, not told back.
    desk.pointsDownChanged(held.meetingId, 2, true);
    expect(shared).toHaveLength(2);
    await vi.waitFor(() => expect(lastSent(held.meetingId)).toMatchObject({ pointsDown: 2 }), {
      timeout: 3000,
    });
  });

  it('keeps the later of two summaries of a sitting, whichever process sent it first', async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const { desk, state } = deskAt(() => new Date());
    await desk.snapshot(context.world.provinceId);
    const before = await state(held.meetingId);
    await held.secretary.send({
      type: 'record_attendance',
      personId: held.personIds[4] ?? '',
      status: 'absent_unexcused',
    });
    const after = await state(held.meetingId);
    const summary = (await desk.snapshot(context.world.provinceId)).sittings.find(
      (each) => each.meetingId === held.meetingId,
    );
    if (!summary) throw new Error('the sitting is not on the board');
    desk.committed(after);
    // Another process's summary of the state before, arriving late.
    const late = { ...summary, seq: before.seq, present: 5 };
    desk.received([{ provinceId: context.world.provinceId, sitting: late }]);
    const board = await desk.snapshot(context.world.provinceId);
    expect(board.sittings.find((each) => each.meetingId === held.meetingId)).toMatchObject({
      seq: after.seq,
      present: 4,
    });
  });
});

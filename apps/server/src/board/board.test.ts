import { describeEachDatabase } from '@hopxa/db/testing';
import type { SittingSummary } from '@hopxa/domain';
import type { MeResponse } from '@hopxa/protocol';
import { afterAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { createLogger } from '../logger.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { getOver } from '../test/http-session.ts';
import { testKeys } from '../test/test-keys.ts';
import { people, range, useSittings } from '../test/sitting-kit.ts';
import { BoardDesk, SITTING_UPDATE_INTERVAL_MS } from './board-desk.ts';
import { boardViewer, type BoardViewer } from './board-viewer.ts';

const motion = (choice: 'in_favour' | 'against') => ({ kind: 'motion', choice }) as const;

describeEachDatabase("a province's board", (database) => {
  const { context, sitting, vote } = useSittings(database);
  const viewers: BoardViewer[] = [];
  const viewer = async (token: string | null) => {
    const made = await boardViewer(context.url, token && `${SESSION_COOKIE}=${token}`);
    viewers.push(made);
    return made;
  };
  afterAll(() => {
    for (const made of viewers) made.stop();
  });

  it('B3 shows a province follower every commune below and nothing of another province', async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const follower = await viewer(context.world.tokens.follower);
    const answer = await follower.join(context.world.provinceId);
    if (!answer.ok) throw new Error(answer.error.code);
    const board = answer.data;
    expect(board.provinceName).toBe('Tỉnh Thử A');
    expect(board.communes.map((commune) => commune.id)).toContain(context.world.communeId);
    expect(board.communes.map((commune) => commune.id)).toContain(held.communeId);
    expect(board.communes.map((commune) => commune.id)).not.toContain(context.world.otherCommuneId);
    expect(board.sittings.find((each) => each.meetingId === held.meetingId)).toMatchObject({
      status: 'open',
      present: 5,
      inOffice: 5,
      quorumReached: true,
      alerts: [],
    });
    // Nothing of the other province reaches this board, nor this one another's.
    const other = await follower.join(context.world.otherProvinceId);
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('B3 opens no board to a commune account, another province or a signed-out screen', async () => {
    const { tokens, provinceTokens, provinceId, communeId } = context.world;
    for (const token of [
      tokens.secretariat,
      tokens.delegate,
      tokens.guest,
      tokens.hallDisplay,
      tokens.otherProvinceFollower,
      provinceTokens.communeFollower,
      provinceTokens.otherProvinceAdmin,
    ]) {
      const answer = await (await viewer(token)).join(provinceId);
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const admin = await viewer(provinceTokens.provinceAdmin);
    expect(await admin.join(provinceId)).toMatchObject({ ok: true });
    // A commune is no province: there is no board of it.
    expect(await admin.join(communeId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(viewer(null)).rejects.toThrow('unauthenticated');
  });

  it("B3 tells each account whose board it sees, so its pages lead there: its province's, or none", async () => {
    const { tokens, provinceTokens, provinceId } = context.world;
    const boardOf = async (token: string | null) => {
      if (token === null) throw new Error('the world has no such account');
      const me = await getOver<MeResponse>(
        context.url,
        '/api/auth/me',
        `${SESSION_COOKIE}=${token}`,
      );
      return me.account.boardProvinceId;
    };
    expect(await boardOf(tokens.follower)).toBe(provinceId);
    expect(await boardOf(provinceTokens.provinceAdmin)).toBe(provinceId);
    for (const token of [
      tokens.secretariat,
      tokens.delegate,
      tokens.guest,
      tokens.hallDisplay,
      provinceTokens.communeFollower,
    ])
      expect(await boardOf(token)).toBeNull();
  });

  it('B3 opens the board asked for by its id in capitals, the same province', async () => {
    const follower = await viewer(context.world.tokens.follower);
    const answer = await follower.join(context.world.provinceId.toUpperCase());
    expect(answer).toMatchObject({ ok: true, data: { provinceName: 'Tỉnh Thử A' } });
  });

  it('refuses a malformed join, and answers a join sent without a payload', async () => {
    const follower = await viewer(context.world.tokens.follower);
    for (const bad of [
      {},
      { provinceId: 'x' },
      { provinceId: context.world.provinceId, more: 1 },
    ]) {
      const answer = (await follower.socket.timeout(5000).emitWithAck('board:join', bad)) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('B1 tells a board of quorum lost and regained, at most once a second per sitting', async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const follower = await viewer(context.world.tokens.follower);
    expect(await follower.join(context.world.provinceId)).toMatchObject({ ok: true });
    const { secretary, personIds } = held;
    for (const personId of personIds.slice(2)) {
      await secretary.send({ type: 'record_attendance', personId, status: 'absent_unexcused' });
    }
    const mine = (sitting: SittingSummary) => sitting.meetingId === held.meetingId;
    expect(await follower.until((each) => mine(each) && each.present === 2)).toMatchObject({
      quorumReached: false,
      alerts: ['quorum_lost'],
    });
    for (const personId of personIds.slice(2)) {
      await secretary.send({ type: 'record_attendance', personId, status: 'present_in_hall' });
    }
    expect(await follower.until((each) => mine(each) && each.present === 5)).toMatchObject({
      quorumReached: true,
      alerts: [],
    });
    const times = follower.heard
      .filter(({ message }) => message.sittings.some(mine))
      .map(({ at }) => at);
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < times.length; index += 1)
      // Timers fire a few milliseconds either side of their time.
      expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeGreaterThan(
        SITTING_UPDATE_INTERVAL_MS - 50,
      );
  });

  it("sends a sitting of a commune added after the board was read with the commune's name", async () => {
    const follower = await viewer(context.world.tokens.follower);
    const before = await follower.join(context.world.provinceId);
    if (!before.ok) throw new Error(before.error.code);
    const held = await sitting('fatherland_front_committee', people(3, 0), range(3));
    expect(before.data.communes.map((commune) => commune.id)).not.toContain(held.communeId);
    await follower.until((each) => each.meetingId === held.meetingId);
    const told = follower.heard.find(({ message }) =>
      message.sittings.some((each) => each.meetingId === held.meetingId),
    );
    expect(told?.message.communes?.map((commune) => commune.id)).toContain(held.communeId);
  });

  it('B1 tells a board the last poll failed, with its title, and the item under way', async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const follower = await viewer(context.world.tokens.follower);
    expect(await follower.join(context.world.provinceId)).toMatchObject({ ok: true });
    await vote(held, { kind: 'open_vote', title: 'Thông qua chương trình kỳ họp' }, [
      motion('against'),
      motion('against'),
      motion('against'),
      motion('in_favour'),
      null,
    ]);
    const failed = await follower.until(
      (each) => each.meetingId === held.meetingId && each.lastResult !== null,
    );
    expect(failed).toMatchObject({
      lastResult: { title: 'Thông qua chương trình kỳ họp', outcome: 'failed' },
      alerts: ['poll_failed'],
      openPoll: null,
    });
    expect(failed.currentItem).toBe(held.chair.state?.agenda[0]?.title);
  });

  it('is the same board when read again from the logs, as after a restart', async () => {
    await sitting('peoples_committee', people(4, 0), range(4));
    const follower = await viewer(context.world.tokens.follower);
    const live = await follower.join(context.world.provinceId);
    if (!live.ok) throw new Error(live.error.code);
    const db = database.handle().db;
    const cache = new MeetingStateCache(testKeys.log);
    const restarted = new BoardDesk({
      db,
      logger: createLogger('silent'),
      clock: () => new Date(),
      state: async (meetingId) => cache.recent(db, await meetingTarget(db, meetingId)),
      link: { send: () => undefined },
    });
    try {
      const read = await restarted.snapshot(context.world.provinceId);
      const byId = (sittings: readonly SittingSummary[]) =>
        [...sittings].sort((a, b) => a.meetingId.localeCompare(b.meetingId));
      expect(byId(read.sittings)).toEqual(byId(live.data.sittings));
      const communeIds = read.communes.map((commune) => commune.id);
      for (const each of read.sittings) expect(communeIds).toContain(each.communeId);
    } finally {
      restarted.close();
    }
  });
});

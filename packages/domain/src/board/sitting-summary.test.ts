import { describe, expect, it } from 'vitest';
import { convened, now, open, presiding, run, secretary } from '../meeting/meeting-test-kit.ts';
import {
  foldVietnamese,
  isOnBoard,
  isOnDaySummary,
  NOT_OPENED_GRACE_MS,
  summarizeSitting,
} from './sitting-summary.ts';

const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const noContext = { pointsDown: 0 };

describe("a sitting on the province's board", () => {
  it('B1 counts quorum against the members in office and names the item under way', () => {
    const sitting = open();
    const summary = summarizeSitting(sitting, noContext, now);
    expect(summary).toMatchObject({
      status: 'open',
      present: 0,
      inOffice: sitting.membersInOffice,
    });
    expect(summary.alerts).toContain('quorum_lost');
    const everyone = run(sitting, { type: 'record_all_present' }, secretary);
    expect(summarizeSitting(everyone, noContext, now).alerts).not.toContain('quorum_lost');
    const itemId = everyone.agenda[0]?.id ?? '';
    const current = run(everyone, { type: 'set_current_item', itemId }, presiding);
    expect(summarizeSitting(current, noContext, now).currentItem).toBe(everyone.agenda[0]?.title);
  });

  it('B1 says the last poll failed, with its title, and no more once one passes', () => {
    const everyone = run(open(), { type: 'record_all_present' }, secretary);
    const itemId = everyone.agenda[0]?.id ?? '';
    const current = run(everyone, { type: 'set_current_item', itemId }, presiding);
    const vote = (state: typeof current, pollId: string, inFavour: number) => {
      const opened = run(
        state,
        { type: 'open_poll', pollId, kind: 'open_vote', title: `Biểu quyết ${pollId}` },
        presiding,
      );
      const voters = state.roster.filter((seat) => seat.votingRight).map((seat) => seat.personId);
      return run(
        opened,
        {
          type: 'close_poll',
          pollId,
          count: {
            voters,
            tally: { inFavour, against: voters.length - inFavour, notVoting: 0 },
            perCandidate: {},
            blank: 0,
            invalid: 0,
            votes: [],
            entered: [],
          },
        },
        presiding,
      );
    };
    const failed = vote(current, 'poll-1', 1);
    expect(summarizeSitting(failed, noContext, now)).toMatchObject({
      lastResult: { title: 'Biểu quyết poll-1', outcome: 'failed' },
      alerts: ['poll_failed'],
    });
    const passed = vote(failed, 'poll-2', current.membersInOffice);
    expect(summarizeSitting(passed, noContext, now).alerts).toEqual([]);
  });

  it('B1 says a sitting was not opened a quarter of an hour after its time, and no sooner', () => {
    const at = (startsAt: string | null) => {
      const state = convened();
      return { ...state, notice: state.notice && { ...state.notice, startsAt } };
    };
    const alerts = (startsAt: string | null) =>
      summarizeSitting(at(startsAt), noContext, now).alerts;
    expect(alerts(ago(NOT_OPENED_GRACE_MS - 60_000))).toEqual([]);
    expect(alerts(ago(NOT_OPENED_GRACE_MS + 60_000))).toEqual(['not_opened_on_time']);
    expect(alerts(null)).toEqual([]);
    const opened = run(open(), { type: 'record_all_present' }, secretary);
    expect(summarizeSitting(opened, noContext, now).alerts).toEqual([]);
  });

  it('B4 puts on the board of a day the sittings convened for it and those in session', () => {
    const waiting = summarizeSitting(convened(), noContext, now);
    // Convened for 08:00 on 1 July in Hà Nội (01:00 UTC).
    expect(isOnBoard(waiting, '2026-07-01')).toBe(true);
    expect(isOnBoard(waiting, '2026-06-30')).toBe(false);
    const sitting = summarizeSitting(open(), noContext, now);
    expect(isOnBoard(sitting, '2026-12-01')).toBe(true);
    const draft = { ...waiting, status: 'draft' as const };
    expect(isOnBoard(draft, '2026-07-01')).toBe(false);
  });

  it("B5 holds a sitting on a day's summary as on its board, one in session only from the day it opened", () => {
    const waiting = summarizeSitting(convened(), noContext, now);
    expect(isOnDaySummary(waiting, null, '2026-07-01')).toBe(true);
    expect(isOnDaySummary(waiting, null, '2026-06-30')).toBe(false);
    // Opened on 5 January (08:00 in Hà Nội) and still in session.
    const openedAt = now.toISOString();
    const sitting = summarizeSitting(open(), noContext, now);
    expect(isOnBoard(sitting, '2026-01-04')).toBe(true);
    expect(
      ['2026-01-04', '2026-01-05', '2026-01-06'].map((day) =>
        isOnDaySummary(sitting, openedAt, day),
      ),
    ).toEqual([false, true, true]);
  });

  it("B1 says a connection point's line dropped while sitting, and no more once it is back", () => {
    const sitting = run(open(), { type: 'record_all_present' }, secretary);
    expect(summarizeSitting(sitting, { pointsDown: 1 }, now)).toMatchObject({
      pointsDown: 1,
      alerts: ['point_down'],
    });
    expect(summarizeSitting(sitting, noContext, now).alerts).toEqual([]);
    // Before the sitting opens a point not linked yet is no alert.
    expect(summarizeSitting(convened(), { pointsDown: 1 }, now).alerts).toEqual([]);
  });

  it('B2 finds a commune by its name typed without marks', () => {
    expect(foldVietnamese('Sông Công')).toBe('song cong');
    expect(foldVietnamese('  Phường   ĐỒNG HỶ ')).toBe('phuong dong hy');
    expect(foldVietnamese('Xã Phú Bình'.normalize('NFD'))).toBe('xa phu binh');
    expect(foldVietnamese('Sông Công').includes(foldVietnamese('song cong'))).toBe(true);
  });
});

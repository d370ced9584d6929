import { describe, expect, it } from 'vitest';
import { convened, now, open, presiding, run, secretary } from '../meeting/meeting-test-kit.ts';
import { foldVietnamese, NOT_OPENED_GRACE_MS, summarizeSitting } from './sitting-summary.ts';

const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe("a sitting on the province's board", () => {
  it('B1 counts quorum against the members in office and names the item under way', () => {
    const sitting = open();
    const summary = summarizeSitting(sitting, null, now);
    expect(summary).toMatchObject({
      status: 'open',
      present: 0,
      inOffice: sitting.membersInOffice,
    });
    expect(summary.alerts).toContain('quorum_lost');
    const everyone = run(sitting, { type: 'record_all_present' }, secretary);
    expect(summarizeSitting(everyone, null, now).alerts).not.toContain('quorum_lost');
    const itemId = everyone.agenda[0]?.id ?? '';
    const current = run(everyone, { type: 'set_current_item', itemId }, presiding);
    expect(summarizeSitting(current, null, now).currentItem).toBe(everyone.agenda[0]?.title);
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
    expect(summarizeSitting(failed, null, now)).toMatchObject({
      lastResult: { title: 'Biểu quyết poll-1', outcome: 'failed' },
      alerts: ['poll_failed'],
    });
    const passed = vote(failed, 'poll-2', current.membersInOffice);
    expect(summarizeSitting(passed, null, now).alerts).toEqual([]);
  });

  it('B1 says a sitting was not opened a quarter of an hour after its time, and no sooner', () => {
    const waiting = convened();
    expect(summarizeSitting(waiting, ago(NOT_OPENED_GRACE_MS - 60_000), now).alerts).toEqual([]);
    expect(summarizeSitting(waiting, ago(NOT_OPENED_GRACE_MS + 60_000), now).alerts).toEqual([
      'not_opened_on_time',
    ]);
    expect(summarizeSitting(waiting, null, now).alerts).toEqual([]);
  });

  it('B2 finds a commune by its name typed without marks', () => {
    expect(foldVietnamese('Sông Công')).toBe('song cong');
    expect(foldVietnamese('  Phường   ĐỒNG HỶ ')).toBe('phuong dong hy');
    expect(foldVietnamese('Xã Phú Bình'.normalize('NFD'))).toBe('xa phu binh');
    expect(foldVietnamese('Sông Công').includes(foldVietnamese('song cong'))).toBe(true);
  });
});

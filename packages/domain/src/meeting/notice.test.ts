import { describe, expect, it } from 'vitest';
import { initialMeetingState } from './meeting-state.ts';
import {
  convened,
  member,
  notice,
  open,
  presiding,
  refusal,
  run,
  secretariat,
  target,
} from './meeting-test-kit.ts';
import { noticeChanges, type MeetingNotice } from './notice.ts';

const moved: MeetingNotice = { ...notice, place: 'Nhà văn hóa thôn Đồng Tâm' };
const withDraft: MeetingNotice = {
  ...notice,
  papers: [
    ...notice.papers,
    {
      documentId: 'paper-2',
      title: 'Dự thảo nghị quyết',
      kind: 'draft_resolution',
      agendaItemId: null,
    },
  ],
};

describe('the notice of a meeting', () => {
  it('NT1 is kept in the log as the meeting is convened: time, place and papers, version 1', () => {
    expect(initialMeetingState(target).notice).toBeNull();
    expect(convened().notice).toEqual({ ...notice, version: 1, changes: [], amendedAt: null });
  });

  it('NT2 a change after convening is a new version saying what changed, by the secretariat only', () => {
    const state = convened();
    expect(refusal(state, { type: 'amend_notice', notice: moved }, presiding)).toBe('forbidden');
    expect(refusal(state, { type: 'amend_notice', notice: moved }, member(2))).toBe('forbidden');
    const amended = run(state, { type: 'amend_notice', notice: moved }, secretariat);
    expect(amended.notice).toMatchObject({
      version: 2,
      place: 'Nhà văn hóa thôn Đồng Tâm',
      changes: ['place'],
    });
    expect(amended.notice?.amendedAt).not.toBeNull();
    const again = run(
      amended,
      { type: 'amend_notice', notice: { ...withDraft, place: moved.place } },
      secretariat,
    );
    expect(again.notice).toMatchObject({ version: 3, changes: ['papers'] });
  });

  it('NT2 nothing changed is no new version; before convening and after closing there is no notice to change', () => {
    expect(refusal(convened(), { type: 'amend_notice', notice }, secretariat)).toBe(
      'notice_unchanged',
    );
    expect(
      refusal(initialMeetingState(target), { type: 'amend_notice', notice: moved }, secretariat),
    ).toBe('not_convened');
    // A paper filed during the sitting still reaches the members.
    expect(refusal(open(), { type: 'amend_notice', notice: withDraft }, secretariat)).toBe(
      'accepted',
    );
    const closed = run(open(), { type: 'close_sitting' }, presiding);
    expect(refusal(closed, { type: 'amend_notice', notice: moved }, secretariat)).toBe(
      'meeting_closed',
    );
  });

  it('names each change in the order the notice reads', () => {
    expect(noticeChanges(notice, notice)).toEqual([]);
    expect(
      noticeChanges(notice, {
        title: 'Kỳ họp bất thường',
        startsAt: null,
        place: 'Hội trường mới',
        papers: [],
      }),
    ).toEqual(['title', 'time', 'place', 'papers']);
    // A paper renamed is a change to the papers.
    const [paper] = notice.papers;
    if (!paper) throw new Error('the test notice has a paper');
    expect(
      noticeChanges(notice, { ...notice, papers: [{ ...paper, title: 'Tờ trình (sửa)' }] }),
    ).toEqual(['papers']);
  });
});

import type { MeetingStatus } from '../meeting-statuses.ts';
import type { MeetingState } from '../meeting/meeting-state.ts';
import type { PollOutcome } from '../meeting/poll.ts';
import { quorum } from '../meeting/quorum.ts';

/** What a province's board says of one sitting that a leader should look at. */
export const BOARD_ALERTS = ['quorum_lost', 'poll_failed', 'not_opened_on_time'] as const;

export type BoardAlert = (typeof BOARD_ALERTS)[number];

/** A sitting, as small as a board of hundreds of them can carry and a leader can read. */
export type SittingSummary = {
  readonly meetingId: string;
  readonly status: MeetingStatus;
  /** Members with a vote present, of those in office (T2): the figures quorum is counted on. */
  readonly present: number;
  readonly inOffice: number;
  readonly quorumReached: boolean;
  readonly currentItem: string | null;
  /** The poll open now, by its title. */
  readonly openPoll: string | null;
  /** The last poll closed, its title and outcome. */
  readonly lastResult: { readonly title: string; readonly outcome: PollOutcome } | null;
  readonly alerts: readonly BoardAlert[];
};

/** How late a sitting may open before the board says so. */
export const NOT_OPENED_GRACE_MS = 15 * 60 * 1000;

/**
 * A sitting's summary from its state, and when it was to start (null: no time set). Its
 * alerts (B1): quorum lost while sitting; the last poll closed failed to pass; convened but
 * not opened a quarter of an hour after its time.
 */
export function summarizeSitting(
  state: MeetingState,
  startsAt: string | null,
  now: Date,
): SittingSummary {
  const counted = quorum(state);
  const current = state.agenda.find((item) => item.status === 'current');
  const open = state.polls.find((poll) => poll.status === 'open');
  const last = state.polls.findLast((poll) => poll.status === 'closed' && poll.result !== null);
  const alerts: BoardAlert[] = [];
  if (state.status === 'open' && !counted.reached) alerts.push('quorum_lost');
  if (last?.result?.outcome === 'failed' || last?.result?.outcome === 'not_elected')
    alerts.push('poll_failed');
  if (
    (state.status === 'draft' || state.status === 'convened') &&
    startsAt !== null &&
    now.getTime() - Date.parse(startsAt) > NOT_OPENED_GRACE_MS
  )
    alerts.push('not_opened_on_time');
  return {
    meetingId: state.target.meetingId,
    status: state.status,
    present: counted.present,
    inOffice: counted.total,
    quorumReached: counted.reached,
    currentItem: current?.title ?? null,
    openPoll: open?.title ?? null,
    lastResult: last?.result ? { title: last.title, outcome: last.result.outcome } : null,
    alerts,
  };
}

/**
 * A name as a search compares it: tone and vowel marks taken off, đ as d, lower case,
 * spaces collapsed, so that "song cong" finds "Sông Công" and "Đồng Hỷ" is found by "dong hy".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .trim();
}

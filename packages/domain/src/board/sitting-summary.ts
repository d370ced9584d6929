import type { BodyKind } from '../body-kinds.ts';
import type { MeetingStatus } from '../meeting-statuses.ts';
import type { MeetingState } from '../meeting/meeting-state.ts';
import type { PollOutcome } from '../meeting/poll.ts';
import { quorum } from '../meeting/quorum.ts';
import { vietnamDay } from '../vietnam-day.ts';

/** What a province's board says of one sitting that a leader should look at. */
export const BOARD_ALERTS = [
  'quorum_lost',
  'poll_failed',
  'point_down',
  'not_opened_on_time',
] as const;

export type BoardAlert = (typeof BOARD_ALERTS)[number];

/** A sitting, as small as a board of hundreds of them can carry and a leader can read. */
export type SittingSummary = {
  readonly meetingId: string;
  readonly communeId: string;
  readonly bodyKind: BodyKind;
  /**
   * When it was to start, as the notice has it (NT1, NT2); null: no time set. With its
   * commune and body it names the sitting on the board (its title would double the size of
   * a board of hundreds: the follower view and the day's paper give it).
   */
  readonly startsAt: string | null;
  /** Where its log stood: of two summaries of one sitting, the later one wins. */
  readonly seq: number;
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
  /** Connection points whose line dropped during the sitting. */
  readonly pointsDown: number;
  readonly alerts: readonly BoardAlert[];
};

/** What the board knows of a sitting besides its log: its video's links. */
export type SittingContext = {
  /** Its connection points that were linked and whose line has dropped. */
  readonly pointsDown: number;
};

/** How late a sitting may open before the board says so. */
export const NOT_OPENED_GRACE_MS = 15 * 60 * 1000;

/**
 * A sitting's summary from its state and context, with its alerts (`boardAlerts`).
 */
export function summarizeSitting(
  state: MeetingState,
  { pointsDown }: SittingContext,
  now: Date,
): SittingSummary {
  const counted = quorum(state);
  const current = state.agenda.find((item) => item.status === 'current');
  const open = state.polls.find((poll) => poll.status === 'open');
  const last = state.polls.findLast((poll) => poll.status === 'closed' && poll.result !== null);
  const facts = {
    meetingId: state.target.meetingId,
    communeId: state.target.organisationId,
    bodyKind: state.target.bodyKind,
    startsAt: state.notice?.startsAt ?? null,
    seq: state.seq,
    status: state.status,
    present: counted.present,
    inOffice: counted.total,
    quorumReached: counted.reached,
    currentItem: current?.title ?? null,
    openPoll: open?.title ?? null,
    lastResult: last?.result ? { title: last.title, outcome: last.result.outcome } : null,
    pointsDown,
  };
  return { ...facts, alerts: boardAlerts(facts, now) };
}

/**
 * What a leader should look at in a sitting now (B1): quorum lost while sitting; the last
 * poll closed failed to pass; a connection point's line dropped while sitting; convened but
 * not opened a quarter of an hour after its time. The last one comes with the clock alone,
 * so a board asks again as time passes.
 */
export function boardAlerts(
  sitting: Omit<SittingSummary, 'alerts'>,
  now: Date,
): readonly BoardAlert[] {
  const alerts: BoardAlert[] = [];
  const inSession = sitting.status === 'open';
  if (inSession && !sitting.quorumReached) alerts.push('quorum_lost');
  const outcome = sitting.lastResult?.outcome;
  if (outcome === 'failed' || outcome === 'not_elected') alerts.push('poll_failed');
  if (inSession && sitting.pointsDown > 0) alerts.push('point_down');
  if (
    (sitting.status === 'draft' || sitting.status === 'convened') &&
    sitting.startsAt !== null &&
    now.getTime() - Date.parse(sitting.startsAt) > NOT_OPENED_GRACE_MS
  )
    alerts.push('not_opened_on_time');
  return alerts;
}

/**
 * Whether a sitting is on the board of `day` (a Vietnam day, YYYY-MM-DD) (B4): convened for
 * that day, or in session whatever day it was convened for. A draft is on no board.
 */
export function isOnBoard(summary: SittingSummary, day: string): boolean {
  if (summary.status === 'open') return true;
  if (summary.status === 'draft' || summary.startsAt === null) return false;
  return vietnamDay(new Date(summary.startsAt)) === day;
}

/**
 * Whether a sitting belongs to the province office's summary of `day` (B5): it is on that
 * day's board (B4), and if it is in session, it had opened (`openedAt`, ISO 8601) by the end
 * of that day. A board is of today, where every sitting in session has; a summary may be of a
 * day past, which a sitting opened since did not sit on.
 */
export function isOnDaySummary(
  summary: SittingSummary,
  openedAt: string | null,
  day: string,
): boolean {
  if (!isOnBoard(summary, day)) return false;
  if (summary.status !== 'open' || openedAt === null) return true;
  return vietnamDay(new Date(openedAt)) <= day;
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

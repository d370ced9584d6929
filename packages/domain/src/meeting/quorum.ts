import { requiredCount } from '../thresholds.ts';
import { ATTENDANCE_STATUS_VALUES, isPresent, type AttendanceStatus } from './attendance.ts';
import type { MeetingState } from './meeting-state.ts';

export type Quorum = {
  /** Members with a vote who are present, in the hall or online (rules Q5, Q7). */
  readonly present: number;
  /** The members in office with a vote: quorum never counts against those present (T2). */
  readonly total: number;
  /** How many must be present; 0 where the body has no quorum rule (rule Q4). */
  readonly required: number;
  readonly reached: boolean;
  /** How many more members with a vote must come for quorum; 0 once reached. */
  readonly missing: number;
};

/** Members of the roster not present (absent, or not yet checked): who the presiding officer waits for. */
export function notPresent(state: MeetingState): MeetingState['roster'] {
  return state.roster.filter((member) => {
    const record = state.attendance[member.personId];
    return !record || !isPresent(record.status);
  });
}

/**
 * Live quorum of a sitting: the members with a vote who are present, against the members
 * in office with a vote (rules Q1-Q7, T2). A member without a vote may attend and speak but
 * never makes up the quorum.
 *
 * @example
 * quorum(state) // { present: 17, total: 25, required: 17, reached: true, missing: 0 } for a council
 */
export function quorum(state: MeetingState): Quorum {
  const present = state.roster.filter((member) => {
    const record = state.attendance[member.personId];
    return member.votingRight && record !== undefined && isPresent(record.status);
  }).length;
  const threshold = state.rules.quorum;
  const total = state.membersInOffice;
  const required = threshold === null ? 0 : requiredCount(total, threshold);
  return {
    present,
    total,
    required,
    reached: present >= required,
    missing: Math.max(0, required - present),
  };
}

/**
 * How many members of the roster are in each state of the roll call (A1): in the hall,
 * online at a connection point, excused, unexcused, not yet checked.
 */
export function attendanceCounts(state: MeetingState): Readonly<Record<AttendanceStatus, number>> {
  const counts = Object.fromEntries(
    ATTENDANCE_STATUS_VALUES.map((status) => [status, 0]),
  ) as Record<AttendanceStatus, number>;
  for (const member of state.roster)
    counts[state.attendance[member.personId]?.status ?? 'not_checked'] += 1;
  return counts;
}

import { requiredCount } from '../thresholds.ts';
import { isPresent } from './attendance.ts';
import type { MeetingState } from './meeting-state.ts';

export type Quorum = {
  /** Members present, in the hall or online. */
  readonly present: number;
  /** The body's total seats: quorum never counts against those present (rule Q1). */
  readonly total: number;
  /** How many must be present; 0 where the body has no quorum rule (rule Q4). */
  readonly required: number;
  readonly reached: boolean;
};

/** Members of the roster not present (absent, or not yet checked): who the presiding officer waits for. */
export function notPresent(state: MeetingState): MeetingState['roster'] {
  return state.roster.filter((member) => {
    const record = state.attendance[member.personId];
    return !record || !isPresent(record.status);
  });
}

/**
 * Live quorum of a sitting.
 *
 * @example
 * quorum(state) // { present: 17, total: 25, required: 17, reached: true } for a council
 */
export function quorum(state: MeetingState): Quorum {
  const present = state.roster.filter((member) => {
    const record = state.attendance[member.personId];
    return record !== undefined && isPresent(record.status);
  }).length;
  const threshold = state.rules.quorum;
  const required = threshold === null ? 0 : requiredCount(state.totalSeats, threshold);
  return { present, total: state.totalSeats, required, reached: present >= required };
}

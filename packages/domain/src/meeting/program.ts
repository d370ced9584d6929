import type { ConnectionPointSummary } from '../connection-points.ts';
import type { MeetingState } from './meeting-state.ts';

/**
 * The point whose picture and sound the program carries (rules PG1-PG3 in SPEC.md): the
 * point given the floor while it speaks (PG2), else the one the presiding officer chose
 * (PG1), else the hall (PG3). A revoked point is never the program. Null when no point can
 * be shown.
 *
 * @example
 * programPoint(state, points) // 'point-of-the-province' while its speaker has the floor
 */
export function programPoint(
  state: Pick<MeetingState, 'speaking' | 'program'>,
  points: readonly ConnectionPointSummary[],
): string | null {
  const live = (pointId: string | null | undefined) =>
    pointId ? points.some((point) => point.pointId === pointId) : false;
  const speaker = state.speaking?.speaker;
  if (speaker?.kind === 'connection_point' && live(speaker.pointId)) return speaker.pointId ?? null;
  if (live(state.program)) return state.program;
  return points.find((point) => point.kind === 'hall')?.pointId ?? null;
}

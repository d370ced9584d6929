/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar day (yyyy-mm-dd) it is in Vietnam at `moment`: terms of office and
 * memberships begin and end on Vietnamese days, not UTC ones.
 *
 * @example
 * vietnamDay(new Date('2025-06-30T18:00:00Z')) // '2025-07-01' (01:00 in Hà Nội)
 */
export function vietnamDay(moment: Date): string {
  return new Date(moment.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** A membership as far as the count of members in office goes. */
export type TermOfOffice = {
  readonly votingRight: boolean;
  /** yyyy-mm-dd, the first day in force. */
  readonly startsOn: string;
  /** yyyy-mm-dd, the last day in force; null while open-ended. */
  readonly endsOn: string | null;
};

/**
 * The most members with a vote in office on any one day from `fromDay` on (rule T3): the
 * number that must stay within the body's statutory size. It only rises on a day a term
 * starts, so those days (and `fromDay`) are the ones to count.
 *
 * @example
 * peakInOffice([{ votingRight: true, startsOn: '2025-07-01', endsOn: null }], '2026-01-01') // 1
 */
export function peakInOffice(terms: readonly TermOfOffice[], fromDay: string): number {
  const voting = terms.filter((term) => term.votingRight);
  const days = [fromDay, ...voting.map((term) => term.startsOn).filter((day) => day > fromDay)];
  let peak = 0;
  for (const day of days) {
    const inForce = voting.filter(
      (term) => term.startsOn <= day && (term.endsOn === null || term.endsOn >= day),
    ).length;
    peak = Math.max(peak, inForce);
  }
  return peak;
}

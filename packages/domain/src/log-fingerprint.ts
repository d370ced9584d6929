/**
 * The short form of an event's keyed hash people compare by eye: 8 hex digits in two groups,
 * e.g. 3F9A-1C2E. Screens, papers and the minutes print it beside where the record stood.
 */
export function headFingerprint(hash: string): string {
  const digits = hash.slice(0, 8).toUpperCase();
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

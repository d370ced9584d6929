/**
 * The short form of an event's keyed hash people compare by eye: 8 hex digits in two groups,
 * e.g. 3F9A-1C2E. Screens, papers and the minutes print it beside where the record stood.
 */
export function headFingerprint(hash: string): string {
  const digits = hash.slice(0, 8).toUpperCase();
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/**
 * A SHA-256 in groups of eight hex digits, as the minutes print it and screens show it: it
 * wraps on paper and reads aloud.
 */
export const groupedHex = (hex: string): string => hex.match(/.{1,8}/g)?.join(' ') ?? hex;

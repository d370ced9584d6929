/**
 * Pairing codes are typed on a tablet by hand, so they avoid letters and digits that look
 * alike (0/O, 1/I/L, 5/S, 2/Z, 8/B). Eight characters from 24 give about 36 bits: ample for
 * a code that lives ten minutes and is refused after a few wrong tries.
 */
export const PAIRING_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Reads a code as a person may type it: any case, with spaces or dashes.
 *
 * @example
 * normalizePairingCode('acde-fghj') // 'ACDEFGHJ'
 * normalizePairingCode('ACDE') // null (too short)
 */
export function normalizePairingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const character of code) if (!PAIRING_CODE_ALPHABET.includes(character)) return null;
  return code;
}

/** Shows a code in two groups of four, the way it is read out. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

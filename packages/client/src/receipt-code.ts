/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand stays right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A voter's receipt code: 16 characters, 80 random bits, made on the voter's own device.
 *
 * @example
 * makeReceiptCode() // 'K3M9Q0ZV7T2HXR4B'
 */
export function makeReceiptCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => ALPHABET[byte % 32]).join('');
}

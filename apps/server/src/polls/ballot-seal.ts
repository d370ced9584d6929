import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Ballot } from '@hopxa/domain';

/** What a sealed ballot holds: the choice and the hash its voter's receipt will match. */
export type SealedContent = { readonly ballot: Ballot; readonly receiptHash: string };

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secret ballots while their poll is open (AES-256-GCM, the poll id bound in as
 * associated data) under a key the database and its folder never hold, and makes the keyed
 * codes that go with them (retry keys, receipts). Whoever can read the database sees sealed
 * ballots, not what they say. At closing the server opens them all and writes them out
 * shuffled.
 */
export class BallotSeal {
  private readonly key: Buffer;
  /** For the keyed codes: a key of its own, made from the sealing key. */
  private readonly macKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error('a ballot key is 32 bytes');
    this.key = key;
    this.macKey = createHmac('sha256', key).update('hopxa ballot codes').digest();
  }

  /**
   * Seals `content` padded to `size` bytes: a ciphertext is as long as what it hides, so
   * every ballot of a poll must be the same length or the length tells the choice.
   */
  seal(pollId: string, content: SealedContent, size: number): Buffer {
    const plain = Buffer.from(JSON.stringify(content), 'utf8');
    if (plain.length > size) throw new Error('a ballot is larger than its sealed size');
    // Trailing spaces: JSON.parse reads past them.
    const padded = Buffer.concat([plain, Buffer.alloc(size - plain.length, ' ')]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(pollId));
    const body = Buffer.concat([cipher.update(padded), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the ballot was sealed under another key or changed since. */
  open(pollId: string, sealed: Buffer): SealedContent {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(pollId));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const body = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(body.toString('utf8')) as SealedContent;
  }

  /**
   * Recognises a voter's resent ballot by the id their tablet gave the cast, while the poll
   * is open. Keyed, and without the cast id (which only the tablet holds) it matches nothing:
   * the voter is in it so that two voters' ids never collide, not so that it can be found.
   */
  retryKey(pollId: string, personId: string, castId: string): string {
    return this.mac(`retry:${pollId}:${personId}:${castId}`).toString('hex');
  }

  /**
   * The receipt code of a secret ballot: 16 characters the voter's screen shows. Made by the
   * server, so no client can choose one a coercer could look for; the same for every copy of
   * one cast, so a resend shows the same code. Its first 10 characters (50 bits) are what the
   * closed box keeps, hashed, beside the ballot; the last 6 are a keyed tag of the voter, kept
   * nowhere, so only the account that cast the ballot can have it checked.
   */
  receiptFor(pollId: string, personId: string, castId: string): string {
    const nonce = base32(this.mac(`nonce:${pollId}:${personId}:${castId}`), NONCE_CHARS);
    return `${nonce}${this.tag(pollId, personId, nonce)}`;
  }

  /** The part of a receipt kept (hashed) beside its ballot, when `personId` was given it. */
  nonceOf(pollId: string, personId: string, receipt: string): string | null {
    const nonce = receipt.slice(0, NONCE_CHARS);
    return receipt.length === NONCE_CHARS + TAG_CHARS &&
      receipt.slice(NONCE_CHARS) === this.tag(pollId, personId, nonce)
      ? nonce
      : null;
  }

  private tag(pollId: string, personId: string, nonce: string): string {
    return base32(this.mac(`tag:${pollId}:${personId}:${nonce}`), TAG_CHARS);
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.macKey).update(text).digest();
  }
}

const NONCE_CHARS = 10;
const TAG_CHARS = 6;
/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand stays right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `chars` characters of `bytes` in Crockford's base32 (5 bits each). */
function base32(bytes: Buffer, chars: number): string {
  let bits = 0n;
  for (const byte of bytes.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let index = 0; index < chars; index += 1) {
    text += ALPHABET[Number((bits >> BigInt(59 - index * 5)) & 31n)];
  }
  return text;
}

/**
 * The size every sealed ballot of a poll is padded to: room for the receipt hash and the
 * longest ballot the poll allows (a candidate id is at most 40 plain characters).
 */
export function sealedSize(seats: number): number {
  return 256 + seats * 48;
}

/**
 * What is kept beside a secret ballot after closing: the hash of its receipt's kept part,
 * which only the voter (and the server, for that voter's account) can find again.
 */
export function receiptHash(pollId: string, nonce: string): string {
  return createHash('sha256').update(`${pollId}:${nonce}`).digest('hex');
}

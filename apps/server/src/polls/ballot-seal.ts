import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Ballot } from '@hopxa/domain';

/** What a sealed ballot holds: the choice and the hash its voter's receipt will match. */
export type SealedContent = { readonly ballot: Ballot; readonly receiptHash: string };

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secret ballots while their poll is open (AES-256-GCM, the poll id bound in as
 * associated data) under a key the database never holds: whoever can read the database
 * sees that a sealed ballot was written with a voter's participation, but not what it
 * says. At closing the server opens them all and writes them out shuffled.
 */
export class BallotSeal {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error('a ballot key is 32 bytes');
    this.key = key;
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
   * Recognises a voter's resent ballot by its receipt while the poll is open. Keyed, so it
   * cannot be matched to the receipt hash kept after closing by anyone without the key; the
   * voter is in it, so two voters' receipts never collide.
   */
  retryKey(pollId: string, personId: string, receipt: string): string {
    return createHmac('sha256', this.key).update(`${pollId}:${personId}:${receipt}`).digest('hex');
  }
}

/**
 * The size every sealed ballot of a poll is padded to: room for the receipt hash and the
 * longest ballot the poll allows (a candidate id is at most 40 plain characters).
 */
export function sealedSize(seats: number): number {
  return 256 + seats * 48;
}

/** What is kept beside a secret ballot after closing; only the receipt's holder can match it. */
export function receiptHash(pollId: string, receipt: string): string {
  return createHash('sha256').update(`${pollId}:${receipt}`).digest('hex');
}

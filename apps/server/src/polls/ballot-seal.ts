import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ballot } from '@hopxa/domain';

/** What a sealed ballot holds: the choice and the hash its voter's receipt will match. */
export type SealedContent = { readonly ballot: Ballot; readonly receiptHash: string };

const KEY_BYTES = 32;
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

  seal(pollId: string, content: SealedContent): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(pollId));
    const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
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
   * Recognises a resent ballot by its receipt while the poll is open. Keyed, so it cannot be
   * matched to the receipt hash kept after closing by anyone without the key.
   */
  retryKey(pollId: string, receipt: string): string {
    return createHmac('sha256', this.key).update(`${pollId}:${receipt}`).digest('hex');
  }
}

/** What is kept beside a secret ballot after closing; only the receipt's holder can match it. */
export function receiptHash(pollId: string, receipt: string): string {
  return createHash('sha256').update(`${pollId}:${receipt}`).digest('hex');
}

/**
 * The ballot key: BALLOT_KEY (64 hex characters) when set, which every server process of
 * one installation must share; otherwise a key made once in the data folder. Lose it and
 * the ballots of a poll still open cannot be counted.
 */
export function loadBallotKey(fromEnv: string | undefined, dataDir: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  const file = path.join(dataDir, 'ballot.key');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole to a file of its own, then linked into place: a process starting beside
    // this one either finds no key or a whole one, and only one key ever wins.
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

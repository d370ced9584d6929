import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { schema, type Database } from '@hopxa/db';
import { eq } from 'drizzle-orm';
import { ConfigError } from '../env.ts';
import { KEY_BYTES } from './ballot-seal.ts';

const KEY_CHECK = 'ballot_key_check';

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

/**
 * Refuses to start with another key than the one this database's ballots are sealed with:
 * the first start keeps a check value of its key (not the key) in the database, and every
 * later start, of any process, must match it.
 */
export async function checkBallotKey(db: Database, key: Buffer): Promise<void> {
  const check = createHmac('sha256', key).update('hopxa ballot key check').digest('hex');
  await db.insert(schema.appMeta).values({ key: KEY_CHECK, value: check }).onConflictDoNothing();
  const [kept] = await db.select().from(schema.appMeta).where(eq(schema.appMeta.key, KEY_CHECK));
  if (kept?.value !== check) {
    throw new ConfigError(
      'BALLOT_KEY không khớp với khóa đã niêm phong phiếu kín của cơ sở dữ liệu này: mọi tiến trình phải dùng cùng một khóa ' +
        '(BALLOT_KEY does not match the key this database seals secret ballots with: every process must share one key)',
    );
  }
}

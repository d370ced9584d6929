import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { schema, type Database } from '@hopxa/db';
import { eq } from 'drizzle-orm';
import { ConfigError } from './env.ts';

const KEY_BYTES = 32;
const KEY_CHECK = 'server_key_check';

/**
 * The installation's secret, kept out of the database and out of its data folder, and the
 * keys made from it, one per use so that none can stand in for another:
 * - `seal` seals secret ballots while their poll is open, and makes and checks receipts;
 * - `log` keys the hash chain of every meeting's event log, so a rewrite made without it
 *   (by someone who can recompute plain hashes) is caught;
 * - `names` hides the user names typed at sign-in in the attempts table.
 */
export type ServerKeys = {
  readonly seal: Buffer;
  readonly log: Buffer;
  readonly names: Buffer;
};

/** The keys made from one secret (32 bytes). */
export function deriveServerKeys(secret: Buffer): ServerKeys {
  if (secret.length !== KEY_BYTES) throw new Error('a server key is 32 bytes');
  const derive = (use: string) => createHmac('sha256', secret).update(`hopxa ${use}`).digest();
  return { seal: secret, log: derive('event log chain'), names: derive('sign-in names') };
}

/**
 * The server's secret: SERVER_KEY (64 hex characters) when set, which every server process of
 * one installation must share; otherwise the file at SERVER_KEY_FILE, made on first start.
 * The file must not be in the data folder: a copy of the data must never carry the key that
 * opens its ballots or re-signs its log. A key left in the data folder by an older version
 * (`ballot.key`) is moved out to SERVER_KEY_FILE.
 */
export function loadServerSecret(settings: {
  readonly key: string | undefined;
  readonly keyFile: string;
  readonly dataDir: string;
  /** False for tools that check what exists (verify-log): they never make a new key. */
  readonly create?: boolean;
}): Buffer {
  if (settings.key) return Buffer.from(settings.key, 'hex');
  const file = path.resolve(settings.keyFile);
  const dataDir = path.resolve(settings.dataDir);
  if (file === dataDir || file.startsWith(`${dataDir}${path.sep}`)) {
    throw new ConfigError(
      `SERVER_KEY_FILE (${file}) nằm trong thư mục dữ liệu ${dataDir}: bản sao dữ liệu sẽ mang theo khóa. Chọn một đường dẫn bên ngoài ` +
        `(SERVER_KEY_FILE is inside the data folder: a copy of the data would carry the key. Choose a path outside it)`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const legacy = path.join(dataDir, 'ballot.key');
  if (fs.existsSync(legacy)) {
    writeOnce(file, fs.readFileSync(legacy, 'utf8').trim());
    if (fs.readFileSync(file, 'utf8').trim() !== fs.readFileSync(legacy, 'utf8').trim()) {
      throw new ConfigError(
        `Có hai khóa khác nhau: ${legacy} và ${file}. Giữ lại khóa đúng, xóa khóa kia ` +
          `(two different keys: keep the right one, remove the other)`,
      );
    }
    fs.rmSync(legacy);
  }
  if (settings.create === false && !fs.existsSync(file)) {
    throw new ConfigError(
      `Không có khóa máy chủ ở ${file}: đặt SERVER_KEY hoặc SERVER_KEY_FILE như máy chủ dùng ` +
        `(no server key at this path: set SERVER_KEY or SERVER_KEY_FILE as the server has them)`,
    );
  }
  writeOnce(file, randomBytes(KEY_BYTES).toString('hex'));
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new ConfigError(
      `Tệp khóa ${file} không chứa 64 ký tự hex (the key file does not hold 64 hex characters)`,
    );
  }
  return Buffer.from(text, 'hex');
}

/**
 * Writes `content` to `file` unless it exists: written whole to a file of its own, then
 * linked into place, so a process starting beside this one finds no key or a whole one, and
 * only one key ever wins.
 */
function writeOnce(file: string, content: string): void {
  if (fs.existsSync(file)) return;
  const draft = `${file}.${process.pid}`;
  fs.writeFileSync(draft, content, { mode: 0o600 });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * Refuses to start with another key than the one this database's ballots and log were made
 * with: the first start keeps a check value of its key (not the key) in the database, and
 * every later start, of any process, must match it.
 */
export async function checkServerKey(db: Database, keys: ServerKeys): Promise<void> {
  const check = createHmac('sha256', keys.seal).update('hopxa server key check').digest('hex');
  await db.insert(schema.appMeta).values({ key: KEY_CHECK, value: check }).onConflictDoNothing();
  const [kept] = await db.select().from(schema.appMeta).where(eq(schema.appMeta.key, KEY_CHECK));
  if (kept?.value !== check) {
    throw new ConfigError(
      'Khóa máy chủ (SERVER_KEY hoặc SERVER_KEY_FILE) không khớp với khóa đã niêm phong phiếu kín và ký sổ ghi của cơ sở dữ liệu này: mọi tiến trình phải dùng cùng một khóa ' +
        '(the server key does not match the one this database seals secret ballots and signs its log with: every process must share one key)',
    );
  }
}

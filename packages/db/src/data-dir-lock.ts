import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'hopxa.lock';

/** Locks this process holds, so a lock file with our pid left by an earlier run counts as stale. */
const heldByThisProcess = new Set<string>();

/** Another live process holds the data folder: PGlite is single-process and would corrupt it. */
export class DataDirInUseError extends Error {
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(`data folder ${dataDir} is in use by process ${pid}`);
    this.name = 'DataDirInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** The data folder cannot be made or written to. */
export class DataDirUnwritableError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string, cause: unknown) {
    super(`data folder ${dataDir} cannot be written: ${(cause as Error).message}`, { cause });
    this.name = 'DataDirUnwritableError';
    this.dataDir = dataDir;
  }
}

export type DataDirLock = { readonly release: () => void };

/**
 * Takes the data folder for this process, making it if needed. A lock file left by a
 * process that no longer runs is taken over; one held by a live process refuses.
 *
 * @example
 * const lock = lockDataDir('./data');
 * // ... open PGlite in ./data/pglite ...
 * lock.release();
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const lockPath = path.join(dir, LOCK_FILE);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new DataDirUnwritableError(dir, error);
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      heldByThisProcess.add(lockPath);
      return {
        release: () => {
          heldByThisProcess.delete(lockPath);
          fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new DataDirUnwritableError(dir, error);
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (isLive(holder, lockPath)) throw new DataDirInUseError(dir, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(dir, Number.NaN);
}

function isLive(pid: number, lockPath: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return heldByThisProcess.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

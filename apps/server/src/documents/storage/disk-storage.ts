import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  checkRange,
  checkSha256,
  DocumentNotStoredError,
  rangeBeyondFile,
  type ByteRange,
} from './storage-common.ts';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Papers' files in the data folder, each under its content's SHA-256:
 * `<DATA_DIR>/documents/ab/ab12…`, the first two hex characters making a level of folders
 * so that no folder grows to tens of thousands of entries. A file appears whole or not at
 * all: it is written beside its place and renamed into it.
 */
export class DiskDocumentStorage {
  readonly kind = 'disk';
  readonly location: string;

  constructor(dataDir: string) {
    this.location = path.resolve(dataDir, 'documents');
  }

  #pathOf(sha256: string): string {
    return path.join(this.location, checkSha256(sha256).slice(0, 2), sha256);
  }

  /** Keeps a copy of `file` (the caller removes its own); content already kept is left. */
  async store(sha256: string, file: string): Promise<void> {
    const target = this.#pathOf(sha256);
    if ((await this.size(sha256)) !== null) return;
    await fs.mkdir(path.dirname(target), { recursive: true });
    // In the target's folder, so that the rename stays on one file system and is atomic.
    const part = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      // A copy, not a move: the upload's temporary file may be on another file system.
      await fs.copyFile(file, part, fs.constants.COPYFILE_EXCL);
      // On the disk before it has its name, so a power cut never leaves a name on nothing.
      const handle = await fs.open(part, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await fs.rename(part, target);
    } catch (error) {
      await fs.rm(part, { force: true });
      throw error;
    }
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await fs.stat(this.#pathOf(sha256))).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * The file, or the bytes of `range`, as a stream read a chunk at a time. Opened before it
   * returns, so that a missing file is an error here, before any answer has started.
   */
  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    checkRange(range);
    const handle = await fs.open(this.#pathOf(sha256)).catch((error: unknown) => {
      throw isMissing(error) ? new DocumentNotStoredError(sha256) : error;
    });
    try {
      if (range) {
        const { size } = await handle.stat();
        if (range.end >= size) throw rangeBeyondFile(sha256, range, size);
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    // The stream closes the handle when it ends or is destroyed (a reader that left).
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }
}

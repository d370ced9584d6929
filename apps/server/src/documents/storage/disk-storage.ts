import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  checkRange,
  checkSha256,
  DocumentNotStoredError,
  rangeBeyondFile,
  type ByteRange,
  type FileChunks,
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
   * The file, or the bytes of `range`, read a chunk at a time into one buffer kept for this
   * reader (`FileChunks`). Opened before it returns, so that a missing file is an error here,
   * before any answer has started.
   */
  async read(sha256: string, range?: ByteRange): Promise<FileChunks> {
    checkRange(range);
    const handle = await fs.open(this.#pathOf(sha256)).catch((error: unknown) => {
      throw isMissing(error) ? new DocumentNotStoredError(sha256) : error;
    });
    try {
      const { size } = await handle.stat();
      if (range && range.end >= size) throw rangeBeyondFile(sha256, range, size);
      return chunksOf(handle, range ?? { start: 0, end: size - 1 });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
}

/** A reader's buffer: forty tablets reading hold 2.5 MB between them, whatever the files. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of `range`, each chunk read into the same buffer once the one before has been
 * used: a file served to many readers makes no garbage for the collector to catch up with.
 * The handle is closed when the last chunk is taken or the reader stops early.
 */
async function* chunksOf(handle: fs.FileHandle, range: ByteRange): AsyncGenerator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(
    Math.max(1, Math.min(CHUNK_BYTES, range.end - range.start + 1)),
  );
  let position = range.start;
  try {
    while (position <= range.end) {
      const wanted = Math.min(buffer.length, range.end - position + 1);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

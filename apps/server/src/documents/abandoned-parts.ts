import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A part file untouched this long was left by a process that died while writing it: a live
 * upload or copy, of this process or another on the same machine, writes on.
 */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** An upload being received (`receiveUpload`), in the uploads' folder. */
const UPLOAD_PART = /^hopxa-upload-[0-9a-f]{24}\.part$/;
/** A copy being kept (`DiskDocumentStorage.store`), beside its place in a two-character folder. */
const STORED_PART = /^[0-9a-f]{64}\.[0-9a-f]{12}\.part$/;

/**
 * Removes the part files a process killed mid-upload left (an upload's temporary file in
 * `uploads`, a half-kept copy under the disk storage's `stored` folder), each untouched for
 * `ABANDONED_AFTER_MS`; nothing else is looked at. Answers how many it removed.
 */
export async function removeAbandonedParts(
  folders: { readonly uploads: string; readonly stored: string | null },
  now: Date,
): Promise<number> {
  const candidates = (await namesIn(folders.uploads))
    .filter((name) => UPLOAD_PART.test(name))
    .map((name) => path.join(folders.uploads, name));
  if (folders.stored !== null)
    for (const level of await namesIn(folders.stored)) {
      if (!/^[0-9a-f]{2}$/.test(level)) continue;
      const folder = path.join(folders.stored, level);
      for (const name of await namesIn(folder))
        if (STORED_PART.test(name)) candidates.push(path.join(folder, name));
    }
  let removed = 0;
  for (const file of candidates) {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile() || now.getTime() - stat.mtimeMs < ABANDONED_AFTER_MS) continue;
    await fs.rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

/** A folder's entries; none when it does not exist (yet). */
async function namesIn(folder: string): Promise<string[]> {
  try {
    return await fs.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, removeAbandonedParts } from './abandoned-parts.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-abandoned-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const now = new Date();

/** A file written `ageMs` ago. */
function written(file: string, ageMs: number): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  const at = new Date(now.getTime() - ageMs);
  fs.utimesSync(file, at, at);
  return file;
}

describe('what an upload killed mid-way leaves', () => {
  it("removes the parts a dead process left, keeps a live upload's, and touches nothing else", async () => {
    const uploads = path.join(root, 'uploads');
    const stored = path.join(root, 'documents');
    const old = ABANDONED_AFTER_MS + 60_000;
    const hash = randomBytes(32).toString('hex');
    const level = path.join(stored, hash.slice(0, 2));
    const dead = [
      written(path.join(uploads, `hopxa-upload-${randomBytes(12).toString('hex')}.part`), old),
      written(path.join(level, `${hash}.${randomBytes(6).toString('hex')}.part`), old),
    ];
    const kept = [
      // An upload of another process going on now.
      written(path.join(uploads, `hopxa-upload-${randomBytes(12).toString('hex')}.part`), 1000),
      written(path.join(level, `${hash}.${randomBytes(6).toString('hex')}.part`), 1000),
      // A paper kept whole, and files of others in the shared temporary folder.
      written(path.join(level, hash), old),
      written(path.join(uploads, 'someone-else.part'), old),
      written(path.join(uploads, `hopxa-upload-${randomBytes(12).toString('hex')}.txt`), old),
    ];
    expect(await removeAbandonedParts({ uploads, stored }, now)).toBe(2);
    for (const file of dead) expect(fs.existsSync(file), file).toBe(false);
    for (const file of kept) expect(fs.existsSync(file), file).toBe(true);
  });

  it('finds nothing to do where no paper was ever kept', async () => {
    const fresh = path.join(root, 'fresh');
    expect(
      await removeAbandonedParts({ uploads: fresh, stored: path.join(fresh, 'documents') }, now),
    ).toBe(0);
    expect(await removeAbandonedParts({ uploads: fresh, stored: null }, now)).toBe(0);
  });
});

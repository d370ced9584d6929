import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentNotStoredError,
  DocumentStorageError,
  documentStorageFrom,
  type FileChunks,
} from './document-storage.ts';
import { describeEachStorage, s3rverEnv, startS3rver } from './testing.ts';

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files as an upload leaves them: finished, in a temporary folder, named by nothing. */
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-storage-uploads-'));
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));
function uploaded(bytes: Uint8Array): { file: string; sha256: string } {
  const hash = sha256(bytes);
  const file = path.join(uploads, `${hash}-${randomBytes(4).toString('hex')}.part`);
  fs.writeFileSync(file, bytes);
  return { file, sha256: hash };
}

/** A stream's bytes, and the largest chunk it came in. */
async function drain(file: FileChunks): Promise<{ bytes: Buffer; largestChunk: number }> {
  const chunks: Buffer[] = [];
  let largestChunk = 0;
  for await (const chunk of file) {
    // A copy: the chunk is the reader's only until it asks for the next.
    chunks.push(Buffer.from(chunk));
    largestChunk = Math.max(largestChunk, chunk.length);
  }
  return { bytes: Buffer.concat(chunks), largestChunk };
}

describeEachStorage("papers' files", (under) => {
  const paper = randomBytes(300 * 1024 + 11);
  let stored: { file: string; sha256: string };
  beforeAll(async () => {
    stored = uploaded(paper);
    await under.storage.store(stored.sha256, stored.file);
  });

  it('gives back the whole file, and each range as exactly those bytes', async () => {
    expect(await under.storage.size(stored.sha256)).toBe(paper.length);
    expect((await drain(await under.storage.read(stored.sha256))).bytes.equals(paper)).toBe(true);
    for (const [start, end] of [
      [0, 0],
      [0, 1023],
      [1000, 70_000],
      [paper.length - 1, paper.length - 1],
      [0, paper.length - 1],
    ] as const) {
      const { bytes } = await drain(await under.storage.read(stored.sha256, { start, end }));
      expect(bytes.equals(paper.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });

  it('keeps one copy of the same content, and does not read the file again', async () => {
    const again = uploaded(paper);
    expect(again.sha256).toBe(stored.sha256);
    const before = under.keptFiles();
    await under.storage.store(again.sha256, again.file);
    // Already kept: storing it names a file that is not there, and nothing reads it.
    await under.storage.store(stored.sha256, path.join(uploads, 'gone.part'));
    expect(under.keptFiles()).toEqual(before);
    expect(before.filter((name) => name.includes(stored.sha256))).toHaveLength(1);
    // The upload's own file is the caller's to remove: it is left where it was.
    expect(fs.existsSync(again.file)).toBe(true);
  });

  it('keeps files apart by content', async () => {
    const other = uploaded(Buffer.from('%PDF-1.7 another paper'));
    await under.storage.store(other.sha256, other.file);
    const { bytes } = await drain(await under.storage.read(other.sha256));
    expect(bytes.toString()).toBe('%PDF-1.7 another paper');
    expect((await drain(await under.storage.read(stored.sha256))).bytes.equals(paper)).toBe(true);
  });

  it('says clearly when nothing is kept under a hash, before any byte is sent', async () => {
    const unknown = sha256(Buffer.from('never uploaded'));
    expect(await under.storage.size(unknown)).toBeNull();
    await expect(under.storage.read(unknown)).rejects.toThrow(DocumentNotStoredError);
    await expect(under.storage.read(unknown, { start: 0, end: 9 })).rejects.toThrow(
      `No stored document has SHA-256 ${unknown}`,
    );
  });

  it('refuses a range past the end of the file, and a name that is not a SHA-256', async () => {
    await expect(
      under.storage.read(stored.sha256, { start: 0, end: paper.length }),
    ).rejects.toThrow(RangeError);
    await expect(
      under.storage.read(stored.sha256, { start: paper.length + 5, end: paper.length + 9 }),
    ).rejects.toThrow(RangeError);
    await expect(under.storage.read(stored.sha256, { start: 9, end: 3 })).rejects.toThrow(
      RangeError,
    );
    await expect(under.storage.read('../../etc/passwd')).rejects.toThrow(TypeError);
    await expect(under.storage.store('AB'.repeat(32), stored.file)).rejects.toThrow(TypeError);
  });

  it('streams a 20 MB file a chunk at a time, and its last megabyte on its own', async () => {
    const big = randomBytes(20 * MB);
    const file = uploaded(big);
    await under.storage.store(file.sha256, file.file);
    expect(await under.storage.size(file.sha256)).toBe(big.length);

    const end = { start: big.length - MB, end: big.length - 1 };
    const tail = await drain(await under.storage.read(file.sha256, end));
    expect(tail.bytes.equals(big.subarray(end.start))).toBe(true);

    // Hashed as it comes: a store that buffered the file would hand it over in one piece.
    const hash = createHash('sha256');
    let largestChunk = 0;
    for await (const chunk of await under.storage.read(file.sha256)) {
      hash.update(chunk);
      largestChunk = Math.max(largestChunk, chunk.length);
    }
    expect(hash.digest('hex')).toBe(file.sha256);
    expect(largestChunk).toBeLessThanOrEqual(MB);
  });

  it('stops reading when the reader goes away', async () => {
    for await (const chunk of await under.storage.read(stored.sha256)) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    // Still there, and still whole, for the next reader.
    expect((await drain(await under.storage.read(stored.sha256))).bytes.equals(paper)).toBe(true);
  });
});

describe("papers' files in the data folder", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-documents-layout-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('are kept under documents/<first two hex>/<sha256>, with nothing left beside them', async () => {
    const storage = documentStorageFrom({ DATA_DIR: dataDir, S3_REGION: 'us-east-1' });
    expect(storage).toMatchObject({ kind: 'disk', location: path.join(dataDir, 'documents') });
    const file = uploaded(Buffer.from('%PDF-1.7 laid out'));
    await storage.store(file.sha256, file.file);
    expect(fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).sort()).toEqual([
      'documents',
      path.join('documents', file.sha256.slice(0, 2)),
      path.join('documents', file.sha256.slice(0, 2), file.sha256),
    ]);
  });
});

describe("papers' files in a bucket that answers an error", () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(() => s3.stop());

  const bucket = (changes: Record<string, string>) =>
    documentStorageFrom(s3rverEnv(s3.endpoint, changes));
  const file = uploaded(Buffer.from('%PDF-1.7 for a bucket'));

  it('is chosen when S3_ENDPOINT is set, and says where it is', () => {
    expect(bucket({})).toMatchObject({ kind: 's3', location: `${s3.endpoint}/papers` });
  });

  it("names the bucket's own error: a bucket that does not exist", async () => {
    const missing = bucket({ S3_BUCKET: 'no-such-bucket' });
    // Not "no such file": the bucket is what is missing, for a look-up as for a read.
    await expect(missing.size(file.sha256)).rejects.toThrow(DocumentStorageError);
    await expect(missing.store(file.sha256, file.file)).rejects.toThrow(
      /S3 HEAD .*\/no-such-bucket answered 404/,
    );
    await expect(missing.read(file.sha256)).rejects.toThrow(
      /S3 GET .*\/no-such-bucket\/documents\/[0-9a-f]{64} answered 404 \(NoSuchBucket: /,
    );
  });

  it('names a key the service does not know, and never shows the secret', async () => {
    // s3rver knows its one key but does not check SigV4 signatures: a wrong key id is what
    // it can refuse (a real S3 refuses a wrong secret as SignatureDoesNotMatch, alike).
    const wrong = bucket({ S3_ACCESS_KEY_ID: 'NOT-A-KEY', S3_SECRET_ACCESS_KEY: 'the-secret' });
    const refused = await wrong.store(file.sha256, file.file).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(refused).toBeInstanceOf(DocumentStorageError);
    expect(refused?.message).toMatch(/S3 HEAD .* answered 403$/);
    await expect(wrong.read(file.sha256)).rejects.toThrow(/answered 403 \(InvalidAccessKeyId: /);
    await expect(wrong.read(file.sha256)).rejects.not.toThrow(/the-secret/);
  });

  it('names an endpoint nobody answers at', async () => {
    const closed = await startS3rver();
    await closed.stop();
    const nobody = bucket({ S3_ENDPOINT: closed.endpoint });
    await expect(nobody.size(file.sha256)).rejects.toThrow(
      new RegExp(`S3 HEAD ${closed.endpoint}/papers/documents/[0-9a-f]{64} failed: .*ECONNREFUSED`),
    );
  });
});

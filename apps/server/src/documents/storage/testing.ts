import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe } from 'vitest';
import { documentStorageFrom, type DocumentStorage } from './document-storage.ts';

/**
 * s3rver's one account. It refuses a key id it does not know but, in 3.7, does not check
 * SigV4 signatures themselves: a wrong secret passes there (not on a real S3).
 */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3RVER_BUCKET = 'papers';

/** An S3-compatible server in this process on a free port, its objects in a folder of its own. */
export async function startS3rver(): Promise<{
  readonly endpoint: string;
  /** Where s3rver keeps each object, as `<key>._S3rver_object` beside its metadata. */
  readonly directory: string;
  readonly stop: () => Promise<void>;
}> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: S3RVER_BUCKET }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    stop: async () => {
      // fetch keeps its connections open; closing waits for none of them.
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The settings that choose a bucket on the s3rver at `endpoint`, with `changes` made. */
export const s3rverEnv = (endpoint: string, changes: Record<string, string> = {}) => ({
  DATA_DIR: 'unused',
  S3_ENDPOINT: endpoint,
  S3_BUCKET: S3RVER_BUCKET,
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
  S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
  ...changes,
});

/** A storage under test, and the files it keeps where it keeps them. */
export type StorageUnderTest = {
  readonly storage: DocumentStorage;
  /** Every file kept: in the data folder, or s3rver's file for each object. */
  readonly keptFiles: () => string[];
};

/** The files below `folder` whose names `keep` accepts, by their paths below it. */
const filesBelow = (folder: string, keep: (name: string) => boolean) =>
  fs.existsSync(folder)
    ? fs
        .readdirSync(folder, { recursive: true, encoding: 'utf8', withFileTypes: false })
        .filter((name) => keep(name) && fs.statSync(path.join(folder, name)).isFile())
    : [];

/**
 * Runs the same tests on both kinds of storage, as the server chooses them from its
 * settings: the data folder (a temporary one) and a bucket (s3rver, started here). Neither
 * needs a service from outside, so neither is ever skipped.
 */
export function describeEachStorage(title: string, body: (under: StorageUnderTest) => void): void {
  describe(`${title} [disk]`, () => {
    let dataDir = '';
    let storage: DocumentStorage | undefined;
    beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-documents-'));
      storage = documentStorageFrom({ DATA_DIR: dataDir, S3_REGION: 'us-east-1' });
    });
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    body({
      get storage() {
        if (!storage) throw new Error('the storage is made before the tests');
        return storage;
      },
      keptFiles: () => filesBelow(dataDir, () => true),
    });
  });
  describe(`${title} [S3]`, () => {
    let s3: Awaited<ReturnType<typeof startS3rver>> | undefined;
    let storage: DocumentStorage | undefined;
    beforeAll(async () => {
      s3 = await startS3rver();
      storage = documentStorageFrom(s3rverEnv(s3.endpoint));
    });
    afterAll(() => s3?.stop());
    body({
      get storage() {
        if (!storage) throw new Error('the storage is made before the tests');
        return storage;
      },
      keptFiles: () => filesBelow(s3?.directory ?? '', (name) => name.endsWith('._S3rver_object')),
    });
  });
}

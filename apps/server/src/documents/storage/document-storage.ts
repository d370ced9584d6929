import type { Env } from '../../env.ts';
import { DiskDocumentStorage } from './disk-storage.ts';
import { S3DocumentStorage } from './s3-storage.ts';
import type { ByteRange, FileChunks } from './storage-common.ts';

export {
  DocumentNotStoredError,
  DocumentStorageError,
  type ByteRange,
  type FileChunks,
} from './storage-common.ts';

/**
 * Where papers' files are kept, each under its content's SHA-256 (hex): the same file
 * uploaded twice, or for two sittings, is kept once, and a stored file never changes.
 */
export interface DocumentStorage {
  readonly kind: 'disk' | 's3';
  /** The folder or the bucket's address, for the start banner and logs (no credentials). */
  readonly location: string;
  /**
   * Keeps a copy of `file`, a finished file whose content has this hash; the caller still
   * removes its own. Content kept already is left as it is.
   */
  store(sha256: string, file: string): Promise<void>;
  /** The kept file's size in bytes, or null when nothing is kept under this hash. */
  size(sha256: string): Promise<number | null>;
  /**
   * The file, or the bytes of `range` (both ends included), a chunk at a time (see
   * `FileChunks`: a chunk is valid until the next is asked for). Rejects with
   * DocumentNotStoredError when nothing is kept under this hash, and with a RangeError when
   * the range ends past the file.
   */
  read(sha256: string, range?: ByteRange): Promise<FileChunks>;
}

/** The settings the storage is chosen by. */
export type DocumentStorageEnv = Pick<
  Env,
  | 'DATA_DIR'
  | 'S3_ENDPOINT'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
>;

/**
 * A bucket when S3_ENDPOINT is set (the environment's check has made sure the bucket and
 * both keys are too), else the data folder: `dataDir`, by default DATA_DIR.
 */
export function documentStorageFrom(
  env: DocumentStorageEnv,
  dataDir: string = env.DATA_DIR,
): DocumentStorage {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  if (S3_ENDPOINT && S3_BUCKET && S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY)
    return new S3DocumentStorage({
      endpoint: S3_ENDPOINT,
      bucket: S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
    });
  return new DiskDocumentStorage(dataDir);
}

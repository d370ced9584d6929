/**
 * What the two kinds of storage share: how a file is named (its content's SHA-256), the
 * byte ranges they serve, and the errors they answer with.
 */

/** Bytes `start` to `end` of a file, both included, as in an HTTP Range header. */
export type ByteRange = { readonly start: number; readonly end: number };

/**
 * A stored file's bytes as they are read. A chunk is the reader's until it asks for the
 * next: the disk fills the same buffer again then, so a reader that keeps chunks copies them.
 * Stopping early (`break`, `return()`) lets go of the file.
 */
export type FileChunks = AsyncIterable<Uint8Array>;

/** The file asked for was never stored (or was lost): the caller answers 404. */
export class DocumentNotStoredError extends Error {
  override name = 'DocumentNotStoredError';
  readonly sha256: string;
  constructor(sha256: string) {
    super(`No stored document has SHA-256 ${sha256}`);
    this.sha256 = sha256;
  }
}

/** The place files are kept refused or failed (a bucket's error, an unreachable endpoint). */
export class DocumentStorageError extends Error {
  override name = 'DocumentStorageError';
  /** The service's own error code when it gave one, e.g. S3's NoSuchBucket. */
  readonly code: string | undefined;
  constructor(message: string, options: { readonly code?: string; readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}

/**
 * Checks a file's name before it becomes a path or a key: 64 lowercase hex characters, so
 * that no caller's mistake ever reaches outside the documents' folder.
 */
export function checkSha256(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new TypeError(`Not a SHA-256 in hex: ${sha256}`);
  return sha256;
}

/** Checks a range is whole bytes in order; the storage checks it against the file's size. */
export function checkRange(range: ByteRange | undefined): void {
  if (
    range &&
    !(
      Number.isSafeInteger(range.start) &&
      Number.isSafeInteger(range.end) &&
      range.start >= 0 &&
      range.start <= range.end
    )
  )
    throw new RangeError(`Not a byte range: ${range.start}-${range.end}`);
}

/** A range that ends past the file's last byte: the caller computed it from another size. */
export function rangeBeyondFile(sha256: string, range: ByteRange, size: number): RangeError {
  return new RangeError(
    `Bytes ${range.start}-${range.end} asked of document ${sha256}, which has ${size} bytes`,
  );
}

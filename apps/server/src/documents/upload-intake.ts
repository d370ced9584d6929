import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Env } from '../env.ts';
import { documentRefusalOf, refuseDocument } from './document-refusal.ts';

/** An upload received whole into a temporary file, not yet checked or stored. */
export type ReceivedUpload = {
  /** The temporary file holding the body. */
  readonly file: string;
  /** The content's SHA-256 in hex: its name in storage. */
  readonly sha256: string;
  readonly byteSize: number;
  /** Removes the temporary file; safe to call twice, and after it is gone. */
  readonly discard: () => Promise<void>;
};

/** An upload's body: an Express request, or any stream in tests. */
export type UploadBody = Readable & {
  readonly headers?: { readonly 'content-length'?: string | undefined };
};

/** Where uploads are received unless told: the system's temporary folder. */
export const UPLOAD_FOLDER = os.tmpdir();

/** The largest paper taken, in bytes, from DOCUMENTS_MAX_MB. */
export const documentSizeLimitBytes = (env: Pick<Env, 'DOCUMENTS_MAX_MB'>): number =>
  env.DOCUMENTS_MAX_MB * 1024 * 1024;

/**
 * Writes an upload's body to a temporary file as it arrives, hashing and counting it on the
 * way: memory holds a chunk at a time whatever the file's size. Refuses `too_large` as soon
 * as the body passes `sizeLimitBytes` (or when its Content-Length says it will) and
 * `empty_file` for an empty body, leaving no file behind either way. The caller discards
 * the file once it has stored it or refused it.
 *
 * @example
 * const upload = await receiveUpload(request, documentSizeLimitBytes(env));
 * try { ... } finally { await upload.discard(); }
 */
export async function receiveUpload(
  body: UploadBody,
  sizeLimitBytes: number,
  options: { readonly directory?: string } = {},
): Promise<ReceivedUpload> {
  const declared = Number(body.headers?.['content-length']);
  if (declared > sizeLimitBytes) {
    dropRest(body);
    throw refuseDocument('too_large');
  }
  const file = path.join(
    options.directory ?? UPLOAD_FOLDER,
    `hopxa-upload-${randomBytes(12).toString('hex')}.part`,
  );
  const discard = () => fs.rm(file, { force: true });
  const hash = createHash('sha256');
  let byteSize = 0;
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    await pipeline(
      // Not destroyed when the count stops early: the request must live to carry the answer.
      body.iterator({ destroyOnReturn: false }),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          byteSize += chunk.length;
          if (byteSize > sizeLimitBytes) throw refuseDocument('too_large');
          hash.update(chunk);
          yield chunk;
        }
      },
      out,
    );
  } catch (error) {
    // The file's stream, destroyed by the failure, may open its file after this point (a body
    // refused at once): removed only once the stream is closed, or it would stay behind.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await discard();
    if (documentRefusalOf(error) === 'too_large') dropRest(body);
    throw error;
  }
  if (byteSize === 0) {
    await discard();
    throw refuseDocument('empty_file');
  }
  return { file, sha256: hash.digest('hex'), byteSize, discard };
}

/**
 * Lets the rest of a refused body flow by, read and dropped, never kept: a client sends its
 * whole body before it reads the answer, and a connection cut under it would show a
 * network error instead of "too large".
 */
function dropRest(body: Readable): void {
  body.resume();
}

import { AwsClient } from 'aws4fetch';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  checkRange,
  checkSha256,
  DocumentNotStoredError,
  DocumentStorageError,
  rangeBeyondFile,
  type ByteRange,
  type FileChunks,
} from './storage-common.ts';

/**
 * A request whose body is a stream, sent as it is read ('half': no answer is read before
 * the body is sent). Node's fetch takes `duplex`; the DOM's RequestInit type lacks it.
 */
type StreamingRequestInit = RequestInit & { readonly duplex: 'half' };

/** An S3-compatible bucket (AWS, MinIO, Garage, a provider's object storage). */
export type S3Settings = {
  /** The service's address, e.g. https://s3.example.vn; buckets are paths under it. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
};

/**
 * Papers' files in a bucket, each under `documents/<sha256>`, addressed path-style
 * (`endpoint/bucket/key`), which every S3-compatible service answers. Files go up and come
 * down as streams: neither a 50 MB upload nor forty tablets reading at once holds a file
 * in memory.
 */
export class S3DocumentStorage {
  readonly kind = 's3';
  readonly location: string;
  readonly #client: AwsClient;
  readonly #bucketUrl: string;

  constructor(settings: S3Settings) {
    this.#bucketUrl = `${settings.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(settings.bucket)}`;
    this.location = this.#bucketUrl;
    this.#client = new AwsClient({
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      service: 's3',
      region: settings.region,
      // No retries: a streamed body cannot be sent twice, and a tablet asks again itself.
      retries: 0,
    });
  }

  #keyOf(sha256: string): string {
    return `documents/${checkSha256(sha256)}`;
  }

  async #send(method: string, key: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await this.#client.fetch(`${this.#bucketUrl}/${key}`, { ...init, method });
    } catch (error) {
      throw new DocumentStorageError(
        `S3 ${method} ${this.location}/${key} failed: ${describeCause(error)}`,
        { cause: error },
      );
    }
  }

  /** Uploads `file` unless the bucket has it already (the same key is the same content). */
  async store(sha256: string, file: string): Promise<void> {
    const key = this.#keyOf(sha256);
    if ((await this.size(sha256)) !== null) return;
    const { size } = await fs.stat(file);
    const upload: StreamingRequestInit = {
      headers: {
        'content-length': String(size),
        'content-type': 'application/pdf',
        // The hash we already know signs the body, so nothing reads the file twice; S3
        // checks it and refuses a body that does not match.
        'x-amz-content-sha256': sha256,
      },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    };
    const response = await this.#send('PUT', key, upload);
    if (!response.ok) throw await bucketError('PUT', `${this.location}/${key}`, response);
    await response.body?.cancel();
  }

  async size(sha256: string): Promise<number | null> {
    const key = this.#keyOf(sha256);
    const response = await this.#send('HEAD', key);
    if (response.ok) return Number(response.headers.get('content-length'));
    if (response.status !== 404)
      throw await bucketError('HEAD', `${this.location}/${key}`, response);
    // A HEAD's 404 has no body to say whether the file or the whole bucket is missing.
    const bucket = await this.#send('HEAD', '');
    if (!bucket.ok) throw await bucketError('HEAD', this.location, bucket);
    return null;
  }

  /** The file, or the bytes of `range`, as a stream of the bucket's answer. */
  async read(sha256: string, range?: ByteRange): Promise<FileChunks> {
    checkRange(range);
    const key = this.#keyOf(sha256);
    const response = await this.#send(
      'GET',
      key,
      range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {},
    );
    const where = `${this.location}/${key}`;
    if (response.status === 404) {
      const error = await bucketError('GET', where, response);
      // The file is missing, not the bucket (NoSuchBucket) nor anything else.
      if (error.code === undefined || error.code === 'NoSuchKey')
        throw new DocumentNotStoredError(sha256);
      throw error;
    }
    if (range && response.status === 416) {
      await response.body?.cancel();
      throw rangeBeyondFile(sha256, range, sizeOf(response.headers.get('content-range')));
    }
    if (!response.ok || !response.body) throw await bucketError('GET', where, response);
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    if (!range) return body;
    // A bucket that ignored the range, or served other bytes than asked, would send a reader
    // bytes other than those its answer's headers promise.
    const served = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(
      response.headers.get('content-range') ?? '',
    );
    if (response.status !== 206 || !served || Number(served[1]) !== range.start) {
      body.destroy();
      throw new DocumentStorageError(
        `S3 GET ${where} answered ${response.status} ${served?.[0] ?? 'without a range'} for bytes ${range.start}-${range.end}`,
      );
    }
    if (Number(served[2]) < range.end) {
      body.destroy();
      throw rangeBeyondFile(sha256, range, Number(served[3]));
    }
    // More than asked (s3rver answers "bytes=0-0" with the whole file): only what was asked.
    if (Number(served[2]) > range.end)
      return Readable.from(firstBytes(body, range.end - range.start + 1), { objectMode: false });
    return body;
  }
}

/** The first `count` bytes of a stream; the rest is never read (the stream is destroyed). */
async function* firstBytes(source: Readable, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (chunk.length >= left) {
      yield chunk.subarray(0, left);
      return;
    }
    left -= chunk.length;
    yield chunk;
  }
}

/** The file's size from a Content-Range such as "bytes *\/1234"; NaN when it has none. */
const sizeOf = (contentRange: string | null) => Number(/\/(\d+)$/.exec(contentRange ?? '')?.[1]);

/** The bucket's own word for what went wrong (S3 answers an XML <Error>), with the status. */
async function bucketError(
  method: string,
  where: string,
  response: Response,
): Promise<DocumentStorageError> {
  const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  const detail = [code, message].filter(Boolean).join(': ');
  return new DocumentStorageError(
    `S3 ${method} ${where} answered ${response.status}${detail ? ` (${detail})` : ''}`,
    { code },
  );
}

/** fetch says "fetch failed" and puts the reason (refused, unknown host) in its cause. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const reason = cause instanceof Error ? cause : error;
  return reason instanceof Error ? reason.message : String(reason);
}

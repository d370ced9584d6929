import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.ts';
import { documentRefusalOf } from './document-refusal.ts';
import { documentSizeLimitBytes, receiveUpload, type UploadBody } from './upload-intake.ts';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-upload-intake-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
/** Every test leaves the folder as it found it: no temporary file outlives its upload. */
afterEach(() => expect(fs.readdirSync(directory)).toEqual([]));

const KB = 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A body arriving in chunks of `chunkSize`, with the Content-Length a request would have. */
function body(bytes: Uint8Array, chunkSize = 16 * KB, contentLength?: number): UploadBody {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += chunkSize)
    chunks.push(bytes.subarray(at, at + chunkSize));
  const stream = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  return Object.assign(stream, {
    headers: contentLength === undefined ? {} : { 'content-length': String(contentLength) },
  });
}

/** The refusal receiving `upload` ends in, or 'taken'. */
async function outcome(upload: UploadBody, limit: number): Promise<string> {
  try {
    const received = await receiveUpload(upload, limit, { directory });
    await received.discard();
    return 'taken';
  } catch (error) {
    return documentRefusalOf(error) ?? String(error);
  }
}

describe('receiving an upload', () => {
  it('writes the body to a temporary file, with its SHA-256 and size, until discarded', async () => {
    const bytes = Buffer.alloc(300 * KB + 7, 'tờ trình ');
    const upload = await receiveUpload(body(bytes), 1024 * KB, { directory });
    expect(upload).toMatchObject({ sha256: sha256(bytes), byteSize: bytes.length });
    expect(path.dirname(upload.file)).toBe(directory);
    expect(fs.readFileSync(upload.file).equals(bytes)).toBe(true);
    await upload.discard();
    await upload.discard();
    expect(fs.existsSync(upload.file)).toBe(false);
  });

  it('refuses an empty body', async () => {
    expect(await outcome(body(new Uint8Array(0)), KB)).toBe('empty_file');
  });

  it('takes a body of exactly the limit and refuses one byte more', async () => {
    expect(await outcome(body(Buffer.alloc(64 * KB, 1)), 64 * KB)).toBe('taken');
    expect(await outcome(body(Buffer.alloc(64 * KB + 1, 1)), 64 * KB)).toBe('too_large');
    expect(await outcome(body(Buffer.alloc(64 * KB + 1, 1), 64 * KB + 1), 64 * KB)).toBe(
      'too_large',
    );
  });

  it('refuses on a Content-Length over the limit before reading anything', async () => {
    let read = false;
    const upload = Object.assign(
      Readable.from(
        (function* () {
          read = true;
          yield Buffer.alloc(10);
        })(),
      ),
      { headers: { 'content-length': String(10 * KB * KB) } },
    );
    expect(await outcome(upload, KB)).toBe('too_large');
    expect(read).toBe(false);
  });

  it('stops writing as soon as the limit is passed: the file never holds more', async () => {
    const limit = 256 * KB;
    const sizes: number[] = [];
    const chunk = Buffer.alloc(16 * KB, 2);
    let sent = 0;
    const upload = Object.assign(
      new Readable({
        read() {
          // Whatever the file holds by now (it only ever grows while the body is taken).
          for (const name of fs.readdirSync(directory))
            sizes.push(fs.statSync(path.join(directory, name)).size);
          sent += chunk.length;
          this.push(sent > 8 * 1024 * KB ? null : chunk);
        },
      }),
      { headers: {} },
    );
    expect(await outcome(upload, limit)).toBe('too_large');
    // Seen growing close to the limit, never past it.
    expect(Math.max(...sizes)).toBeGreaterThan(limit / 2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
  });

  it('reads the size limit from DOCUMENTS_MAX_MB', () => {
    expect(documentSizeLimitBytes({ DOCUMENTS_MAX_MB: 50 })).toBe(50 * 1024 * 1024);
  });
});

describe('receiving an upload over HTTP', () => {
  const limit = 512 * KB;
  const server = http.createServer((request, response) => {
    receiveUpload(request, limit, { directory }).then(
      async (upload) => {
        await upload.discard();
        response.end(upload.sha256);
      },
      (error: unknown) => {
        response.statusCode = error instanceof HttpError ? error.status : 500;
        response.end(error instanceof HttpError ? error.code : String(error));
      },
    );
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    ),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Node's fetch sends a stream with `duplex`, which the DOM's RequestInit type lacks. */
  const post = (body: ReadableStream): RequestInit & { duplex: 'half' } => ({
    method: 'POST',
    body,
    duplex: 'half',
  });

  /** A body streamed in chunks, with no Content-Length (chunked), as a browser may send. */
  const streamed = (size: number): ReadableStream =>
    Readable.toWeb(
      Readable.from(Array.from({ length: size / (64 * KB) }, () => Buffer.alloc(64 * KB, 3))),
    ) as ReadableStream;

  it('takes a body under the limit', async () => {
    const response = await fetch(await listening, post(streamed(256 * KB)));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(sha256(Buffer.alloc(256 * KB, 3)));
  });

  it('answers a streamed body over the limit with 413 and its code, not a cut connection', async () => {
    const response = await fetch(await listening, post(streamed(8 * 1024 * KB)));
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('document_too_large');
  });

  it('answers a declared Content-Length over the limit with 413', async () => {
    const response = await fetch(await listening, {
      method: 'POST',
      body: Buffer.alloc(limit + 1),
    });
    expect(response.status).toBe(413);
  });

  it('leaves no file behind when the client goes away mid-upload', async () => {
    const url = new URL(await listening);
    await new Promise<void>((resolve) => {
      const request = http.request(url, { method: 'POST' });
      request.on('error', () => {});
      request.on('close', () => resolve());
      request.write(Buffer.alloc(100 * KB, 4), () => setTimeout(() => request.destroy(), 50));
    });
    // The server notices the connection close and removes what it had written.
    await expect.poll(() => fs.readdirSync(directory)).toEqual([]);
  });
});

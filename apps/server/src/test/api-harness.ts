import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Database } from '@hopxa/db';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { AccessChanges } from '../auth/access-changes.ts';
import type { DocumentsSettings } from '../documents/documents.routes.ts';
import { temporaryDocuments } from './temporary-documents.ts';
import { testKeys } from './test-keys.ts';

export type ApiResponse = { status: number; body: unknown; setCookie: string[] };

/**
 * The real Express app on a real port, with a clock the test moves and every log line kept
 * (at the most verbose level) so a test can search them.
 */
export async function startApi(
  db: Database,
  start = new Date('2026-01-05T08:00:00+07:00'),
  /** Proxies trusted in front: one by default, so a test can speak from another address. */
  trustProxy = 1,
  /** Where papers are kept: by default a folder of this server's own, removed on close. */
  documents?: DocumentsSettings,
) {
  const ownPapers = documents ? null : temporaryDocuments();
  const papers: DocumentsSettings = documents ?? (ownPapers as DocumentsSettings);
  let now = start;
  const logLines: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  const accessChanges = new AccessChanges();
  const app = createApp({
    db,
    logger,
    accessChanges,
    namesKey: testKeys.names,
    logKey: testKeys.log,
    trustProxy,
    readinessChecks: [],
    clock: () => now,
    documents: papers,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A request as our own pages send it: JSON, with our Origin, and the session cookie if any. */
  const request = async (
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> => {
    const headers: Record<string, string> = {
      origin: base,
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    };
    if (options.token) headers.cookie = `${SESSION_COOKIE}=${options.token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(options.body !== undefined && {
        body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      }),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ?? false;
    return {
      status: response.status,
      // A file (a paper, a PDF) comes back as its text, not JSON.
      body: text === '' ? null : json ? (JSON.parse(text) as unknown) : text,
      setCookie: response.headers.getSetCookie(),
    };
  };

  return {
    base,
    request,
    accessChanges,
    logLines,
    now: () => now,
    advance: (milliseconds: number) => {
      now = new Date(now.getTime() + milliseconds);
    },
    documents: papers,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ownPapers?.remove();
    },
  };
}

/** The session token a Set-Cookie header gives, if it gives one. */
export function sessionTokenFrom(setCookie: readonly string[]): string | undefined {
  for (const header of setCookie) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MeetingClient } from '@hopxa/client';
import { startSfu, type SfuRouter } from '@hopxa/sfu';
import type { TestDatabase } from '@hopxa/db/testing';
import { canonicalJson, type MeetingState } from '@hopxa/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../app.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { AccessChanges } from '../auth/access-changes.ts';
import { createLogger } from '../logger.ts';
import { testKeys } from './test-keys.ts';
import { attachRealtime } from '../realtime/attach-realtime.ts';
import { buildWorld, type World } from './fixtures.ts';
import { VideoDesk } from '../video/video-desk.ts';
import { NoticeChanges } from '../meetings/notice-changes.ts';
import { temporaryDocuments } from './temporary-documents.ts';

/** Resolves once `predicate` holds for the client's state. */
export function until(
  client: MeetingClient,
  predicate: (state: MeetingState) => boolean,
): Promise<MeetingState> {
  return new Promise<MeetingState>((resolve) => {
    if (client.state && predicate(client.state)) return resolve(client.state);
    const stop = client.subscribe((state) => {
      if (predicate(state)) {
        stop();
        resolve(state);
      }
    });
  });
}

/** A short fingerprint of a meeting's state: equal on two ends means they agree to the byte. */
export function stateHash(state: MeetingState | undefined): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

export type RealtimeContext = {
  readonly url: string;
  readonly world: World;
  /** A client following the world's meeting as one of its actors. */
  readonly client: (actor: keyof World['tokens']) => MeetingClient;
  /**
   * A client for any session token (people a test adds to the world), following the world's
   * meeting or `meetingId`.
   */
  readonly clientWithToken: (token: string, meetingId?: string) => MeetingClient;
  /**
   * Convenes a meeting as its commune's secretariat (the world's meeting by the world's
   * secretariat, or another with `token`), as the setup page does; fails the test if refused.
   */
  readonly convene: (meetingId?: string, token?: string) => Promise<void>;
  /** Every line the server logged, at trace level. */
  readonly logLines: string[];
  /** The SFU, when the context was made with video. */
  readonly router: SfuRouter | null;
};

/**
 * The HTTP app and Socket.IO on a real port over `database`, with the test world, for one
 * describe block; clients made with `client()` are stopped afterwards. With `video`, a real
 * SFU runs in its child process beside it.
 */
export function useRealtime(
  database: TestDatabase,
  options: { readonly video?: boolean } = {},
): RealtimeContext {
  const context = { logLines: [] as string[] } as {
    -readonly [key in keyof RealtimeContext]: RealtimeContext[key];
  };
  const clients: MeetingClient[] = [];
  let server: http.Server;
  let close: () => Promise<void>;
  let documents: ReturnType<typeof temporaryDocuments> | undefined;
  beforeAll(async () => {
    const db = database.handle().db;
    context.world = await buildWorld(db, new Date());
    const accessChanges = new AccessChanges();
    const logger = createLogger('trace', {
      write: (line: string) => void context.logLines.push(line),
    });
    context.router = options.video ? await startSfu() : null;
    const video = new VideoDesk({ db, router: context.router, logger });
    const noticeChanges = new NoticeChanges();
    documents = temporaryDocuments();
    server = http.createServer(
      createApp({
        db,
        logger,
        accessChanges,
        namesKey: testKeys.names,
        logKey: testKeys.log,
        readinessChecks: [],
        video,
        noticeChanges,
        documents,
      }),
    );
    const io = attachRealtime(server, {
      db,
      logger,
      accessChanges,
      keys: testKeys,
      video,
      noticeChanges,
    });
    close = () => new Promise<void>((resolve) => io.close(() => resolve()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    context.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clientOf = (token: string | null, meetingId = context.world.meetingId) => {
      const client = new MeetingClient(context.url, meetingId, {
        ...(token && { headers: { cookie: `${SESSION_COOKIE}=${token}` } }),
        answerTimeoutMs: 2000,
      });
      clients.push(client);
      return client;
    };
    context.client = (actor) => clientOf(context.world.tokens[actor]);
    context.clientWithToken = clientOf;
    context.convene = async (meetingId = context.world.meetingId, token) => {
      const secretariat = clientOf(token ?? context.world.tokens.secretariat, meetingId);
      await secretariat.start();
      expect(await secretariat.send({ type: 'convene' })).toMatchObject({ ok: true });
      secretariat.stop();
    };
  });
  afterAll(async () => {
    for (const client of clients) client.stop();
    await close();
    await context.router?.stop();
    documents?.remove();
  });
  return context;
}

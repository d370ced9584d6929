import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type DatabaseHandle } from '@hopxa/db';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { AccessChanges } from '../auth/access-changes.ts';
import { createSession, invalidateSession } from '../auth/session.service.ts';
import { MeetingClient } from '@hopxa/client';
import { schema } from '@hopxa/db';
import { eq } from 'drizzle-orm';
import { createLogger } from '../logger.ts';
import { testKeys } from '../test/test-keys.ts';
import { attachRealtime } from './attach-realtime.ts';
import { buildWorld, type World } from '../test/fixtures.ts';

describe('Socket.IO on the same port as the pages', () => {
  const httpServer = http.createServer((_request, response) => response.end('page'));
  let database: DatabaseHandle;
  let world: World;
  let url: string;
  let close: () => Promise<void>;
  const sockets: Socket[] = [];
  const accessChanges = new AccessChanges();

  beforeAll(async () => {
    database = await createDatabase({ driver: 'pglite' });
    await database.migrate();
    world = await buildWorld(database.db, new Date());
    const io = attachRealtime(httpServer, {
      db: database.db,
      logger: createLogger('silent'),
      accessChanges,
      keys: testKeys,
    });
    close = () => new Promise<void>((resolve) => io.close(() => resolve()));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await close();
    await database.close();
  });

  const open = (
    auth: Record<string, unknown>,
    token: string | null,
    headers: Record<string, string> = {},
  ) => {
    const socket = connect(url, {
      transports: ['websocket'],
      auth,
      reconnection: false,
      extraHeaders: { ...headers, ...(token && { cookie: `${SESSION_COOKIE}=${token}` }) },
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  };
  const refusal = (socket: Socket) =>
    new Promise<unknown>((resolve) =>
      socket.once('connect_error', (error: Error & { data?: unknown }) => resolve(error.data)),
    );

  it('accepts a signed-in websocket client that speaks this protocol version, beside plain HTTP', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION }, world.tokens.delegate);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    expect(socket.connected).toBe(true);
    expect(await (await fetch(url)).text()).toBe('page');
  });

  it.each([[{ protocolVersion: PROTOCOL_VERSION + 1 }], [{}], [{ protocolVersion: '1' }]])(
    'refuses %j with the typed reason protocol_mismatch and the server version',
    async (auth) => {
      const socket = open(auth, world.tokens.delegate);
      expect(await refusal(socket)).toEqual({
        code: 'protocol_mismatch',
        serverVersion: PROTOCOL_VERSION,
      });
      expect(socket.connected).toBe(false);
    },
  );

  it.each([
    ['no session cookie', null],
    ['a session token that was never issued', 'not-a-real-token'],
  ])('refuses %s with the typed reason unauthenticated', async (_case, token) => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION }, token);
    expect(await refusal(socket)).toEqual({ code: 'unauthenticated' });
  });

  it('refuses a websocket opened by a page on another site, whatever cookie it carries', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION }, world.tokens.delegate, {
      origin: 'https://evil.example',
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(socket.connected).toBe(false);
    expect(error.message).toMatch(/websocket error|Forbidden|xhr|refused/i);
  });

  it('closes the sockets of a session the moment it is revoked, and only those', async () => {
    const [account] = await database.db
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.username, 'khachmoi'));
    const doomed = await createSession(database.db, account?.id ?? '', 'tablet', new Date());
    const kept = await createSession(database.db, account?.id ?? '', 'browser', new Date());
    const connected = (token: string) => {
      const socket = open({ protocolVersion: PROTOCOL_VERSION }, token);
      return new Promise<Socket>((resolve) => socket.once('connect', () => resolve(socket)));
    };
    const [doomedSocket, keptSocket] = await Promise.all([
      connected(doomed.token),
      connected(kept.token),
    ]);
    const closed = new Promise<string>((resolve) => doomedSocket.once('disconnect', resolve));
    accessChanges.revokeSessions([doomed.session.id]);
    expect(await closed).toBe('io server disconnect');
    expect(keptSocket.connected).toBe(true);
  });

  const refusedClient = (client: MeetingClient) =>
    new Promise<void>((resolve) => {
      const stop = client.watch(() => {
        if (client.status !== 'refused') return;
        stop();
        resolve();
      });
    });

  it('tells the screen that a signed-out page must sign in again, and stops knocking', async () => {
    const client = new MeetingClient(url, world.meetingId, {
      headers: { cookie: `${SESSION_COOKIE}=not-a-real-token` },
    });
    await expect(client.start()).rejects.toThrow();
    expect(client.status).toBe('refused');
    expect(client.connectRefusal).toEqual({ code: 'unauthenticated' });
    client.stop();
  });

  it('tells a tablet whose pairing was revoked mid-sitting to pair again', async () => {
    const [account] = await database.db
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.username, 'khachmoi'));
    const paired = await createSession(database.db, account?.id ?? '', 'tablet', new Date());
    const client = new MeetingClient(url, world.meetingId, {
      headers: { cookie: `${SESSION_COOKIE}=${paired.token}` },
    });
    await client.start().catch(() => undefined);
    expect(client.status).toBe('online');
    const refused = refusedClient(client);
    await invalidateSession(database.db, paired.session.id);
    accessChanges.revokeSessions([paired.session.id]);
    await refused;
    expect(client.connectRefusal).toEqual({ code: 'unauthenticated' });
    client.stop();
  });
});

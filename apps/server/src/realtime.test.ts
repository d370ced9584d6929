import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { attachRealtime } from './realtime.ts';

describe('Socket.IO on the same port as the pages', () => {
  const httpServer = http.createServer((_request, response) => response.end('page'));
  const io = attachRealtime(httpServer, createLogger('silent'));
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  const open = (auth: Record<string, unknown>) => {
    const socket = connect(url, { transports: ['websocket'], auth, reconnection: false });
    sockets.push(socket);
    return socket;
  };

  it('accepts a websocket client that speaks this protocol version, beside plain HTTP', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION });
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
      const socket = open(auth);
      const error = await new Promise<Error & { data?: unknown }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(error.data).toEqual({ code: 'protocol_mismatch', serverVersion: PROTOCOL_VERSION });
      expect(socket.connected).toBe(false);
    },
  );
});

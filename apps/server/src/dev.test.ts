import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from './seed/demo-commune.ts';
import { freePort, temporaryDataDir } from './test/server-process.ts';

const devScript = fileURLToPath(new URL('./dev.ts', import.meta.url));

describe('pnpm dev', () => {
  const dataDir = temporaryDataDir();
  let base: string;
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    child = spawn(process.execPath, [devScript], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Vite colours its banner when it thinks it may, so wait on the port, not the text.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`dev exited with ${child.exitCode}:\n${output}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API, sign-in, the server-rendered pages and Socket.IO on the one Vite port', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await (await fetch(base)).text()).toContain('Hội đồng nhân dân phường Sông Công');
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const socket = connect(base, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.disconnect();
  });

  it("keeps Vite's hot-reload websocket working beside Socket.IO", async () => {
    const hot = new WebSocket(base.replace('http', 'ws'), 'vite-hmr');
    const first = await new Promise<string>((resolve, reject) => {
      hot.onmessage = (event) => resolve(String(event.data));
      hot.onerror = () => reject(new Error('hot reload websocket refused'));
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'connected' });
    hot.close();
  });
});

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { overviewSchema } from '@hopxa/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMMUNE } from './seed/demo-commune.ts';
import { DEMO_OTHER_COMMUNES } from './seed/demo-province.ts';
import {
  runServerUntilExit,
  startServerProcess,
  temporaryDataDir,
  type ExitedProcess,
} from './test/server-process.ts';

const webBuild = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** What an operator sees when the start is refused: one line, no stack trace, exit 1. */
function expectOneClearLine(result: ExitedProcess, wording: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(wording);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('npm start, as an operator runs it', () => {
  const dataDir = temporaryDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(() => {
    if (!fs.existsSync(webBuild)) {
      throw new Error(
        'the web app is not built: run the tests with npm test, which builds it first',
      );
    }
  });

  it('serves the Vietnamese home page with /healthz and /readyz, and stops on SIGTERM with exit 0 within 10 s', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    expect(server.output()).toContain('tài khoản vanphong.songcong');

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
    const home = await (await fetch(server.url)).text();
    expect(home).toContain('Hội đồng nhân dân phường Sông Công');
    // The seeded first meetings are drafts: the public page does not show them yet.
    expect(home).toContain('Chưa có cuộc họp nào được triệu tập.');

    const { code, milliseconds } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(milliseconds).toBeLessThan(10_000);
    expect(fs.existsSync(path.join(dataDir, 'hopxa.lock'))).toBe(false);
  });

  it('keeps the data on a second start and does not seed it twice', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    const overview = overviewSchema.parse(await (await fetch(`${server.url}/api/overview`)).json());
    expect(server.output()).not.toContain('demo data seeded');
    expect(overview.communes).toHaveLength(1 + DEMO_OTHER_COMMUNES.length);
    expect(overview.communes[0]?.name).toBe(DEMO_COMMUNE.name);
    expect(overview.communes[0]?.bodies.map((body) => body.membersInOffice)).toEqual([
      30, 9, 33, 45,
    ]);
    expect((await server.stop()).code).toBe(0);
  });

  it('clears at its start the half-kept paper a process killed mid-upload left', async () => {
    const hash = 'ab'.repeat(32);
    const left = path.join(dataDir, 'documents', 'ab', `${hash}.0123456789ab.part`);
    fs.mkdirSync(path.dirname(left), { recursive: true });
    fs.writeFileSync(left, 'half a paper');
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    fs.utimesSync(left, yesterday, yesterday);
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      await expect.poll(() => fs.existsSync(left)).toBe(false);
      await expect.poll(() => server.output()).toContain('removed the files of uploads cut short');
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });

  it('refuses a second process on the same data folder with one line naming the holder', async () => {
    const first = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const second = await runServerUntilExit({ DATA_DIR: dataDir });
      expectOneClearLine(second, /Thư mục dữ liệu .* đang được tiến trình \d+ sử dụng.*DATA_DIR/);
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});

describe('a start that cannot go on says what to fix in one line', () => {
  it('a busy port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = temporaryDataDir();
    try {
      const result = await runServerUntilExit({ DATA_DIR: dataDir, PORT: String(port) });
      expectOneClearLine(
        result,
        new RegExp(`Cổng ${port} đang được chương trình khác sử dụng.*PORT`),
      );
      // The failed start released the data folder: the next start on it works.
      const next = await startServerProcess({ DATA_DIR: dataDir });
      const stopped = await next.stop();
      expect(stopped.code).toBe(0);
    } finally {
      blocker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a data folder that cannot be written', async () => {
    const parent = temporaryDataDir();
    const file = path.join(parent, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    try {
      const result = await runServerUntilExit({ DATA_DIR: path.join(file, 'data') });
      expectOneClearLine(result, /Không ghi được vào thư mục dữ liệu .*DATA_DIR/);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('a malformed DATABASE_URL', async () => {
    const result = await runServerUntilExit({ DATABASE_URL: 'localhost:5432/test' });
    expectOneClearLine(result, /DATABASE_URL không hợp lệ: cần dạng postgres:\/\//);
  });

  it('a Postgres that does not answer', async () => {
    const result = await runServerUntilExit({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expectOneClearLine(result, /Không kết nối được Postgres tại 127\.0\.0\.1:1 .*DATABASE_URL/);
  });

  it('a PORT that is not a port', async () => {
    const result = await runServerUntilExit({ PORT: 'ba nghìn' });
    expectOneClearLine(result, /PORT phải là số từ 0 đến 65535/);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, temporaryDataDir } from './test/server-process.ts';

const script = fileURLToPath(new URL('./verify-log.ts', import.meta.url));
const verify = (dataDir: string, ...ids: string[]) =>
  spawnSync(process.execPath, [script, ...ids], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

describe('npm run verify-log', () => {
  const dataDir = temporaryDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('checks every meeting of a stopped server and says each chain is valid', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    await server.stop();
    const result = verify(dataDir);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/^Hợp lệ \/ valid: /gm)).toHaveLength(4);
  });

  it('fails, naming it, for a meeting that does not exist', () => {
    const result = verify(dataDir, '00000000-0000-4000-8000-000000000000');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Không có phiên họp 00000000-0000-4000-8000-000000000000');
  });

  it('refuses with one clear line while the server holds the data folder', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const result = verify(dataDir);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(/^Thư mục dữ liệu .* đang được tiến trình \d+ sử dụng/);
    } finally {
      await server.stop();
    }
  });
});

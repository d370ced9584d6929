import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SERVER_KEY } from './test-keys.ts';

const mainScript = fileURLToPath(new URL('../main.ts', import.meta.url));

/** The server as an operator runs it: its own process, started by main.ts. */
export type ServerProcess = {
  readonly url: string;
  /** The process's id, to read its memory and CPU. */
  readonly pid: number;
  readonly port: number;
  /** Everything the process printed so far, stdout and stderr. */
  readonly output: () => string;
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  readonly stop: (
    signal?: NodeJS.Signals,
  ) => Promise<{ code: number | null; milliseconds: number }>;
};

export type ExitedProcess = {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
};

/** A fresh data folder of its own for one test; removed by the caller with `fs.rmSync`. */
export function temporaryDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-data-'));
}

/** Server processes this test file started that have not exited. */
const live = new Set<ChildProcess>();

/**
 * Kills, with SIGKILL, every server this test file started that is still running: after a
 * test that timed out between a kill and a restart, none is left holding a port or a
 * database (`afterEach(killLeftoverServers)` in a file whose tests start their own).
 */
export async function killLeftoverServers(): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

function spawnServer(env: Record<string, string>): ChildProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        ![
          'DATABASE_URL',
          'REDIS_URL',
          'PORT',
          'DATA_DIR',
          'SEED_DEMO',
          'SERVER_KEY',
          'SERVER_KEY_FILE',
        ].includes(key),
    ),
  );
  // A test that names a key file is testing the file; every other server shares the test key.
  const key = env.SERVER_KEY_FILE === undefined && { SERVER_KEY: TEST_SERVER_KEY };
  // A test's server shares the machine with every other suite of the run: its SFU runs at the
  // server's own priority, not in the idle class (tested in packages/sfu), so that a busy run
  // cannot hold back the pictures a test waits for.
  const child = spawn(process.execPath, [mainScript], {
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'info', VIDEO_PRIORITY: '0', ...key, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * Starts main.ts and resolves once it prints the address it serves on.
 *
 * @example
 * const server = await startServerProcess({ DATA_DIR: temporaryDataDir() });
 * await fetch(`${server.url}/healthz`);
 * await server.stop();
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnServer(env);
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)/.exec(output);
      if (match?.[1]) {
        const port = Number(match[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          port,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            const started = performance.now();
            if (child.exitCode === null) child.kill(signal);
            const code = await exited;
            return { code, milliseconds: performance.now() - started };
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`server exited with ${code} before serving:\n${output}`)),
    );
  });
}

/** Runs main.ts when it is expected to refuse to start; resolves with what it printed. */
export function runServerUntilExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ExitedProcess> {
  const child = spawnServer(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nobody listens on right now, for a server that must come back on the same one. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

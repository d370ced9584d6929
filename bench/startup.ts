// Start-up and shut-down of the real server, beside a bare Node http server as baseline.
// Run: pnpm bench:startup [runs]   (set DATABASE_URL to add the Postgres case)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThrowawayPostgres } from '@hopxa/testing';

const runs = Number(process.argv[2] ?? 5);
const mainScript = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
const baselineScript = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT));
process.on('SIGTERM', () => process.exit(0));`;

type Sample = { readyMs: number; stopMs: number };
type Case = { name: string; start: (port: number) => ReturnType<typeof spawn> };

let nextPort = 4600;

async function measure(start: Case['start']): Promise<Sample> {
  const port = nextPort++;
  const began = performance.now();
  const child = start(port);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - began;
  const stopping = performance.now();
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`exit code ${code} after SIGTERM`);
  return { readyMs, stopMs: performance.now() - stopping };
}

const server = (env: Record<string, string>) => (port: number) =>
  spawn(process.execPath, [mainScript], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: 'ignore',
  });

const folders: string[] = [];
const freshFolder = () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-bench-'));
  folders.push(folder);
  return folder;
};
const warmDir = freshFolder();
// A database of its own, so the benchmark leaves nothing behind on the server.
const postgres = process.env.DATABASE_URL
  ? await createThrowawayPostgres(process.env.DATABASE_URL)
  : undefined;
const cases: Case[] = [
  {
    name: 'baseline: bare node http',
    start: (port) =>
      spawn(process.execPath, ['-e', baselineScript], { env: { PORT: String(port) } }),
  },
  {
    name: 'PGlite, first start (initdb, migrate, seed)',
    start: (port) => server({ DATA_DIR: freshFolder(), DATABASE_URL: '' })(port),
  },
  { name: 'PGlite, later start', start: server({ DATA_DIR: warmDir, DATABASE_URL: '' }) },
];
if (postgres) {
  cases.push({ name: 'Postgres, later start', start: server({ DATABASE_URL: postgres.url }) });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

await measure(server({ DATA_DIR: warmDir, DATABASE_URL: '' })); // makes the warm folder
if (postgres) await measure(server({ DATABASE_URL: postgres.url }));

// Interleaved, so background noise falls on every case alike.
const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
for (let run = 0; run < runs; run += 1) {
  for (const c of cases) samples.get(c.name)?.push(await measure(c.start));
}

const baseline = median(samples.get(cases[0]?.name ?? '')?.map((s) => s.readyMs) ?? []);
console.log(`\n${runs} runs each, medians (ms); ratio = ready time / baseline's\n`);
console.log('| case | ready | ratio | stop after SIGTERM |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, list] of samples) {
  const ready = median(list.map((s) => s.readyMs));
  const stop = median(list.map((s) => s.stopMs));
  console.log(
    `| ${name} | ${ready.toFixed(0)} | ${(ready / baseline).toFixed(1)}x | ${stop.toFixed(0)} |`,
  );
}
for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
await postgres?.drop();

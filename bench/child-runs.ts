// Runs another benchmark script as a child process and reads what it prints.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * Starts `node <file> <args>`, its stderr passed through: `lines` holds its stdout's lines as
 * they come; `started` settles at the first line `until` matches, `exited` when it has ended
 * (rejecting unless it ended well).
 */
export function startNode(
  file: string,
  args: readonly string[],
  until?: RegExp,
): { lines: string[]; started: Promise<void>; exited: Promise<void>; stop: () => void } {
  const child = spawn(process.execPath, [script(file), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let pending = '';
  let matched: () => void = () => {};
  let endedFirst: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    matched = resolve;
    endedFirst = reject;
  });
  started.catch(() => {});
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    lines.push(...complete);
    if (until && complete.some((line) => until.test(line))) matched();
  });
  const exited = new Promise<void>((resolve, reject) =>
    child.once('close', (code, signal) => {
      if (pending) lines.push(pending);
      endedFirst(new Error(`${file} ended before it was up`));
      if (code === 0) resolve();
      else reject(new Error(`${file} exited with ${signal ?? code}`));
    }),
  );
  return {
    lines,
    started,
    exited,
    stop: () => child.kill('SIGTERM'),
  };
}

/** The last line of JSON of `lines`. */
export function lastJson<T>(lines: readonly string[], what: string): T {
  const line = lines.findLast((candidate) => candidate.startsWith('{'));
  if (!line) throw new Error(`${what} printed no JSON`);
  return JSON.parse(line) as T;
}

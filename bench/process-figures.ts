// What the video benchmarks read of a process and make of their samples: a process's CPU time,
// its wait for a CPU and its resident memory from /proc (Linux), and percentiles.
import { readdirSync, readFileSync } from 'node:fs';

// Linux counts process CPU time in ticks of 1/100 s (USER_HZ).
const TICKS_PER_SECOND = 100;

/** The value at percentile `p` (0 to 100) of `values`, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The median of `values` (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** CPU seconds a process has used so far (user and system), all its threads. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process, in megabytes. */
export function rssOf(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kilobytes) / 1024;
}

/**
 * Seconds the threads of a process have waited for a CPU while ready to run, each since it
 * started (`/proc/<pid>/task/<tid>/schedstat`; threads that ended are no longer counted). Read
 * twice, the difference per second says how much a busy machine held the process back.
 */
export function cpuWaitOf(pid: number): number {
  let nanoseconds = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [, waited] = readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ');
      nanoseconds += Number(waited ?? 0);
    } catch {
      // The thread ended while listed.
    }
  }
  return nanoseconds / 1e9;
}

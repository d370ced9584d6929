import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * A process's CPU priority: a nice value, 0 (as its parent) to 19 (yields the most), or
 * 'idle', Linux's SCHED_IDLE class: it runs only on a CPU that nothing of the normal class
 * wants, and gives it up as soon as something does. Even at nice 19 a busy process keeps its
 * slices of a few milliseconds, which a storm of votes waits behind; at 'idle' it does not.
 */
export type CpuPriority = number | 'idle';

/** Whether `value` is a priority `lowerProcessPriority` takes. */
export function isCpuPriority(value: unknown): value is CpuPriority {
  return value === 'idle' || (Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 19);
}

/** The nice value taken where the idle class cannot be set (no `chrt`, not Linux). */
const LOWEST_NICENESS = 19;

/**
 * Puts every thread of process `pid` at `priority` and answers the priority it got. On Linux
 * a priority belongs to a thread, not to the process, hence every thread listed in /proc;
 * threads started later inherit the priority of the thread that starts them. The idle class
 * is set with util-linux's `chrt` (Node has no call for scheduling classes); where that fails
 * the lowest nice value is set instead. Elsewhere the process's own call is all there is.
 */
export function lowerProcessPriority(pid: number, priority: CpuPriority): CpuPriority {
  if (priority === 'idle') {
    try {
      execFileSync('chrt', ['--all-tasks', '--idle', '--pid', '0', String(pid)], {
        stdio: 'ignore',
      });
      return 'idle';
    } catch {
      return lowerNiceness(pid, LOWEST_NICENESS);
    }
  }
  return lowerNiceness(pid, priority);
}

function lowerNiceness(pid: number, niceness: number): number {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    setPriority(pid, niceness);
    return niceness;
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), niceness);
    } catch (error) {
      // A thread that ended since the listing has nothing left to lower.
      const info = (error as { info?: { code?: string } }).info;
      if (info?.code !== 'ESRCH') throw error;
    }
  }
  return niceness;
}

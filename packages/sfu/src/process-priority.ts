import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Puts every thread of process `pid` at `niceness` (0 to 19: the higher, the more it yields
 * the CPU to others). On Linux a priority belongs to a thread, not to the process, hence one
 * call per thread listed in /proc; threads started later inherit the priority of the thread
 * that starts them. Elsewhere the process's own call is all there is.
 */
export function lowerProcessPriority(pid: number, niceness: number): void {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    setPriority(pid, niceness);
    return;
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
}

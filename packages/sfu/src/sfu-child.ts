import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  ChildMessage,
  ChildSettings,
  ParentMessage,
  SfuCalls,
  SfuMethod,
} from './ipc-messages.ts';
import { lowerProcessPriority, type CpuPriority } from './process-priority.ts';
import { RequestCorrelator } from './request-correlator.ts';
import { InvalidOfferError } from './sdp.ts';
import type { SfuLogger } from './sfu-core.ts';
import type { SessionEnded } from './video-router.ts';

const CHILD_ENTRY = fileURLToPath(new URL('./sfu-process.ts', import.meta.url));

/** How long the child may take to load before it counts as failed. */
const READY_TIMEOUT_MS = 15_000;

/** How long a stopping child may take to close its sessions before it is killed. */
const STOP_TIMEOUT_MS = 3_000;

/**
 * One forked SFU process and its IPC channel: calls with correlated answers, the child's
 * events, and its exit (which fails every call still waiting).
 */
export class SfuChild {
  readonly process: ChildProcess;
  /** Settles when the child is ready for calls, or rejects if it exits or hangs first. */
  readonly ready: Promise<void>;
  /** Settles when the child process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  readonly startedAt = Date.now();
  private readonly calls = new RequestCorrelator();

  constructor(
    settings: ChildSettings,
    priority: CpuPriority,
    handlers: {
      readonly onEnded: (ended: SessionEnded) => void;
      readonly onLog: SfuLogger;
      readonly onExit: (code: number | null, signal: NodeJS.Signals | null) => void;
    },
  ) {
    // Same Node as the parent, without its flags (an inspector port, a test runner's loader).
    this.process = fork(CHILD_ENTRY, [JSON.stringify(settings)], {
      execPath: process.execPath,
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let becameReady: () => void = () => {};
    let failedToStart: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      becameReady = resolve;
      failedToStart = reject;
    });
    // Nobody may be waiting on it yet when it fails.
    this.ready.catch(() => {});
    const readyTimer = setTimeout(() => {
      failedToStart(new Error('the SFU process did not start in time'));
      this.process.kill('SIGKILL');
    }, READY_TIMEOUT_MS);
    this.process.on('message', (message: ChildMessage) => {
      switch (message.type) {
        case 'ready':
          clearTimeout(readyTimer);
          // Before any session: the threads the child starts for its peers inherit it.
          if (priority !== 0 && this.process.pid !== undefined) {
            try {
              const got = lowerProcessPriority(this.process.pid, priority);
              if (got !== priority)
                handlers.onLog(
                  'error',
                  `the SFU could not be put at the idle priority (is util-linux's chrt there?); it runs at nice ${String(got)}`,
                );
            } catch (error) {
              handlers.onLog('error', `the SFU's priority could not be lowered: ${String(error)}`);
            }
          }
          becameReady();
          break;
        case 'reply':
          if (message.ok) this.calls.resolve(message.id, message.value);
          else this.calls.reject(message.id, errorFrom(message.error));
          break;
        case 'ended':
          // After the continuations of replies that came in the same read: a session whose
          // reply and end arrive together is then known before it is forgotten.
          setImmediate(() => handlers.onEnded(message.ended));
          break;
        case 'log':
          handlers.onLog(message.level, message.message);
          break;
      }
    });
    this.exited = new Promise<void>((resolve) => {
      this.process.once('exit', (code, signal) => {
        clearTimeout(readyTimer);
        const how = signal ?? `code ${code}`;
        failedToStart(new Error(`the SFU process exited (${how}) before it was ready`));
        this.calls.rejectAll(new Error(`the SFU process exited (${how})`));
        resolve();
        handlers.onExit(code, signal);
      });
    });
    // Spawn errors also end in 'exit' (or never start it): the timer covers both.
    this.process.on('error', () => {});
  }

  /** Calls one of the core's methods in the child. */
  call<M extends SfuMethod>(
    method: M,
    ...args: Parameters<SfuCalls[M]>
  ): Promise<Awaited<ReturnType<SfuCalls[M]>>> {
    const { id, answer } = this.calls.open();
    this.send({ type: 'call', id, method, args }, (error) => this.calls.reject(id, error));
    return answer as Promise<Awaited<ReturnType<SfuCalls[M]>>>;
  }

  /** Asks the child to close its sessions and exit; kills it if it takes too long. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const timer = setTimeout(() => this.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
    this.send({ type: 'stop' }, () => this.process.kill('SIGKILL'));
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: ParentMessage, failed: (error: Error) => void): void {
    if (!this.process.connected) {
      failed(new Error('the SFU process is gone'));
      return;
    }
    this.process.send(message, (error) => {
      if (error) failed(error);
    });
  }
}

/** The child's error as the parent throws it, keeping the kind a caller may test for. */
function errorFrom(error: { readonly name: string; readonly message: string }): Error {
  if (error.name === 'InvalidOfferError') return new InvalidOfferError(error.message);
  return Object.assign(new Error(error.message), { name: error.name });
}

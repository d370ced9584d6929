import type { ChildSettings, SfuCalls, SfuMethod } from './ipc-messages.ts';
import type { SessionInfo, SfuLogger } from './sfu-core.ts';
import { SfuChild } from './sfu-child.ts';
import { isCpuPriority, type CpuPriority } from './process-priority.ts';
import type {
  PointStats,
  PublishRequest,
  SessionAnswer,
  SessionEnded,
  SubscribeRequest,
  VideoQuality,
  VideoRouter,
  VideoSource,
} from './video-router.ts';

export type StartSfuOptions = {
  /** The UDP ports the SFU's ICE candidates may use; unset, the system picks any free port. */
  readonly portRangeBegin?: number;
  readonly portRangeEnd?: number;
  /** Told of restarts and failures; by default errors go to stderr. */
  readonly logger?: SfuLogger;
  /**
   * The SFU process's CPU priority (`CpuPriority`): below its parent's, a busy SFU gives way
   * to the server that records votes. Unset, 0, as its parent.
   */
  readonly priority?: CpuPriority;
};

/** The router `startSfu` gives: a `VideoRouter`, and a look inside for tests and benchmarks. */
export interface SfuRouter extends VideoRouter {
  /** The child process's id, or null between a crash and its restart. */
  readonly pid: number | null;
  /** Every session the child holds now. */
  sessions(): Promise<readonly SessionInfo[]>;
}

/** A child that keeps dying this young is restarted after a growing pause. */
const YOUNG_DEATH_MS = 10_000;
const MAX_RESTART_PAUSE_MS = 10_000;

/**
 * Starts the SFU in a child process (the same Node binary, `sfu-process.ts`) and resolves
 * once it answers. A crash in native code then never takes the caller down, and the
 * forwarding CPU is measured on its own. If the child dies, every session it held is reported
 * ended (`failed`) so that clients reconnect, and a new child is started with the programs
 * set before.
 */
export async function startSfu(options: StartSfuOptions = {}): Promise<SfuRouter> {
  const router = new ForkedRouter(options);
  await router.started();
  return router;
}

type KnownSession = Omit<SessionEnded, 'reason'>;

class ForkedRouter implements SfuRouter {
  private readonly settings: ChildSettings;
  private readonly priority: CpuPriority;
  private readonly logger: SfuLogger;
  private readonly listeners: ((ended: SessionEnded) => void)[] = [];
  /** The sessions the child holds, to report them ended if it dies. */
  private readonly known = new Map<string, KnownSession>();
  /** The programs set, to set them again in a restarted child. */
  private readonly programs = new Map<string, string>();
  private child: SfuChild | null = null;
  private ready: Promise<SfuChild>;
  private youngDeaths = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private endRestartPause: (() => void) | undefined;
  private stopping = false;

  constructor(options: StartSfuOptions) {
    this.settings = {
      ...(options.portRangeBegin !== undefined && { portRangeBegin: options.portRangeBegin }),
      ...(options.portRangeEnd !== undefined && { portRangeEnd: options.portRangeEnd }),
    };
    this.priority = options.priority ?? 0;
    if (!isCpuPriority(this.priority))
      throw new RangeError(
        `the SFU's priority is 'idle' or a nice value from 0 to 19, not ${String(this.priority)}`,
      );
    this.logger =
      options.logger ??
      ((level, message) => {
        if (level === 'error') console.error(`[sfu] ${message}`);
      });
    this.ready = this.spawn();
  }

  /** Settles when the first child is ready, or rejects (and stops) if it failed to start. */
  async started(): Promise<void> {
    try {
      await this.ready;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  get pid(): number | null {
    return this.child?.process.pid ?? null;
  }

  async publish(request: PublishRequest): Promise<SessionAnswer> {
    const answer = await this.call('publish', request);
    this.known.set(answer.sessionId, {
      sessionId: answer.sessionId,
      meetingId: request.meetingId,
      role: 'publisher',
      pointId: request.pointId,
    });
    return answer;
  }

  async subscribe(request: SubscribeRequest): Promise<SessionAnswer> {
    const answer = await this.call('subscribe', request);
    this.known.set(answer.sessionId, {
      sessionId: answer.sessionId,
      meetingId: request.meetingId,
      role: 'viewer',
      pointId: request.viewerPointId,
    });
    return answer;
  }

  switchSource(sessionId: string, source: VideoSource, quality: VideoQuality): Promise<void> {
    return this.call('switchSource', sessionId, source, quality);
  }

  setProgram(meetingId: string, pointId: string | null): Promise<void> {
    if (pointId === null) this.programs.delete(meetingId);
    else this.programs.set(meetingId, pointId);
    return this.call('setProgram', meetingId, pointId);
  }

  close(sessionId: string): Promise<void> {
    this.known.delete(sessionId);
    return this.call('close', sessionId);
  }

  closePoint(meetingId: string, pointId: string): Promise<void> {
    this.forget((known) => known.meetingId === meetingId && known.pointId === pointId);
    return this.call('closePoint', meetingId, pointId);
  }

  closeMeeting(meetingId: string): Promise<void> {
    this.forget((known) => known.meetingId === meetingId);
    this.programs.delete(meetingId);
    return this.call('closeMeeting', meetingId);
  }

  stats(meetingId: string): Promise<readonly PointStats[]> {
    return this.call('stats', meetingId);
  }

  sessions(): Promise<readonly SessionInfo[]> {
    return this.call('list');
  }

  onSessionEnded(listener: (ended: SessionEnded) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // A restart waiting out its pause goes on at once, to fail its waiting calls.
    clearTimeout(this.restartTimer);
    this.endRestartPause?.();
    const child = this.child;
    this.child = null;
    this.known.clear();
    await child?.stop();
  }

  private async call<M extends SfuMethod>(
    method: M,
    ...args: Parameters<SfuCalls[M]>
  ): Promise<Awaited<ReturnType<SfuCalls[M]>>> {
    if (this.stopping) throw new Error('the SFU is stopped');
    const child = await this.ready;
    return child.call(method, ...args);
  }

  private spawn(): Promise<SfuChild> {
    const child = new SfuChild(this.settings, this.priority, {
      onEnded: (ended) => {
        if (child !== this.child) return;
        this.known.delete(ended.sessionId);
        this.tell(ended);
      },
      onLog: this.logger,
      onExit: (code, signal) => this.exited(child, code, signal),
    });
    this.child = child;
    const ready = child.ready.then(async () => {
      for (const [meetingId, pointId] of this.programs)
        await child.call('setProgram', meetingId, pointId);
      return child;
    });
    ready.catch(() => {});
    return ready;
  }

  /** The child died: its sessions are gone; a new one is started unless the router stops. */
  private exited(child: SfuChild, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child || this.stopping) return;
    this.child = null;
    this.logger('error', `the SFU process exited (${signal ?? `code ${code}`}); restarting it`);
    const lost = [...this.known.values()];
    this.known.clear();
    for (const session of lost) this.tell({ ...session, reason: 'failed' });
    this.youngDeaths = Date.now() - child.startedAt < YOUNG_DEATH_MS ? this.youngDeaths + 1 : 0;
    const pause =
      this.youngDeaths <= 1 ? 0 : Math.min(250 * 2 ** this.youngDeaths, MAX_RESTART_PAUSE_MS);
    this.ready = new Promise<void>((resolve) => {
      this.endRestartPause = resolve;
      this.restartTimer = setTimeout(resolve, pause);
    }).then(() => {
      if (this.stopping) throw new Error('the SFU is stopped');
      return this.spawn();
    });
    this.ready.catch(() => {});
  }

  private forget(matches: (known: KnownSession) => boolean): void {
    for (const [sessionId, known] of this.known) if (matches(known)) this.known.delete(sessionId);
  }

  private tell(ended: SessionEnded): void {
    for (const listener of this.listeners) {
      try {
        listener(ended);
      } catch (error) {
        this.logger('error', `a session-ended listener threw: ${String(error)}`);
      }
    }
  }
}

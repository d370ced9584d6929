import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSfu, type SfuRouter } from './forked-router.ts';
import { PeerScene, point } from './testing/peer-scene.ts';

// On Linux a priority belongs to each thread; the SFU's peers run on threads node-datachannel
// starts when the first session comes, after the priority was set.
const threadsOf = (pid: number) => readdirSync(`/proc/${pid}/task`).map(Number);
/** A thread's scheduling class: 0 the normal one, 5 idle (field 41 of its stat). */
const classOf = (pid: number, thread: number) => {
  const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
  // The fields after the name, which may hold spaces: the 41st of the line is the 39th here.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
};
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/** A running SFU at `priority` with a publisher and a viewer, whose threads are all started. */
function useSfuAt(priority: 10 | 'idle') {
  const held = {} as { router: SfuRouter; scene: PeerScene };
  beforeAll(async () => {
    held.router = await startSfu({ priority, logger: () => {} });
    held.scene = new PeerScene(held.router, `meeting-priority-${priority}`);
    const { peer: publisher } = await held.scene.publisher('hall');
    const { peer: viewer } = await held.scene.viewer(point('hall'));
    const deadline = Date.now() + 10_000;
    while (!viewer.received.video.some((packet) => packet.stamp?.tag === publisher.tag)) {
      if (Date.now() > deadline) throw new Error("the hall's picture never came");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    held.scene.close();
    await held.router.stop();
  });
  return held;
}

async function pidAfterRestart(router: SfuRouter, killed: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (router.pid === null || router.pid === killed) {
    if (Date.now() > deadline) throw new Error('the SFU was not restarted');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await router.sessions();
  return router.pid;
}

describe('the SFU yields the CPU to the meeting server', () => {
  describe('at a nice value', () => {
    const held = useSfuAt(10);

    it('runs every thread, its peers’ included, at the niceness asked, while this process keeps 0', () => {
      const pid = held.router.pid;
      if (pid === null) throw new Error('no child');
      const threads = threadsOf(pid);
      expect(threads.length).toBeGreaterThan(5);
      expect(new Set(threads.map((thread) => getPriority(thread)))).toEqual(new Set([10]));
      expect(getPriority(process.pid)).toBe(0);
    });

    it('runs a child restarted after a crash at the same niceness', async () => {
      const killed = held.router.pid;
      if (killed === null) throw new Error('no child');
      process.kill(killed, 'SIGKILL');
      const pid = await pidAfterRestart(held.router, killed);
      expect(new Set(threadsOf(pid).map((thread) => getPriority(thread)))).toEqual(new Set([10]));
    });
  });

  describe('at the idle priority, as the meeting server runs it', () => {
    const held = useSfuAt('idle');

    it('runs every thread, its peers’ included, in the idle class, while this process keeps the normal one', () => {
      const pid = held.router.pid;
      if (pid === null) throw new Error('no child');
      const threads = threadsOf(pid);
      expect(threads.length).toBeGreaterThan(5);
      expect(new Set(threads.map((thread) => classOf(pid, thread)))).toEqual(new Set([SCHED_IDLE]));
      expect(classOf(process.pid, process.pid)).toBe(SCHED_OTHER);
    });

    it('runs a child restarted after a crash in the idle class too', async () => {
      const killed = held.router.pid;
      if (killed === null) throw new Error('no child');
      process.kill(killed, 'SIGKILL');
      const pid = await pidAfterRestart(held.router, killed);
      expect(new Set(threadsOf(pid).map((thread) => classOf(pid, thread)))).toEqual(
        new Set([SCHED_IDLE]),
      );
    });
  });

  it('refuses a priority that is neither idle nor a nice value from 0 to 19', async () => {
    await expect(startSfu({ priority: 20 })).rejects.toThrow(/idle' or a nice value from 0 to 19/);
    await expect(startSfu({ priority: -1 })).rejects.toThrow(/idle' or a nice value from 0 to 19/);
    await expect(startSfu({ priority: 2.5 })).rejects.toThrow(/0 to 19/);
  });
});

import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSfu, type SfuRouter } from './forked-router.ts';
import { PeerScene, point } from './testing/peer-scene.ts';

// On Linux a nice value belongs to each thread; the SFU's peers run on threads node-datachannel
// starts when the first session comes, after the priority was set.
const threadsOf = (pid: number) => readdirSync(`/proc/${pid}/task`).map(Number);

let router: SfuRouter;
let scene: PeerScene;

beforeAll(async () => {
  router = await startSfu({ niceness: 10, logger: () => {} });
  scene = new PeerScene(router, 'meeting-priority');
});

afterAll(async () => {
  scene.close();
  await router.stop();
});

async function pidAfterRestart(killed: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (router.pid === null || router.pid === killed) {
    if (Date.now() > deadline) throw new Error('the SFU was not restarted');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await router.sessions();
  return router.pid;
}

describe('the SFU yields the CPU to the meeting server', () => {
  it('runs every thread, its peers’ included, at the niceness asked, while this process keeps 0', async () => {
    const pid = router.pid;
    if (pid === null) throw new Error('no child');
    const { peer: publisher } = await scene.publisher('hall');
    const { peer: viewer } = await scene.viewer(point('hall'));
    const deadline = Date.now() + 10_000;
    while (!viewer.received.video.some((packet) => packet.stamp?.tag === publisher.tag)) {
      if (Date.now() > deadline) throw new Error("the hall's picture never came");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const threads = threadsOf(pid);
    expect(threads.length).toBeGreaterThan(5);
    expect(new Set(threads.map((thread) => getPriority(thread)))).toEqual(new Set([10]));
    expect(getPriority(process.pid)).toBe(0);
  });

  it('runs a child restarted after a crash at the same niceness', async () => {
    const killed = router.pid;
    if (killed === null) throw new Error('no child');
    process.kill(killed, 'SIGKILL');
    const pid = await pidAfterRestart(killed);
    expect(new Set(threadsOf(pid).map((thread) => getPriority(thread)))).toEqual(new Set([10]));
  });

  it('refuses a niceness outside 0 to 19', async () => {
    await expect(startSfu({ niceness: 20 })).rejects.toThrow(/0 to 19/);
    await expect(startSfu({ niceness: -1 })).rejects.toThrow(/0 to 19/);
  });
});

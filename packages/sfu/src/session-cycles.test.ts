import { readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSfu, type SfuRouter } from './forked-router.ts';
import { PeerScene, point } from './testing/peer-scene.ts';

let router: SfuRouter;
let scene: PeerScene;

beforeAll(async () => {
  router = await startSfu();
  scene = new PeerScene(router, 'meeting-cycles');
});

afterAll(async () => {
  scene.close();
  await router.stop();
});

/** The sockets a process holds open (UDP for ICE, the IPC channel). */
function socketsOf(pid: number): number {
  const directory = `/proc/${pid}/fd`;
  return readdirSync(directory).filter((fd) => {
    try {
      return readlinkSync(`${directory}/${fd}`).startsWith('socket:');
    } catch {
      return false; // closed while listed
    }
  }).length;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

const CYCLES = 100;
const AT_ONCE = 10;

describe('viewers coming and going', () => {
  it(`leaves nothing behind after ${CYCLES} watch-and-leave cycles`, async () => {
    const { sessionId: publisherSession } = await scene.publisher('hall');
    const pid = router.pid;
    if (pid === null) throw new Error('no child');
    const socketsBefore = socketsOf(pid);

    for (let batch = 0; batch < CYCLES / AT_ONCE; batch += 1) {
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          const { peer, sessionId } = await scene.viewer(point('hall'), { countOnly: true });
          let packets = 0;
          peer.onVideo = () => (packets += 1);
          await peer.waitFor(() => packets > 0, 'the first packet');
          peer.close();
          await router.close(sessionId);
        }),
      );
    }

    expect((await router.sessions()).map((session) => session.sessionId)).toEqual([
      publisherSession,
    ]);
    expect((await router.stats(scene.meetingId))[0]?.viewers).toBe(0);
    expect(router.pid).toBe(pid);
    // Peer connections close their sockets on their own threads: give them a moment.
    await until(() => socketsOf(pid) <= socketsBefore, 5_000);
    expect(socketsOf(pid)).toBe(socketsBefore);
  });
});

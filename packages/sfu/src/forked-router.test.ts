import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSfu, type SfuRouter } from './forked-router.ts';
import { InvalidOfferError } from './sdp.ts';
import { PeerScene, point } from './testing/peer-scene.ts';
import type { TestViewer } from './testing/test-peers.ts';
import type { SessionEnded } from './video-router.ts';

let router: SfuRouter;
let scene: PeerScene;
const ended: SessionEnded[] = [];
const logged: string[] = [];

beforeAll(async () => {
  router = await startSfu({ logger: (level, message) => logged.push(`${level}: ${message}`) });
  router.onSessionEnded((event) => ended.push(event));
  scene = new PeerScene(router, 'meeting-forked');
});

afterAll(async () => {
  scene.close();
  await router.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const receivesFrom = (viewer: TestViewer, tag: number) =>
  viewer.received.video.filter((packet) => packet.stamp?.tag === tag).length >= 10;

describe('the SFU in its own process', () => {
  it('forwards a point to a viewer, and answers stats and the session list', async () => {
    const { peer: publisher, sessionId: publisherSession } = await scene.publisher('hall');
    const { peer: viewer, sessionId: viewerSession } = await scene.viewer(point('hall'));
    await until(() => receivesFrom(viewer, publisher.tag), "the hall's picture");
    expect(router.pid).not.toBe(process.pid);
    const [stats] = await router.stats(scene.meetingId);
    expect(stats).toMatchObject({ pointId: 'hall', connected: true, viewers: 1 });
    const sessions = await router.sessions();
    expect(sessions.map((session) => session.sessionId).sort()).toEqual(
      [publisherSession, viewerSession].sort(),
    );
  });

  it('refuses a garbage offer with a clear error, and goes on serving', async () => {
    const pid = router.pid;
    const request = { meetingId: scene.meetingId, pointId: 'hall', offer: 'garbage' };
    const refusal = router.publish(request);
    await expect(refusal).rejects.toThrow(InvalidOfferError);
    await expect(router.publish(request)).rejects.toThrow(/not an SDP offer/);
    expect(router.pid).toBe(pid);
    expect(await router.sessions()).toHaveLength(2);
  });

  it('reports the sessions of a killed child failed, restarts it with the program, and serves', async () => {
    await router.setProgram(scene.meetingId, 'hall');
    const before = await router.sessions();
    const killed = router.pid;
    if (killed === null) throw new Error('no child');
    process.kill(killed, 'SIGKILL');
    await until(() => ended.length >= before.length, 'the sessions reported ended');
    expect(ended.map((event) => event.reason)).toEqual(before.map(() => 'failed'));
    expect(ended.map((event) => event.sessionId).sort()).toEqual(
      before.map((session) => session.sessionId).sort(),
    );
    expect(ended.find((event) => event.role === 'publisher')).toMatchObject({
      meetingId: scene.meetingId,
      pointId: 'hall',
    });
    expect(logged.some((line) => line.startsWith('error: the SFU process exited'))).toBe(true);
    scene.close();

    // The pages reconnect: the hall publishes again, a viewer watches the program.
    const { peer: publisher } = await scene.publisher('hall');
    expect(router.pid).not.toBe(killed);
    const { peer: viewer } = await scene.viewer({ kind: 'program' });
    await until(() => receivesFrom(viewer, publisher.tag), 'the program after the restart');
    expect(await router.sessions()).toHaveLength(2);
  });

  it('stops: the child exits, and calls after fail', async () => {
    const pid = router.pid;
    if (pid === null) throw new Error('no child');
    await router.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(router.stats(scene.meetingId)).rejects.toThrow(/stopped/);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOfferError } from './sdp.ts';
import { SfuCore, type SfuLogLevel } from './sfu-core.ts';
import { isGapless, PeerScene, point, videoSsrcOf } from './testing/peer-scene.ts';
import { stampClock } from './testing/synthetic-media.ts';
import type { TestPublisher, ReceivedPacket } from './testing/test-peers.ts';
import type { SessionEnded } from './video-router.ts';

const PROGRAM = { kind: 'program' } as const;

let core: SfuCore;
let scene: PeerScene;
let ended: SessionEnded[];
let logged: { level: SfuLogLevel; message: string }[];

beforeEach(() => {
  ended = [];
  logged = [];
  core = new SfuCore({ logger: (level, message) => logged.push({ level, message }) });
  core.onSessionEnded((event) => ended.push(event));
  scene = new PeerScene(core);
});

afterEach(async () => {
  scene.close();
  await core.stop();
});

const chromiumOffer = (role: 'publisher' | 'viewer') =>
  readFileSync(new URL(`./testing/fixtures/chromium-${role}-offer.sdp`, import.meta.url), 'utf8');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sequences = (packets: readonly ReceivedPacket[]) => packets.map((packet) => packet.sequence);
const fromPublisher = (publisher: TestPublisher) => (packet: ReceivedPacket) =>
  packet.stamp?.tag === publisher.tag;

describe('forwarding', () => {
  it("brings a point's picture and sound to two viewers, each in its own gapless stream", async () => {
    const { peer: publisher } = await scene.publisher('hall');
    const [first, second] = await Promise.all([
      scene.viewer(point('hall')),
      scene.viewer(point('hall'), { payloadType: 120 }),
    ]);
    for (const viewer of [first, second])
      await viewer.peer.waitFor(() => viewer.peer.received.video.length >= 30, '30 video packets');

    for (const [viewer, payloadType] of [
      [first, 100],
      [second, 120],
    ] as const) {
      const { video, audio } = viewer.peer.received;
      expect(video.every(fromPublisher(publisher))).toBe(true);
      expect(new Set(video.map((packet) => packet.ssrc))).toEqual(
        new Set([videoSsrcOf(viewer.answer)]),
      );
      expect(new Set(video.map((packet) => packet.payloadType))).toEqual(new Set([payloadType]));
      expect(video[0]?.keyframe).toBe(true);
      expect(isGapless(sequences(video))).toBe(true);
      // Frames follow each other too: nothing dropped between the keyframe and now.
      const frames = video.map((packet) => packet.stamp?.frame ?? -1);
      expect(frames.every((frame, index) => index === 0 || frame === frames[index - 1]! + 1)).toBe(
        true,
      );
      expect(audio.length).toBeGreaterThan(10);
      expect(new Set(audio.map((packet) => packet.payloadType))).toEqual(new Set([109]));
      expect(isGapless(sequences(audio))).toBe(true);
    }
    expect(videoSsrcOf(first.answer)).not.toBe(videoSsrcOf(second.answer));
    expect(videoSsrcOf(first.answer)).not.toBe(publisher.video[0]?.ssrc);
  });

  it('gives the low quality from the second video m-line, and switches quality seamlessly', async () => {
    await scene.publisher('commune-1', { videoTracks: 2 });
    const { peer: viewer, sessionId } = await scene.viewer(point('commune-1'), { quality: 'low' });
    await viewer.waitFor(() => viewer.received.video.length >= 10, 'low quality packets');
    expect(viewer.received.video.every((packet) => packet.stamp?.track === 1)).toBe(true);

    await core.switchSource(sessionId, point('commune-1'), 'high');
    const switchedAt = viewer.received.video.length;
    await viewer.waitFor(
      () =>
        viewer.received.video.slice(switchedAt).filter((p) => p.stamp?.track === 0).length >= 10,
      'high quality packets',
    );
    const after = viewer.received.video.slice(switchedAt);
    const firstHigh = after.findIndex((packet) => packet.stamp?.track === 0);
    expect(after[firstHigh]?.keyframe).toBe(true);
    expect(after.slice(firstHigh).every((packet) => packet.stamp?.track === 0)).toBe(true);
    expect(isGapless(sequences(viewer.received.video))).toBe(true);
  });

  it("answers a viewer's NACK from the packets it sent, recovering what its link lost", async () => {
    await scene.publisher('hall');
    // Every third video packet is lost on the way, the first time it comes, ten in all.
    const lost = new Set<number>();
    const { peer: viewer, answer } = await scene.viewer(point('hall'), {
      loseVideo: (sequence) => {
        if (sequence % 3 !== 0 || lost.has(sequence) || lost.size >= 10) return false;
        lost.add(sequence);
        return true;
      },
    });
    await viewer.waitFor(() => lost.size >= 10, 'ten lost packets');
    const has = (sequence: number) =>
      viewer.received.video.some((packet) => packet.sequence === sequence);
    const missing = [...lost];
    expect(missing.some(has)).toBe(false);
    viewer.sendNack(videoSsrcOf(answer), missing);
    await viewer.waitFor(() => missing.every(has), 'the retransmissions');
    // A retransmission is the packet that was lost: the frame its position says.
    const bySequence = new Map(viewer.received.video.map((packet) => [packet.sequence, packet]));
    for (const sequence of missing) {
      const before = bySequence.get((sequence - 1) & 0xffff)?.stamp?.frame;
      const after = bySequence.get((sequence + 1) & 0xffff)?.stamp?.frame;
      const expected = before === undefined ? (after ?? 0) - 1 : before + 1;
      expect(bySequence.get(sequence)?.stamp?.frame).toBe(expected);
    }
  });

  it("passes a viewer's picture loss report to the publisher as a keyframe request", async () => {
    const { peer: publisher } = await scene.publisher('hall');
    const { peer: viewer, answer } = await scene.viewer(point('hall'));
    await viewer.waitFor(() => viewer.received.video.length >= 1, 'the first packet');
    await sleep(600); // past the half-second limit on keyframe requests
    const before = publisher.keyframeRequests();
    const received = viewer.received.video.length;
    viewer.sendPli(videoSsrcOf(answer));
    await viewer.waitFor(() => publisher.keyframeRequests() > before, 'a PLI at the publisher');
    // The keyframe that answers it reaches the viewer.
    await viewer.waitFor(
      () => viewer.received.video.slice(received).some((packet) => packet.keyframe),
      'the new keyframe',
    );
  });

  it("starts a new viewer's picture as soon as its link is open, not after the keyframe limit", async () => {
    const { peer: publisher } = await scene.publisher('hall');
    await sleep(700); // the publisher's first keyframe and any limit on asking are past
    const { peer: viewer } = await scene.viewer(point('hall'));
    const openedAt = stampClock();
    await viewer.waitFor(() => viewer.received.video.length >= 1, 'the first packet');
    const [first] = viewer.received.video;
    expect(first?.keyframe).toBe(true);
    expect(first?.stamp?.tag).toBe(publisher.tag);
    // The keyframe is asked when the viewer's track opens: a frame (33 ms) and a round trip.
    expect((first?.arrivedAt ?? Infinity) - openedAt).toBeLessThan(250);
  });

  it('forwards H.264 to a viewer that takes it, and tells of one that cannot', async () => {
    await scene.publisher('encoder', { codec: 'H264' });
    const [h264, vp8] = await Promise.all([
      scene.viewer(point('encoder'), { codec: 'H264', payloadType: 104 }),
      scene.viewer(point('encoder')),
    ]);
    await h264.peer.waitFor(() => h264.peer.received.video.length >= 10, 'H.264 packets');
    expect(h264.peer.received.video.every((packet) => packet.payloadType === 104)).toBe(true);
    expect(h264.peer.received.video[0]?.keyframe).toBe(true);
    await vp8.peer.waitFor(() => vp8.peer.received.audio.length >= 10, 'sound without picture');
    expect(vp8.peer.received.video).toEqual([]);
    expect(logged.some(({ message }) => message.includes(vp8.sessionId))).toBe(true);
  });
});

describe('the program', () => {
  it('shows nothing before it is set, then its point, and switches with continuous sequence numbers', async () => {
    const [{ peer: hall }, { peer: commune }] = await Promise.all([
      scene.publisher('hall'),
      scene.publisher('commune-1'),
    ]);
    const { peer: viewer } = await scene.viewer(PROGRAM);
    await sleep(500);
    expect(viewer.received.video).toEqual([]);

    await core.setProgram(scene.meetingId, 'hall');
    await viewer.waitFor(() => viewer.received.video.length >= 10, "the hall's picture");
    expect(viewer.received.video.every(fromPublisher(hall))).toBe(true);

    const requestsBefore = commune.keyframeRequests();
    await core.setProgram(scene.meetingId, 'commune-1');
    await viewer.waitFor(
      () => viewer.received.video.filter(fromPublisher(commune)).length >= 10,
      "the commune's picture",
    );
    expect(commune.keyframeRequests()).toBeGreaterThan(requestsBefore);
    const { video, audio } = viewer.received;
    const switchAt = video.findIndex(fromPublisher(commune));
    expect(video[switchAt]?.keyframe).toBe(true);
    expect(video.slice(switchAt).every(fromPublisher(commune))).toBe(true);
    expect(isGapless(sequences(video))).toBe(true);
    expect(isGapless(sequences(audio))).toBe(true);
    // Timestamps go on forward across the switch, by about the time that passed.
    const step = ((video[switchAt]!.timestamp - video[switchAt - 1]!.timestamp) >>> 0) / 90;
    expect(step).toBeGreaterThan(0);
    expect(step).toBeLessThan(1000);

    await core.setProgram(scene.meetingId, null);
    await sleep(200);
    const stoppedAt = video.length;
    await sleep(300);
    expect(video.length).toBe(stoppedAt);
  });

  it("sends a point's viewers nothing until the point publishes", async () => {
    const { peer: viewer } = await scene.viewer(point('late'));
    await sleep(300);
    expect(viewer.received.video).toEqual([]);
    const { peer: publisher } = await scene.publisher('late');
    await viewer.waitFor(() => viewer.received.video.length >= 5, 'the late point');
    expect(viewer.received.video.every(fromPublisher(publisher))).toBe(true);
  });
});

describe('sessions', () => {
  it("replaces a point's publisher by its new one: viewers carry on, the old session ends", async () => {
    const { peer: first, sessionId: firstSession } = await scene.publisher('hall');
    const { peer: viewer } = await scene.viewer(point('hall'));
    await viewer.waitFor(() => viewer.received.video.length >= 5, 'the first publisher');
    const { peer: second } = await scene.publisher('hall');
    await viewer.waitFor(
      () => viewer.received.video.filter(fromPublisher(second)).length >= 10,
      'the second publisher',
    );
    expect(ended).toEqual([
      {
        sessionId: firstSession,
        meetingId: scene.meetingId,
        role: 'publisher',
        pointId: 'hall',
        reason: 'replaced',
      },
    ]);
    const video = viewer.received.video;
    const switchAt = video.findIndex(fromPublisher(second));
    expect(video.slice(0, switchAt).every(fromPublisher(first))).toBe(true);
    expect(isGapless(sequences(video))).toBe(true);
    expect((await core.stats(scene.meetingId)).map((stats) => stats.pointId)).toEqual(['hall']);
  });

  it("closes a point's publisher and its own viewers, no one else's, without telling", async () => {
    const { sessionId: hallPublisher } = await scene.publisher('hall');
    await scene.publisher('commune-1');
    const [fromCommune, fromHall, plain] = await Promise.all([
      scene.viewer(point('hall'), { viewerPointId: 'commune-1' }),
      scene.viewer(PROGRAM, { viewerPointId: 'hall' }),
      scene.viewer(point('hall')),
    ]);
    await core.closePoint(scene.meetingId, 'hall');
    const left = (await core.list()).map((session) => session.sessionId).sort();
    expect(left).not.toContain(hallPublisher);
    expect(left).not.toContain(fromHall.sessionId);
    expect(left).toContain(fromCommune.sessionId);
    expect(left).toContain(plain.sessionId);
    expect(left).toHaveLength(3);
    expect(ended).toEqual([]);
    expect((await core.stats(scene.meetingId)).map((stats) => stats.pointId)).toEqual([
      'commune-1',
    ]);

    await core.closeMeeting(scene.meetingId);
    expect(await core.list()).toEqual([]);
  });

  it("reports each publishing point's link", async () => {
    await scene.publisher('hall');
    await Promise.all([scene.viewer(point('hall')), scene.viewer(point('hall'))]);
    await sleep(1000);
    const [hall] = await core.stats(scene.meetingId);
    expect(hall?.pointId).toBe('hall');
    expect(hall?.connected).toBe(true);
    expect(hall?.viewers).toBe(2);
    expect(hall?.loss).toBe(0);
    // 30 frames a second of 234-byte packets and 30 of 94-byte sound: about 79 kbit/s.
    expect(hall?.bitrate).toBeGreaterThan(50_000);
    expect(hall?.bitrate).toBeLessThan(120_000);
    expect(Date.now() - (hall?.lastPacketAt ?? 0)).toBeLessThan(500);
    expect(await core.stats('another-meeting')).toEqual([]);
  });

  it('refuses a garbage offer, or one with nothing to forward, with a clear error', async () => {
    const request = { meetingId: scene.meetingId, pointId: 'hall' };
    await expect(core.publish({ ...request, offer: 'hello' })).rejects.toThrow(InvalidOfferError);
    await expect(core.publish({ ...request, offer: 'hello' })).rejects.toThrow(/not an SDP offer/);
    // Chromium's offers, each given for the other role: a viewer's sends nothing, a point's
    // receives nothing.
    await expect(core.publish({ ...request, offer: chromiumOffer('viewer') })).rejects.toThrow(
      /sends no Opus, VP8 or H.264 media/,
    );
    await expect(
      core.subscribe({
        meetingId: scene.meetingId,
        source: PROGRAM,
        quality: 'high',
        viewerPointId: null,
        offer: chromiumOffer('publisher'),
      }),
    ).rejects.toThrow(/receives no VP8, H.264 or Opus media/);
    // What only libdatachannel checks comes back as an invalid offer too.
    const withoutPassword = chromiumOffer('publisher').replace(/a=ice-pwd:.*\r\n/g, '');
    const refusal = core.publish({ ...request, offer: withoutPassword });
    await expect(refusal).rejects.toThrow(InvalidOfferError);
    await expect(core.publish({ ...request, offer: withoutPassword })).rejects.toThrow(
      /no ICE password/,
    );
    expect(await core.list()).toEqual([]);
  });
});

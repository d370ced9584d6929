import type { Track } from 'node-datachannel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForwardedTrack } from './forwarded-track.ts';
import { PublishedTrack } from './published-track.ts';
import { ReceptionStats } from './reception-stats.ts';
import { payloadTypeOf, sequenceOf, ssrcOf, timestampOf } from './rtp.ts';
import { genericNack, pictureLossIndication } from './testing/rtcp-packets.ts';
import { syntheticPacket } from './testing/synthetic-media.ts';

/** A node-datachannel track without a network: what is sent is kept, what arrives is pushed. */
class FakeTrack {
  readonly sent: Buffer[] = [];
  keyframeRequests = 0;
  private opened: () => void = () => {};
  private message: (message: Buffer) => void = () => {};
  setMediaHandler(): void {}
  requestBitrate(): boolean {
    return true;
  }
  requestKeyframe(): boolean {
    this.keyframeRequests += 1;
    return true;
  }
  onOpen(callback: () => void): void {
    this.opened = callback;
  }
  onClosed(): void {}
  onMessage(callback: (message: Buffer) => void): void {
    this.message = callback;
  }
  sendMessageBinary(packet: Buffer): boolean {
    this.sent.push(Buffer.from(packet)); // a copy, as the native side makes
    return true;
  }
  open(): void {
    this.opened();
  }
  push(message: Buffer): void {
    this.message(message);
  }
  asTrack(): Track {
    return this as unknown as Track;
  }
}

/** A publisher's video m-line fed by hand. */
function publisherTrack(codec: 'VP8' | 'H264' = 'VP8') {
  const fake = new FakeTrack();
  const track = new PublishedTrack({
    track: fake.asTrack(),
    kind: 'video',
    codec,
    payloadType: 96,
    clockRate: 90_000,
    reception: new ReceptionStats(),
  });
  fake.open();
  let sequence = 1000;
  let timestamp = 5000;
  const ssrc = codec === 'VP8' ? 111 : 222;
  return {
    fake,
    track,
    /** Sends one single-packet frame; returns its sequence number. */
    frame(keyframe = false, payloadType = 96): number {
      sequence += 1;
      timestamp += 3000;
      fake.push(
        syntheticPacket({
          codec,
          payloadType,
          ssrc,
          sequence,
          timestamp,
          first: true,
          last: true,
          keyframe,
          stamp: { tag: ssrc, track: 0, frame: sequence, sentAt: 0 },
          payloadBytes: 40,
        }),
      );
      return sequence;
    },
  };
}

function viewerTrack() {
  const fake = new FakeTrack();
  const track = new ForwardedTrack({
    track: fake.asTrack(),
    mid: 'v',
    kind: 'video',
    ssrc: 4242,
    payloadTypes: new Map([['VP8', 100]]),
  });
  fake.open();
  return { fake, track };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a viewer's video track", () => {
  it('starts at a keyframe and sends with its own SSRC and payload type', () => {
    const source = publisherTrack();
    const viewer = viewerTrack();
    expect(viewer.track.switchTo(source.track)).toBe('switched');
    expect(source.fake.keyframeRequests).toBe(1);
    source.frame();
    source.frame();
    expect(viewer.fake.sent).toEqual([]);
    source.frame(true);
    source.frame();
    source.frame(false, 97); // a retransmission (RTX) of the publisher: not forwarded
    expect(viewer.fake.sent.map((packet) => [ssrcOf(packet), payloadTypeOf(packet)])).toEqual([
      [4242, 100],
      [4242, 100],
    ]);
    const [first, second] = viewer.fake.sent;
    expect((sequenceOf(second!) - sequenceOf(first!)) & 0xffff).toBe(1);
    expect((timestampOf(second!) - timestampOf(first!)) >>> 0).toBe(3000);
  });

  it('carries its sequence numbers and timestamps on across a change of source', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const hall = publisherTrack();
    const commune = publisherTrack();
    const viewer = viewerTrack();
    viewer.track.switchTo(hall.track);
    hall.frame(true);
    hall.frame();
    vi.advanceTimersByTime(100);
    viewer.track.switchTo(commune.track);
    commune.frame(); // not a keyframe: skipped
    commune.frame(true);
    commune.frame();
    const sent = viewer.fake.sent;
    expect(
      sent.map(sequenceOf).map((sequence) => (sequence - sequenceOf(sent[0]!)) & 0xffff),
    ).toEqual([0, 1, 2, 3]);
    // The second source's first packet comes 100 ms after the last: 9000 ticks at 90 kHz.
    expect((timestampOf(sent[2]!) - timestampOf(sent[1]!)) >>> 0).toBe(9000);
    expect((timestampOf(sent[3]!) - timestampOf(sent[2]!)) >>> 0).toBe(3000);
    expect(commune.fake.keyframeRequests).toBe(1);
  });

  it('takes what comes when no keyframe does for three seconds', () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const source = publisherTrack();
    const viewer = viewerTrack();
    viewer.track.switchTo(source.track);
    source.frame();
    vi.advanceTimersByTime(600);
    source.frame();
    expect(source.fake.keyframeRequests).toBe(2); // asked again while waiting
    expect(viewer.fake.sent).toEqual([]);
    vi.advanceTimersByTime(3000);
    source.frame();
    expect(viewer.fake.sent).toHaveLength(1);
  });

  it('resends what a NACK names, as sent, and passes a PLI on to the publisher', () => {
    vi.useFakeTimers({ now: 3_000_000 });
    const source = publisherTrack();
    const viewer = viewerTrack();
    viewer.track.switchTo(source.track);
    source.frame(true);
    source.frame();
    source.frame();
    const original = viewer.fake.sent.map((packet) => Buffer.from(packet));
    const lost = [sequenceOf(original[0]!), sequenceOf(original[2]!)];
    viewer.fake.push(genericNack(1, 4242, lost));
    expect(viewer.fake.sent.slice(3)).toEqual([original[0], original[2]]);
    viewer.fake.push(genericNack(1, 9999, lost)); // about another stream
    expect(viewer.fake.sent).toHaveLength(5);

    vi.advanceTimersByTime(600);
    const before = source.fake.keyframeRequests;
    viewer.fake.push(pictureLossIndication(1, 4242));
    expect(source.fake.keyframeRequests).toBe(before + 1);
    viewer.fake.push(pictureLossIndication(1, 4242)); // within half a second: one is enough
    expect(source.fake.keyframeRequests).toBe(before + 1);
  });

  it('refuses a source whose codec its offer lacks, once, and forwards nothing from it', () => {
    const h264 = publisherTrack('H264');
    const viewer = viewerTrack();
    expect(viewer.track.switchTo(h264.track)).toBe('refused');
    expect(viewer.track.switchTo(h264.track)).toBe('same');
    h264.frame(true);
    expect(viewer.fake.sent).toEqual([]);
    expect(h264.track.outletCount).toBe(0);
  });
});

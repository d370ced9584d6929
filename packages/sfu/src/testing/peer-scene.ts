import type { VideoQuality, VideoRouter, VideoSource } from '../video-router.ts';
import { LossyRelay, srtpHeader } from './lossy-relay.ts';
import { TestPublisher, TestViewer } from './test-peers.ts';
import type { SyntheticCodec } from './synthetic-media.ts';

/**
 * Test peers connected through a router (in-process or forked) for one meeting, and closed
 * together at the end of a test.
 */
export class PeerScene {
  readonly router: VideoRouter;
  readonly meetingId: string;
  private readonly peers: (TestPublisher | TestViewer | LossyRelay)[] = [];

  constructor(router: VideoRouter, meetingId = 'meeting-1') {
    this.router = router;
    this.meetingId = meetingId;
  }

  /** A point's publisher, connected and sending 30 frames a second. */
  async publisher(
    pointId: string,
    options: { videoTracks?: 1 | 2; codec?: SyntheticCodec } = {},
  ): Promise<{ peer: TestPublisher; sessionId: string }> {
    const peer = await TestPublisher.create(options);
    this.peers.push(peer);
    const { sessionId, answer } = await this.router.publish({
      meetingId: this.meetingId,
      pointId,
      offer: peer.offer,
    });
    await peer.accept(answer);
    peer.startSending();
    return { peer, sessionId };
  }

  /**
   * A viewer of `source`, connected. With `loseVideo`, its link loses the video packets (by
   * the sequence number the SFU sent) for which it returns true (see `LossyRelay`).
   */
  async viewer(
    source: VideoSource,
    options: {
      quality?: VideoQuality;
      viewerPointId?: string | null;
      codec?: SyntheticCodec;
      payloadType?: number;
      countOnly?: boolean;
      loseVideo?: (sequence: number) => boolean;
    } = {},
  ): Promise<{ peer: TestViewer; sessionId: string; answer: string }> {
    const peer = await TestViewer.create(options);
    this.peers.push(peer);
    const { loseVideo } = options;
    const { sessionId, answer } = await this.router.subscribe({
      meetingId: this.meetingId,
      source,
      quality: options.quality ?? 'high',
      viewerPointId: options.viewerPointId ?? null,
      offer: peer.offer,
    });
    if (loseVideo) {
      const videoSsrc = videoSsrcOf(answer);
      const relay = await LossyRelay.start(answer, (packet) => {
        const header = srtpHeader(packet);
        return header?.ssrc === videoSsrc && loseVideo(header.sequence);
      });
      this.peers.push(relay);
      await peer.accept(relay.rewrite(answer));
    } else await peer.accept(answer);
    return { peer, sessionId, answer };
  }

  /** Closes every peer (and relay) made here. */
  close(): void {
    for (const peer of this.peers.splice(0)) peer.close();
  }
}

/** The source for one point's own feed. */
export function point(pointId: string): VideoSource {
  return { kind: 'point', pointId };
}

/** The SSRC an answer gives its video m-line. */
export function videoSsrcOf(answer: string): number {
  const video = answer.split(/\r?\nm=/).find((section) => section.startsWith('video'));
  const ssrc = /\na=ssrc:(\d+) /.exec(video ?? '')?.[1];
  if (!ssrc) throw new Error('the answer names no video SSRC');
  return Number(ssrc);
}

/** Whether each packet's sequence number follows the one before it (16-bit). */
export function isGapless(sequences: readonly number[]): boolean {
  return sequences.every(
    (sequence, index) => index === 0 || ((sequence - (sequences[index - 1] ?? 0)) & 0xffff) === 1,
  );
}

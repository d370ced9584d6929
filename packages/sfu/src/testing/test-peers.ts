/**
 * node-datachannel peers that play a point's browser (a publisher) and a viewer's, for the
 * SFU's tests and benchmark: they make offers as a browser would (sendonly or recvonly
 * m-lines, candidates gathered), send synthetic RTP, and record what arrives.
 */
import { Audio, PeerConnection, Video, type Track } from 'node-datachannel';
import { randomInt } from 'node:crypto';
import { startsKeyframe } from '../keyframe.ts';
import { readViewerFeedback } from '../rtcp.ts';
import { isRtcp, payloadTypeOf, sequenceOf, ssrcOf, timestampOf } from '../rtp.ts';
import { genericNack, pictureLossIndication } from './rtcp-packets.ts';
import {
  stampClock,
  stampOf,
  syntheticPacket,
  type Stamp,
  type SyntheticCodec,
} from './synthetic-media.ts';

const OPEN_TIMEOUT_MS = 10_000;
const VIDEO_CLOCK = 90_000;
const AUDIO_CLOCK = 48_000;

/** The offer of a fresh peer connection once its ICE candidates are gathered. */
async function gatheredOffer(connection: PeerConnection): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the test peer did not gather')), 5_000);
    connection.onGatheringStateChange((state) => {
      if (state !== 'complete') return;
      clearTimeout(timer);
      resolve();
    });
    connection.setLocalDescription();
  });
  const offer = connection.localDescription()?.sdp;
  if (!offer) throw new Error('the test peer made no offer');
  return offer;
}

/** Settles when every track is open; rejects after a while (a test peer that failed). */
function allOpen(tracks: readonly Track[], who: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let waiting = tracks.length;
    const timer = setTimeout(
      () => reject(new Error(`${who}: ${waiting} track(s) did not open`)),
      OPEN_TIMEOUT_MS,
    );
    for (const track of tracks)
      track.onOpen(() => {
        waiting -= 1;
        if (waiting > 0) return;
        clearTimeout(timer);
        resolve();
      });
  });
}

type OutgoingStream = {
  readonly track: Track;
  readonly ssrc: number;
  sequence: number;
  timestamp: number;
  /** Frames sent so far (sound: packets). */
  frames: number;
  keyframeWanted: boolean;
  keyframeRequests: number;
};

/** How a video track's frames are sent: how often, in how many packets, of what size. */
export type FrameShape = {
  /** Frames a second; 30 by default. */
  readonly fps?: number;
  /** 1 by default. */
  readonly packetsPerFrame?: number;
  /** 200 by default. */
  readonly payloadBytes?: number;
};

/**
 * A point's browser: sendonly video m-lines (one, or two for high and low) and optionally an
 * Opus m-line, sending synthetic frames with increasing sequence numbers and timestamps. A
 * frame after a keyframe request (PLI or FIR from the SFU) is a keyframe, as is the first.
 */
export class TestPublisher {
  readonly connection: PeerConnection;
  readonly tag: number;
  readonly codec: SyntheticCodec;
  readonly video: readonly OutgoingStream[];
  readonly audio: OutgoingStream | null;
  offer = '';
  private readonly opened: Promise<void>;
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(options: {
    readonly videoTracks: 1 | 2;
    readonly audio: boolean;
    readonly codec: SyntheticCodec;
  }) {
    this.tag = randomInt(1, 0xffffffff);
    this.codec = options.codec;
    this.connection = new PeerConnection(`test-publisher-${this.tag}`, { iceServers: [] });
    const video: OutgoingStream[] = [];
    for (let index = 0; index < options.videoTracks; index += 1) {
      const description = new Video(`video${index}`, 'SendOnly');
      if (this.codec === 'VP8') description.addVP8Codec(96);
      else description.addH264Codec(102, 'packetization-mode=1;profile-level-id=42e01f');
      video.push(this.stream(description, `video${index}`));
    }
    this.video = video;
    if (options.audio) {
      const description = new Audio('audio', 'SendOnly');
      description.addOpusCodec(111);
      this.audio = this.stream(description, 'audio');
    } else this.audio = null;
    const tracks = [...video, ...(this.audio ? [this.audio] : [])].map(({ track }) => track);
    this.opened = allOpen(tracks, 'test publisher');
    this.opened.catch(() => {});
  }

  /** A publisher with its offer made (one VP8 video m-line and Opus by default). */
  static async create(
    options: { videoTracks?: 1 | 2; audio?: boolean; codec?: SyntheticCodec } = {},
  ): Promise<TestPublisher> {
    const publisher = new TestPublisher({
      videoTracks: options.videoTracks ?? 1,
      audio: options.audio ?? true,
      codec: options.codec ?? 'VP8',
    });
    publisher.offer = await gatheredOffer(publisher.connection);
    return publisher;
  }

  /** Takes the SFU's answer and waits until every track is open. */
  async accept(answer: string): Promise<void> {
    this.connection.setRemoteDescription(answer, 'answer');
    await this.opened;
  }

  /**
   * Sends one frame on every video track (in `packetsPerFrame` packets of `payloadBytes`) and
   * one Opus packet.
   */
  sendFrame(options: FrameShape = {}): void {
    for (const index of this.video.keys()) this.sendVideoFrame(index, options);
    this.sendSound(options.fps ?? 30);
  }

  /**
   * Sends frames at `fps` until `stopSending` or `close`: one frame on every video track and
   * one Opus packet each time. With `tracks`, video track `index` is sent on a clock of its
   * own, as `tracks[index]` says (what it leaves out as the rest of `options` says), as a
   * browser's high and low encodings are; the Opus packets then go at `fps`.
   */
  startSending(options: FrameShape & { readonly tracks?: readonly FrameShape[] } = {}): void {
    this.stopSending();
    const { tracks, ...shape } = options;
    const every = (fps: number | undefined, send: () => void) =>
      this.timers.push(setInterval(send, 1000 / (fps ?? 30)));
    if (!tracks) {
      every(shape.fps, () => this.sendFrame(shape));
      return;
    }
    for (const index of this.video.keys()) {
      const own = { ...shape, ...tracks[index] };
      every(own.fps, () => this.sendVideoFrame(index, own));
    }
    every(shape.fps, () => this.sendSound(shape.fps ?? 30));
  }

  stopSending(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** How many keyframe requests (PLI or FIR) the SFU sent on video track `index`. */
  keyframeRequests(index = 0): number {
    return this.video[index]?.keyframeRequests ?? 0;
  }

  close(): void {
    this.stopSending();
    this.connection.close();
  }

  /** One frame on video track `index`: a keyframe if the SFU asked for one, or the first. */
  private sendVideoFrame(index: number, options: FrameShape): void {
    const stream = this.video[index];
    if (!stream) return;
    const packets = options.packetsPerFrame ?? 1;
    const frame = stream.frames;
    stream.frames += 1;
    // The SFU may have closed the connection (stopped, replaced this publisher).
    if (!stream.track.isOpen()) return;
    const keyframe = stream.keyframeWanted || frame === 0;
    stream.keyframeWanted = false;
    for (let packet = 0; packet < packets; packet += 1) {
      stream.track.sendMessageBinary(
        syntheticPacket({
          codec: this.codec,
          payloadType: this.codec === 'VP8' ? 96 : 102,
          ssrc: stream.ssrc,
          sequence: stream.sequence,
          timestamp: stream.timestamp,
          first: packet === 0,
          last: packet === packets - 1,
          keyframe,
          stamp: { tag: this.tag, track: index, frame, sentAt: stampClock() },
          payloadBytes: options.payloadBytes ?? 200,
        }),
      );
      stream.sequence = (stream.sequence + 1) & 0xffff;
    }
    stream.timestamp = (stream.timestamp + VIDEO_CLOCK / (options.fps ?? 30)) >>> 0;
  }

  /** One 60-byte Opus packet, `fps` of them a second. */
  private sendSound(fps: number): void {
    const audio = this.audio;
    if (!audio) return;
    const frame = audio.frames;
    audio.frames += 1;
    if (!audio.track.isOpen()) return;
    audio.track.sendMessageBinary(
      syntheticPacket({
        codec: 'opus',
        payloadType: 111,
        ssrc: audio.ssrc,
        sequence: audio.sequence,
        timestamp: audio.timestamp,
        first: true,
        last: true,
        keyframe: false,
        stamp: { tag: this.tag, track: 0, frame, sentAt: stampClock() },
        payloadBytes: 60,
      }),
    );
    audio.sequence = (audio.sequence + 1) & 0xffff;
    audio.timestamp = (audio.timestamp + AUDIO_CLOCK / fps) >>> 0;
  }

  private stream(description: Video | Audio, name: string): OutgoingStream {
    const ssrc = randomInt(1, 0xffffffff);
    description.addSSRC(ssrc, `test-${this.tag}`, `test-${this.tag}`, name);
    const stream: OutgoingStream = {
      track: this.connection.addTrack(description),
      ssrc,
      sequence: randomInt(0x10000),
      timestamp: randomInt(0xffffffff),
      frames: 0,
      keyframeWanted: true,
      keyframeRequests: 0,
    };
    stream.track.onMessage((message) => {
      if (!isRtcp(message) || !readViewerFeedback(message, ssrc).keyframeWanted) return;
      stream.keyframeWanted = true;
      stream.keyframeRequests += 1;
    });
    return stream;
  }
}

/** A packet as a test viewer received it. */
export type ReceivedPacket = {
  readonly ssrc: number;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  /** Whether it starts a keyframe (video). */
  readonly keyframe: boolean;
  readonly stamp: Stamp | null;
  /** `stampClock()` on arrival. */
  readonly arrivedAt: number;
};

/**
 * A viewer's browser: a video m-line (VP8, or H.264) and optionally an Opus
 * m-line, receiving. Its video m-line is sendrecv rather than recvonly because
 * libdatachannel lets a test send RTCP by hand only on a track that may send; the SFU
 * answers it sendonly all the same.
 */
export class TestViewer {
  readonly connection: PeerConnection;
  readonly codec: SyntheticCodec;
  readonly video: Track;
  readonly audio: Track | null;
  readonly received: { readonly video: ReceivedPacket[]; readonly audio: ReceivedPacket[] } = {
    video: [],
    audio: [],
  };
  offer = '';
  /** Whether packets are only handed to `onVideo`, not kept (the benchmark's forty viewers). */
  private readonly countOnly: boolean;
  /** Each video packet as it arrives, whether kept or not. */
  onVideo: ((packet: ReceivedPacket) => void) | null = null;
  private readonly opened: Promise<void>;

  private constructor(options: {
    readonly audio: boolean;
    readonly codec: SyntheticCodec;
    readonly payloadType: number;
    readonly countOnly: boolean;
  }) {
    this.countOnly = options.countOnly;
    this.codec = options.codec;
    this.connection = new PeerConnection(`test-viewer-${randomInt(1e9)}`, { iceServers: [] });
    const video = new Video('v', 'SendRecv');
    if (options.codec === 'VP8') video.addVP8Codec(options.payloadType);
    else video.addH264Codec(options.payloadType, 'packetization-mode=1;profile-level-id=42e01f');
    this.video = this.connection.addTrack(video);
    this.video.onMessage((message) => this.receive(message, 'video'));
    if (options.audio) {
      const audio = new Audio('a', 'RecvOnly');
      audio.addOpusCodec(109);
      this.audio = this.connection.addTrack(audio);
      this.audio.onMessage((message) => this.receive(message, 'audio'));
    } else this.audio = null;
    this.opened = allOpen(this.audio ? [this.video, this.audio] : [this.video], 'test viewer');
    this.opened.catch(() => {});
  }

  /** A viewer with its offer made (VP8 as payload type 100 and Opus as 109, by default). */
  static async create(
    options: {
      audio?: boolean;
      codec?: SyntheticCodec;
      payloadType?: number;
      countOnly?: boolean;
    } = {},
  ): Promise<TestViewer> {
    const viewer = new TestViewer({
      audio: options.audio ?? true,
      codec: options.codec ?? 'VP8',
      payloadType: options.payloadType ?? 100,
      countOnly: options.countOnly ?? false,
    });
    viewer.offer = await gatheredOffer(viewer.connection);
    return viewer;
  }

  /** Takes the SFU's answer and waits until every track is open. */
  async accept(answer: string): Promise<void> {
    this.connection.setRemoteDescription(answer, 'answer');
    await this.opened;
  }

  /** Waits until `condition` holds, polling; rejects after `timeoutMs` saying `what`. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`test viewer: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends a generic NACK for `sequences` of the video stream from `ssrc`. */
  sendNack(ssrc: number, sequences: number[]): void {
    this.video.sendMessageBinary(genericNack(1, ssrc, sequences));
  }

  /** Sends a picture loss indication for the video stream from `ssrc`. */
  sendPli(ssrc: number): void {
    this.video.sendMessageBinary(pictureLossIndication(1, ssrc));
  }

  close(): void {
    this.connection.close();
  }

  private receive(message: Buffer, kind: 'video' | 'audio'): void {
    if (message.length < 12 || isRtcp(message)) return;
    const packet: ReceivedPacket = {
      ssrc: ssrcOf(message),
      payloadType: payloadTypeOf(message),
      sequence: sequenceOf(message),
      timestamp: timestampOf(message),
      keyframe: kind === 'video' && startsKeyframe(this.codec, message),
      stamp: stampOf(message),
      arrivedAt: stampClock(),
    };
    if (kind === 'video') this.onVideo?.(packet);
    if (!this.countOnly) this.received[kind].push(packet);
  }
}

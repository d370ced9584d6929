import { randomInt } from 'node:crypto';
import type { Track } from 'node-datachannel';
import type { MediaCodec, PublishedTrack } from './published-track.ts';
import { readViewerFeedback } from './rtcp.ts';
import { RetransmissionBuffer } from './retransmission-buffer.ts';
import { isRtcp, rewriteHeader } from './rtp.ts';

/**
 * How long a viewer waits for a keyframe from a new source before it takes what comes: a
 * publisher that never answers keyframe requests (or sends keyframes this code does not
 * recognise) then still gets through, and the viewer's decoder asks again by itself.
 */
const KEYFRAME_WAIT_MS = 3000;

/**
 * One m-line the SFU sends a viewer: takes packets from whichever publisher's track it is
 * attached to and rewrites them into one continuous stream of the viewer's own: its SSRC, the
 * payload type its offer gave the codec, and sequence numbers and timestamps that carry on
 * across a change of source (an offset per switch). Video starts at a keyframe after each
 * switch. Answers the viewer's NACKs from the last packets sent and passes its picture-loss
 * reports on to the publisher as keyframe requests.
 */
export class ForwardedTrack {
  readonly mid: string;
  readonly kind: 'audio' | 'video';
  private readonly track: Track;
  private readonly ssrc: number;
  private readonly payloadTypes: ReadonlyMap<MediaCodec, number>;
  private readonly retransmission: RetransmissionBuffer | null;
  private source: PublishedTrack | null = null;
  private refused: PublishedTrack | null = null;
  private payloadType = 0;
  private open = false;
  private waitingForKeyframe = true;
  private waitingSince = 0;
  private rebaseNeeded = true;
  private sourceSsrc = -1;
  private sequenceOffset = 0;
  private timestampOffset = 0;
  private lastSequence = randomInt(0x10000);
  private lastTimestamp = randomInt(0x1_0000_0000);
  private lastSentAt = 0;

  constructor(options: {
    readonly track: Track;
    readonly mid: string;
    readonly kind: 'audio' | 'video';
    readonly ssrc: number;
    /** The viewer's payload type for each codec its offer has. */
    readonly payloadTypes: ReadonlyMap<MediaCodec, number>;
  }) {
    this.track = options.track;
    this.mid = options.mid;
    this.kind = options.kind;
    this.ssrc = options.ssrc;
    this.payloadTypes = options.payloadTypes;
    // Chromium asks retransmission of video only (its audio m-line offers no NACK).
    this.retransmission = this.kind === 'video' ? new RetransmissionBuffer(512) : null;
    this.track.onOpen(() => {
      this.open = true;
      // The wait for a keyframe starts now: nothing could be sent before.
      this.waitingSince = Date.now();
      this.source?.requestKeyframe(this.waitingSince);
    });
    this.track.onClosed(() => {
      this.open = false;
    });
    this.track.onMessage((message) => this.feedback(message));
  }

  /** The publisher's track this one forwards now, if any. */
  get currentSource(): PublishedTrack | null {
    return this.source;
  }

  /**
   * Forwards another publisher's track (or nothing). Says `refused` the first time it is
   * given a track whose codec the viewer's offer has no payload type for (it then forwards
   * nothing), `same` when nothing changes.
   */
  switchTo(source: PublishedTrack | null): 'switched' | 'same' | 'refused' {
    if (source === this.source || (source !== null && source === this.refused)) return 'same';
    this.source?.detach(this);
    this.source = null;
    this.refused = null;
    this.retransmission?.clear();
    if (!source) return 'switched';
    const payloadType = this.payloadTypes.get(source.codec);
    if (payloadType === undefined) {
      this.refused = source;
      return 'refused';
    }
    this.source = source;
    this.payloadType = payloadType;
    this.waitingForKeyframe = this.kind === 'video';
    this.waitingSince = Date.now();
    this.rebaseNeeded = true;
    source.attach(this);
    // A track not open yet asks when it opens: a keyframe sent before would be lost, and the
    // publisher's limit on requests would hold back the one asked then.
    if (this.open) source.requestKeyframe(this.waitingSince);
    return 'switched';
  }

  /** Stops forwarding and lets go of every packet held. */
  stop(): void {
    this.switchTo(null);
    this.open = false;
  }

  /**
   * The per-packet path, called by the source for each media packet: rewrites the header in
   * place and sends. The same buffer then goes to the next viewer, rewritten again.
   */
  forward(
    packet: Buffer,
    ssrc: number,
    sequence: number,
    timestamp: number,
    keyframe: boolean,
    now: number,
  ): void {
    if (!this.open) return;
    if (this.waitingForKeyframe) {
      if (!keyframe && now - this.waitingSince < KEYFRAME_WAIT_MS) {
        // Asked on attaching already; asked again while none comes (rate-limited there).
        this.source?.requestKeyframe(now);
        return;
      }
      this.waitingForKeyframe = false;
    }
    if (this.rebaseNeeded || ssrc !== this.sourceSsrc) this.rebase(ssrc, sequence, timestamp, now);
    const outSequence = (sequence + this.sequenceOffset) & 0xffff;
    const outTimestamp = (timestamp + this.timestampOffset) >>> 0;
    if (((outSequence - this.lastSequence) & 0xffff) < 0x8000) {
      this.lastSequence = outSequence;
      this.lastTimestamp = outTimestamp;
    }
    this.lastSentAt = now;
    rewriteHeader(packet, this.payloadType, outSequence, outTimestamp, this.ssrc);
    this.send(packet);
    this.retransmission?.remember(outSequence, outTimestamp, this.payloadType, packet);
  }

  /**
   * Continues the viewer's stream from a new source: the next sequence number after the last
   * sent, and a timestamp as far after the last as the time that passed.
   */
  private rebase(ssrc: number, sequence: number, timestamp: number, now: number): void {
    const clockRate = this.source?.clockRate ?? 90_000;
    const elapsed = this.lastSentAt === 0 ? 0 : now - this.lastSentAt;
    const ticks = Math.max(1, Math.round((elapsed * clockRate) / 1000));
    this.sequenceOffset = (this.lastSequence + 1 - sequence) & 0xffff;
    this.timestampOffset = (this.lastTimestamp + ticks - timestamp) >>> 0;
    this.sourceSsrc = ssrc;
    this.rebaseNeeded = false;
  }

  private feedback(message: Buffer): void {
    if (!isRtcp(message)) return;
    const { lost, keyframeWanted } = readViewerFeedback(message, this.ssrc);
    if (keyframeWanted) this.source?.requestKeyframe(Date.now());
    if (!this.retransmission || !this.open) return;
    for (const sequence of lost) {
      const held = this.retransmission.find(sequence);
      if (!held) continue;
      rewriteHeader(held.packet, held.payloadType, sequence, held.timestamp, this.ssrc);
      this.send(held.packet);
    }
  }

  private send(packet: Buffer): void {
    try {
      this.track.sendMessageBinary(packet);
    } catch {
      // The track closed under us (its peer is going away): the session's end follows.
      this.open = false;
    }
  }
}

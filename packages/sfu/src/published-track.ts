import { RtcpReceivingSession, type Track } from 'node-datachannel';
import type { ForwardedTrack } from './forwarded-track.ts';
import { startsKeyframe } from './keyframe.ts';
import type { ReceptionStats } from './reception-stats.ts';
import {
  isRtcp,
  payloadTypeOf,
  RTP_HEADER_BYTES,
  sequenceDistance,
  sequenceOf,
  ssrcOf,
  timestampOf,
} from './rtp.ts';

/** What the SFU forwards: VP8 or H.264 video, Opus sound. */
export type MediaCodec = 'VP8' | 'H264' | 'opus';

/** A publisher asked for keyframes at most this often per track, however many ask. */
const KEYFRAME_REQUEST_INTERVAL_MS = 500;

/**
 * The bitrate the SFU tells a publisher it may send (REMB), the same on each of its video
 * tracks: Chromium takes the latest REMB as the total for all its streams, and caps each
 * stream by its own encoding limits anyway.
 */
const PUBLISHER_BITRATE = 4_000_000;

/**
 * One m-line a publisher sends on: receives its RTP, counts it for the link status and hands
 * each media packet to the viewers' tracks attached to it. RTCP, retransmissions and any
 * payload type other than the negotiated codec's are not forwarded.
 */
export class PublishedTrack {
  readonly kind: 'audio' | 'video';
  readonly codec: MediaCodec;
  readonly clockRate: number;
  private readonly track: Track;
  private readonly payloadType: number;
  private readonly reception: ReceptionStats;
  private readonly outlets: ForwardedTrack[] = [];
  private open = false;
  private lastKeyframeRequestAt = Number.NEGATIVE_INFINITY;
  private streamSsrc = -1;
  private highestSequence = 0;

  constructor(options: {
    readonly track: Track;
    readonly kind: 'audio' | 'video';
    readonly codec: MediaCodec;
    readonly payloadType: number;
    readonly clockRate: number;
    readonly reception: ReceptionStats;
  }) {
    this.track = options.track;
    this.kind = options.kind;
    this.codec = options.codec;
    this.payloadType = options.payloadType;
    this.clockRate = options.clockRate;
    this.reception = options.reception;
    // Sends receiver reports, and the PLI of requestKeyframe and the REMB of requestBitrate.
    this.track.setMediaHandler(new RtcpReceivingSession());
    this.track.onOpen(() => {
      this.open = true;
      // Both only once the track is open: before, libdatachannel aborts the process.
      if (this.kind === 'video') {
        this.track.requestBitrate(PUBLISHER_BITRATE);
        if (this.outlets.length > 0) this.requestKeyframe(Date.now());
      }
    });
    this.track.onClosed(() => {
      this.open = false;
    });
    this.track.onMessage((packet) => this.receive(packet));
  }

  /** How many viewers' tracks take this track's packets now. */
  get outletCount(): number {
    return this.outlets.length;
  }

  /** Starts handing packets to a viewer's track. */
  attach(outlet: ForwardedTrack): void {
    if (!this.outlets.includes(outlet)) this.outlets.push(outlet);
  }

  /** Stops handing packets to a viewer's track. */
  detach(outlet: ForwardedTrack): void {
    const index = this.outlets.indexOf(outlet);
    if (index >= 0) this.outlets.splice(index, 1);
  }

  /**
   * Asks the publisher for a keyframe (a PLI), at most once per half second: every viewer
   * that joins, switches or lost a picture asks, and one keyframe serves them all.
   */
  requestKeyframe(now: number): void {
    if (this.kind !== 'video' || !this.open) return;
    if (now - this.lastKeyframeRequestAt < KEYFRAME_REQUEST_INTERVAL_MS) return;
    this.lastKeyframeRequestAt = now;
    try {
      this.track.requestKeyframe();
    } catch {
      // The track was destroyed with its peer connection: the session is ending.
      this.open = false;
    }
  }

  /** The per-packet path: no allocation, no logging. */
  private receive(packet: Buffer): void {
    if (packet.length < RTP_HEADER_BYTES || isRtcp(packet)) return;
    const now = Date.now();
    if (payloadTypeOf(packet) !== this.payloadType) {
      this.reception.record(now, packet.length, 0, 0);
      return;
    }
    const ssrc = ssrcOf(packet);
    const sequence = sequenceOf(packet);
    if (ssrc !== this.streamSsrc) {
      this.streamSsrc = ssrc;
      this.highestSequence = (sequence - 1) & 0xffff;
    }
    const ahead = sequenceDistance(sequence, this.highestSequence);
    if (ahead > 0) this.highestSequence = sequence;
    this.reception.record(now, packet.length, 1, ahead > 0 ? ahead : 0);
    if (this.outlets.length === 0) return;
    const timestamp = timestampOf(packet);
    const keyframe = this.codec !== 'opus' && startsKeyframe(this.codec, packet);
    for (let index = 0; index < this.outlets.length; index += 1)
      this.outlets[index]?.forward(packet, ssrc, sequence, timestamp, keyframe, now);
  }
}

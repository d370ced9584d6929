/**
 * Synthetic RTP as the test publisher sends it: real VP8 or H.264 payload headers (so the
 * SFU's keyframe detection sees what an encoder would send), then a stamp that says who sent
 * the packet, which frame it belongs to and when it left, then filler.
 */

export type SyntheticCodec = 'VP8' | 'H264';

/** Where the stamp sits in the payload, after the codec's payload header. */
const STAMP_OFFSET = 2;
const STAMP_BYTES = 20;

/** What the stamp of a received packet says. */
export type Stamp = {
  /** The sending publisher's tag. */
  readonly tag: number;
  /** Which of its tracks sent it: 0 for the first video m-line (high), 1 for the second. */
  readonly track: number;
  readonly frame: number;
  /** When the packet was sent: `performance.timeOrigin + performance.now()` of the sender. */
  readonly sentAt: number;
};

/**
 * One RTP packet. `first` marks the first packet of a frame (where a keyframe starts);
 * `last` sets the marker bit. `payloadBytes` is the payload size (at least 22).
 */
export function syntheticPacket(fields: {
  readonly codec: SyntheticCodec | 'opus';
  readonly payloadType: number;
  readonly ssrc: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly first: boolean;
  readonly last: boolean;
  readonly keyframe: boolean;
  readonly stamp: Stamp;
  readonly payloadBytes: number;
}): Buffer {
  const packet = Buffer.alloc(12 + Math.max(fields.payloadBytes, STAMP_OFFSET + STAMP_BYTES));
  packet[0] = 0x80;
  packet[1] = (fields.last ? 0x80 : 0) | fields.payloadType;
  packet.writeUInt16BE(fields.sequence & 0xffff, 2);
  packet.writeUInt32BE(fields.timestamp >>> 0, 4);
  packet.writeUInt32BE(fields.ssrc, 8);
  if (fields.codec === 'VP8') {
    // Payload descriptor: S (start of partition) on the first packet, partition 0.
    packet[12] = fields.first ? 0x10 : 0x00;
    // Payload header: the inverse keyframe bit P.
    packet[13] = fields.keyframe ? 0x00 : 0x01;
  } else if (fields.codec === 'H264') {
    // A single NAL unit: an IDR slice (5) for a keyframe, else a non-IDR slice (1).
    packet[12] = fields.keyframe ? 0x65 : 0x41;
  }
  packet.writeUInt32BE(fields.stamp.tag >>> 0, 12 + STAMP_OFFSET);
  packet.writeUInt32BE(fields.stamp.track >>> 0, 12 + STAMP_OFFSET + 4);
  packet.writeUInt32BE(fields.stamp.frame >>> 0, 12 + STAMP_OFFSET + 8);
  packet.writeDoubleBE(fields.stamp.sentAt, 12 + STAMP_OFFSET + 12);
  return packet;
}

/** The stamp of a packet made by `syntheticPacket` (header without CSRCs or extensions). */
export function stampOf(packet: Buffer): Stamp | null {
  if (packet.length < 12 + STAMP_OFFSET + STAMP_BYTES) return null;
  return {
    tag: packet.readUInt32BE(12 + STAMP_OFFSET),
    track: packet.readUInt32BE(12 + STAMP_OFFSET + 4),
    frame: packet.readUInt32BE(12 + STAMP_OFFSET + 8),
    sentAt: packet.readDoubleBE(12 + STAMP_OFFSET + 12),
  };
}

/** The clock the stamps use, comparable across processes of one machine. */
export function stampClock(): number {
  return performance.timeOrigin + performance.now();
}

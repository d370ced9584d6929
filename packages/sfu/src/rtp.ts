/**
 * Reading and rewriting the fixed RTP header (RFC 3550 section 5.1) in place. Plain byte
 * arithmetic: these run for every packet the SFU receives and every copy it sends, so they
 * allocate nothing and never throw.
 */

/** The fixed header: version, flags, payload type, sequence number, timestamp, SSRC. */
export const RTP_HEADER_BYTES = 12;

/**
 * Whether a packet on an RTP/RTCP-multiplexed track is RTCP (RFC 5761 section 4: the second
 * byte of RTCP is a packet type from 192 to 223, which RTP payload types never take there).
 */
export function isRtcp(packet: Uint8Array): boolean {
  const type = packet[1] ?? 0;
  return type >= 192 && type <= 223;
}

/** The payload type (7 bits, without the marker bit). */
export function payloadTypeOf(packet: Uint8Array): number {
  return (packet[1] ?? 0) & 0x7f;
}

/** The 16-bit sequence number. */
export function sequenceOf(packet: Uint8Array): number {
  return ((packet[2] ?? 0) << 8) | (packet[3] ?? 0);
}

/** The 32-bit media timestamp. */
export function timestampOf(packet: Uint8Array): number {
  return readUint32(packet, 4);
}

/** The synchronisation source. */
export function ssrcOf(packet: Uint8Array): number {
  return readUint32(packet, 8);
}

/**
 * Where the payload starts, after the CSRC list and the header extension, or -1 when the
 * packet is too short to hold what its header announces.
 */
export function payloadOffsetOf(packet: Uint8Array): number {
  const first = packet[0] ?? 0;
  let offset = RTP_HEADER_BYTES + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (packet.length < offset + 4) return -1;
    const words = ((packet[offset + 2] ?? 0) << 8) | (packet[offset + 3] ?? 0);
    offset += 4 + words * 4;
  }
  return offset <= packet.length ? offset : -1;
}

/**
 * Writes the fields a forwarded copy changes: payload type (the marker bit is kept),
 * sequence number, timestamp and SSRC. Everything after the fixed header stays as it came.
 */
export function rewriteHeader(
  packet: Uint8Array,
  payloadType: number,
  sequence: number,
  timestamp: number,
  ssrc: number,
): void {
  packet[1] = ((packet[1] ?? 0) & 0x80) | payloadType;
  packet[2] = (sequence >>> 8) & 0xff;
  packet[3] = sequence & 0xff;
  writeUint32(packet, 4, timestamp);
  writeUint32(packet, 8, ssrc);
}

/** Big-endian unsigned 32-bit read at `offset`. */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)) >>>
    0
  );
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/**
 * How far `sequence` is ahead of `reference` in 16-bit sequence space: 1 to 32767 ahead,
 * 0 the same, negative behind (a late or repeated packet).
 */
export function sequenceDistance(sequence: number, reference: number): number {
  const forward = (sequence - reference) & 0xffff;
  return forward < 0x8000 ? forward : forward - 0x10000;
}

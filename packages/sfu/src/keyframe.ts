import { payloadOffsetOf } from './rtp.ts';

/** The video codecs the SFU forwards. */
export type VideoCodec = 'VP8' | 'H264';

/**
 * Whether an RTP packet starts a keyframe, so that a viewer switched to a new source can
 * begin there: a decoder fed from the middle of a picture group shows garbage until the
 * next keyframe.
 */
export function startsKeyframe(codec: VideoCodec, packet: Uint8Array): boolean {
  const offset = payloadOffsetOf(packet);
  if (offset < 0 || offset >= packet.length) return false;
  return codec === 'VP8' ? startsVp8Keyframe(packet, offset) : startsH264Keyframe(packet, offset);
}

/**
 * VP8 (RFC 7741): the first packet of a partition 0 (S bit set, partition index 0) whose
 * payload header has the inverse keyframe bit P clear.
 */
function startsVp8Keyframe(packet: Uint8Array, offset: number): boolean {
  const descriptor = packet[offset] ?? 0;
  if ((descriptor & 0x10) === 0 || (descriptor & 0x07) !== 0) return false;
  let index = offset + 1;
  if (descriptor & 0x80) {
    const extension = packet[index] ?? 0;
    index += 1;
    if (extension & 0x80) index += (packet[index] ?? 0) & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (extension & 0x40) index += 1; // TL0PICIDX
    if (extension & 0x30) index += 1; // TID / KEYIDX
  }
  return index < packet.length && ((packet[index] ?? 1) & 0x01) === 0;
}

/** NAL unit types that open an H.264 keyframe: an IDR slice, or the SPS sent before it. */
function opensH264Keyframe(nalType: number): boolean {
  return nalType === 5 || nalType === 7;
}

/**
 * H.264 (RFC 6184): a single NAL unit, an aggregation (STAP-A) holding one, or the first
 * fragment (FU-A with the start bit) of one, that is an SPS or an IDR slice.
 */
function startsH264Keyframe(packet: Uint8Array, offset: number): boolean {
  const nalType = (packet[offset] ?? 0) & 0x1f;
  if (nalType === 24) {
    let index = offset + 1;
    while (index + 2 < packet.length) {
      const size = ((packet[index] ?? 0) << 8) | (packet[index + 1] ?? 0);
      if (opensH264Keyframe((packet[index + 2] ?? 0) & 0x1f)) return true;
      index += 2 + size;
    }
    return false;
  }
  if (nalType === 28) {
    const header = packet[offset + 1] ?? 0;
    return (header & 0x80) !== 0 && opensH264Keyframe(header & 0x1f);
  }
  return opensH264Keyframe(nalType);
}

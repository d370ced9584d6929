import { readUint32 } from './rtp.ts';

/** What a viewer's RTCP asks of the stream the SFU sends it. */
export type ViewerFeedback = {
  /** Sequence numbers reported lost by generic NACKs. */
  readonly lost: number[];
  /** A picture loss indication (PLI) or a full intra request (FIR): a keyframe is wanted. */
  readonly keyframeWanted: boolean;
};

const TRANSPORT_FEEDBACK = 205;
const PAYLOAD_FEEDBACK = 206;
const GENERIC_NACK = 1;
const PICTURE_LOSS = 1;
const FULL_INTRA_REQUEST = 4;

/**
 * Reads the feedback about `mediaSsrc` in a (possibly compound) RTCP packet: generic NACKs
 * (RFC 4585 section 6.2.1), PLI (6.3.1) and FIR (RFC 5104 section 4.3.1). libdatachannel
 * hands a compound packet to every track whose SSRC it mentions, so feedback about another
 * SSRC is skipped. Malformed lengths end the walk; what was read before them counts.
 */
export function readViewerFeedback(packet: Uint8Array, mediaSsrc: number): ViewerFeedback {
  const lost: number[] = [];
  let keyframeWanted = false;
  let offset = 0;
  while (offset + 4 <= packet.length) {
    const first = packet[offset] ?? 0;
    const type = packet[offset + 1] ?? 0;
    const length = ((((packet[offset + 2] ?? 0) << 8) | (packet[offset + 3] ?? 0)) + 1) * 4;
    const end = offset + length;
    if (first >> 6 !== 2 || end > packet.length) break;
    const format = first & 0x1f;
    if (length >= 12) {
      const aboutThisStream = readUint32(packet, offset + 8) === mediaSsrc;
      if (type === TRANSPORT_FEEDBACK && format === GENERIC_NACK && aboutThisStream) {
        for (let entry = offset + 12; entry + 4 <= end; entry += 4) {
          const packetId = ((packet[entry] ?? 0) << 8) | (packet[entry + 1] ?? 0);
          const bitmask = ((packet[entry + 2] ?? 0) << 8) | (packet[entry + 3] ?? 0);
          lost.push(packetId);
          for (let bit = 0; bit < 16; bit += 1)
            if (bitmask & (1 << bit)) lost.push((packetId + bit + 1) & 0xffff);
        }
      } else if (type === PAYLOAD_FEEDBACK && format === PICTURE_LOSS && aboutThisStream) {
        keyframeWanted = true;
      } else if (type === PAYLOAD_FEEDBACK && format === FULL_INTRA_REQUEST) {
        // The FIR's media source field is unused: each 8-byte entry names the SSRC it asks.
        for (let entry = offset + 12; entry + 8 <= end; entry += 8)
          if (readUint32(packet, entry) === mediaSsrc) keyframeWanted = true;
      }
    }
    offset = end;
  }
  return { lost, keyframeWanted };
}

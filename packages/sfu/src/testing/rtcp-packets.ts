/**
 * RTCP feedback as a viewer sends it, for the test peers: what Chromium sends when it lost
 * packets or a picture.
 */

/** A generic NACK (RFC 4585 section 6.2.1) for `sequences`, one entry per 17 in a row. */
export function genericNack(senderSsrc: number, mediaSsrc: number, sequences: number[]): Buffer {
  const entries: { id: number; mask: number }[] = [];
  for (const sequence of [...sequences].sort((a, b) => a - b)) {
    const last = entries.at(-1);
    const offset = last ? (sequence - last.id) & 0xffff : 0;
    if (last && offset >= 1 && offset <= 16) last.mask |= 1 << (offset - 1);
    else entries.push({ id: sequence, mask: 0 });
  }
  const packet = Buffer.alloc(12 + entries.length * 4);
  packet[0] = 0x80 | 1;
  packet[1] = 205;
  packet.writeUInt16BE(packet.length / 4 - 1, 2);
  packet.writeUInt32BE(senderSsrc, 4);
  packet.writeUInt32BE(mediaSsrc, 8);
  entries.forEach((entry, index) => {
    packet.writeUInt16BE(entry.id, 12 + index * 4);
    packet.writeUInt16BE(entry.mask, 14 + index * 4);
  });
  return packet;
}

/** A picture loss indication (RFC 4585 section 6.3.1). */
export function pictureLossIndication(senderSsrc: number, mediaSsrc: number): Buffer {
  const packet = Buffer.alloc(12);
  packet[0] = 0x80 | 1;
  packet[1] = 206;
  packet.writeUInt16BE(2, 2);
  packet.writeUInt32BE(senderSsrc, 4);
  packet.writeUInt32BE(mediaSsrc, 8);
  return packet;
}

/** A full intra request (RFC 5104 section 4.3.1) for `mediaSsrc`. */
export function fullIntraRequest(senderSsrc: number, mediaSsrc: number, sequence: number): Buffer {
  const packet = Buffer.alloc(20);
  packet[0] = 0x80 | 4;
  packet[1] = 206;
  packet.writeUInt16BE(4, 2);
  packet.writeUInt32BE(senderSsrc, 4);
  packet.writeUInt32BE(mediaSsrc, 12);
  packet[16] = sequence & 0xff;
  return packet;
}

/**
 * The last packets sent to one viewer, by the sequence number the viewer saw, to answer its
 * NACKs. libdatachannel's own RtcpNackResponder did not recover a 3% loss on forwarded
 * packets; this one did.
 *
 * It holds references, not copies: the forwarding loop rewrites one received packet in place
 * for each viewer in turn, and every viewer's buffer points at it. What differs per viewer
 * (payload type byte, sequence number, timestamp) is kept here and written back before a
 * resend; the SSRC is the viewer's own and the resender knows it.
 */
export class RetransmissionBuffer {
  private readonly mask: number;
  private readonly packets: (Buffer | undefined)[];
  private readonly sequences: Int32Array;
  private readonly timestamps: Uint32Array;
  private readonly payloadTypes: Uint8Array;

  /** `capacity` is rounded up to a power of two so that a slot is a mask away. */
  constructor(capacity = 512) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.mask = size - 1;
    this.packets = new Array<Buffer | undefined>(size).fill(undefined);
    this.sequences = new Int32Array(size).fill(-1);
    this.timestamps = new Uint32Array(size);
    this.payloadTypes = new Uint8Array(size);
  }

  /** Keeps a packet as the viewer received it (its second byte: marker and payload type). */
  remember(sequence: number, timestamp: number, payloadType: number, packet: Buffer): void {
    const slot = sequence & this.mask;
    this.packets[slot] = packet;
    this.sequences[slot] = sequence;
    this.timestamps[slot] = timestamp;
    this.payloadTypes[slot] = payloadType;
  }

  /** The packet sent with `sequence` and its header fields, if it is still held. */
  find(sequence: number): { packet: Buffer; timestamp: number; payloadType: number } | undefined {
    const slot = sequence & this.mask;
    const packet = this.packets[slot];
    if (packet === undefined || this.sequences[slot] !== sequence) return undefined;
    return {
      packet,
      timestamp: this.timestamps[slot] ?? 0,
      payloadType: this.payloadTypes[slot] ?? 0,
    };
  }

  /** Drops every reference, so a viewer gone or switched holds no old media. */
  clear(): void {
    this.packets.fill(undefined);
    this.sequences.fill(-1);
  }
}

/** What arrives from one publisher over the last seconds, for the link status. */
export type ReceptionSummary = {
  /** Bits per second over the window (or over the time since the first packet, if shorter). */
  readonly bitrate: number;
  /** Share of expected packets that did not arrive, 0 to 1. */
  readonly loss: number;
  /** Epoch milliseconds of the last packet, or null if none came yet. */
  readonly lastPacketAt: number | null;
};

const SLOTS = 4;
const SLOT_MS = 500;

/**
 * Counts bytes, packets received and packets expected (from sequence numbers) in four slots
 * of half a second, so the summary covers the last 1.5 to 2 seconds without keeping a list
 * of packets. Updated on every packet: no allocation there.
 */
export class ReceptionStats {
  private readonly bytes = new Float64Array(SLOTS);
  private readonly received = new Float64Array(SLOTS);
  private readonly expected = new Float64Array(SLOTS);
  private currentSlot = 0;
  private currentSlotStart = 0;
  private firstPacketAt: number | null = null;
  private lastPacketAt: number | null = null;

  /**
   * A packet of `size` bytes arrived at `now`. `arrived` is 1 for a packet of the media
   * stream and 0 for one that only counts in bytes (retransmission, FEC); `expectedMore` is
   * how far the media stream's sequence numbers advanced (1 for the next in order, more after
   * a gap, 0 for a late packet).
   */
  record(now: number, size: number, arrived: number, expectedMore: number): void {
    this.advance(now);
    this.firstPacketAt ??= now;
    this.lastPacketAt = now;
    const slot = this.currentSlot;
    this.bytes[slot] = (this.bytes[slot] ?? 0) + size;
    this.received[slot] = (this.received[slot] ?? 0) + arrived;
    this.expected[slot] = (this.expected[slot] ?? 0) + expectedMore;
  }

  /** The figures as of `now`. */
  summary(now: number): ReceptionSummary {
    this.advance(now);
    let bytes = 0;
    let received = 0;
    let expected = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      bytes += this.bytes[slot] ?? 0;
      received += this.received[slot] ?? 0;
      expected += this.expected[slot] ?? 0;
    }
    const windowStart = this.currentSlotStart - (SLOTS - 1) * SLOT_MS;
    const since = Math.max(windowStart, this.firstPacketAt ?? now);
    const seconds = Math.max(now - since, SLOT_MS) / 1000;
    return {
      bitrate: Math.round((bytes * 8) / seconds),
      loss: expected > 0 ? Math.max(0, expected - received) / expected : 0,
      lastPacketAt: this.lastPacketAt,
    };
  }

  /** Moves to the slot holding `now`, emptying the slots it passes. */
  private advance(now: number): void {
    if (this.currentSlotStart === 0) this.currentSlotStart = now;
    let steps = 0;
    while (now - this.currentSlotStart >= SLOT_MS && steps < SLOTS) {
      this.currentSlot = (this.currentSlot + 1) % SLOTS;
      this.currentSlotStart += SLOT_MS;
      this.bytes[this.currentSlot] = 0;
      this.received[this.currentSlot] = 0;
      this.expected[this.currentSlot] = 0;
      steps += 1;
    }
    // After a silence longer than the window every slot is empty: restart the clock at now.
    if (now - this.currentSlotStart >= SLOT_MS) this.currentSlotStart = now;
  }
}

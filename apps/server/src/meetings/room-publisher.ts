/**
 * Sends what happens in a room at most once per `intervalMs`: the first news after a quiet
 * spell goes out at once, and whatever follows within the interval waits and goes out
 * together, in order, when it ends. A hall checking in at once then costs each follower a
 * handful of messages, not one per tablet; one message written to every socket in the room
 * is the server's largest cost under load.
 */
export class RoomPublisher<T> {
  private readonly pending = new Map<string, T[]>();
  private readonly lastSentAt = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly intervalMs: number;
  private readonly send: (room: string, items: readonly T[]) => void;

  constructor(intervalMs: number, send: (room: string, items: readonly T[]) => void) {
    this.intervalMs = intervalMs;
    this.send = send;
  }

  publish(room: string, items: readonly T[]): void {
    if (items.length === 0) return;
    const queued = this.pending.get(room);
    if (queued) queued.push(...items);
    else this.pending.set(room, [...items]);
    if (this.timers.has(room)) return;
    // The first news after a quiet spell goes out at once, yet after the answers of the work
    // that made it: those are on their way first, and the room's writes do not hold them up.
    const wait = Math.max(
      0,
      (this.lastSentAt.get(room) ?? -Infinity) + this.intervalMs - performance.now(),
    );
    // Unreferenced: a process stopping does not wait for it; clients catch up by seq on reconnect.
    this.timers.set(room, setTimeout(() => this.flush(room), wait).unref());
  }

  private flush(room: string): void {
    this.timers.delete(room);
    const items = this.pending.get(room);
    this.pending.delete(room);
    if (!items) return;
    this.lastSentAt.set(room, performance.now());
    this.send(room, items);
  }
}

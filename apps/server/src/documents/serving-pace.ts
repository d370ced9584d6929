/**
 * How fast this process sends papers' bytes, all readers together: a token bucket refilled
 * at `bytesPerSecond`, holding at most a quarter of a second's worth. Forty tablets taking a
 * 20 MB paper at once over loopback would otherwise take every CPU cycle the votes need; a
 * commune hall's network carries less than the default anyway, so a reader sees no
 * difference there, and the first page still comes first (ranges are small).
 */
export class ServingPace {
  private readonly bytesPerSecond: number;
  private readonly burst: number;
  private tokens: number;
  private refilledAt = performance.now();
  /** Readers waiting for their turn, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(bytesPerSecond: number) {
    this.bytesPerSecond = bytesPerSecond;
    this.burst = Math.max(1, bytesPerSecond / 4);
    this.tokens = this.burst;
  }

  /** Resolves when `bytes` may be sent; readers take their turns one after another. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.wait(bytes));
    this.queue = turn;
    return turn;
  }

  private async wait(bytes: number): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(
        this.burst,
        this.tokens + ((now - this.refilledAt) * this.bytesPerSecond) / 1000,
      );
      this.refilledAt = now;
      // A chunk larger than the burst goes once the bucket is full.
      const needed = Math.min(bytes, this.burst);
      if (this.tokens >= needed) {
        this.tokens -= needed;
        return;
      }
      const waitMs = ((needed - this.tokens) * 1000) / this.bytesPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
  }
}

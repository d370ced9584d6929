/**
 * Matches answers to requests sent over a channel that carries both in any order: each
 * request gets an id, its answer settles the promise kept under that id. When the other end
 * goes away, every request still waiting is rejected, so no caller waits forever.
 */
export class RequestCorrelator {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { readonly resolve: (value: unknown) => void; readonly reject: (error: Error) => void }
  >();

  /** A new request: the id to send with it, and the promise its answer settles. */
  open(): { readonly id: number; readonly answer: Promise<unknown> } {
    const id = this.nextId;
    this.nextId += 1;
    const answer = new Promise<unknown>((resolve, reject) =>
      this.waiting.set(id, { resolve, reject }),
    );
    return { id, answer };
  }

  /** Settles request `id` with its value; an unknown or settled id is ignored. */
  resolve(id: number, value: unknown): void {
    this.waiting.get(id)?.resolve(value);
    this.waiting.delete(id);
  }

  /** Fails request `id`; an unknown or settled id is ignored. */
  reject(id: number, error: Error): void {
    this.waiting.get(id)?.reject(error);
    this.waiting.delete(id);
  }

  /** Fails every request still waiting. */
  rejectAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  /** How many requests wait for their answer. */
  get pending(): number {
    return this.waiting.size;
  }
}

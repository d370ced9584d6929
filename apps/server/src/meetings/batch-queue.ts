type Waiting<I, R> = {
  readonly input: I;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
};

/** At most this many inputs share one write. */
const MAX_BATCH = 200;

/**
 * Inputs for one key (a meeting's commands, a poll's ballots) that arrive while the key's
 * previous batch is being written wait and then go in together, in arrival order, in one
 * write: a hall voting at once costs a few commits, not one per tablet. Keys never wait on
 * each other. `run` answers a batch with one result per input, in order.
 */
export class BatchQueue<I, R> {
  private readonly waiting = new Map<string, Waiting<I, R>[]>();
  private readonly flushing = new Set<string>();
  private readonly run: (key: string, inputs: readonly I[]) => Promise<readonly R[]>;

  constructor(run: (key: string, inputs: readonly I[]) => Promise<readonly R[]>) {
    this.run = run;
  }

  submit(key: string, input: I): Promise<R> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ input, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.flushing.has(key)) void this.flush(key);
    });
  }

  private async flush(key: string): Promise<void> {
    this.flushing.add(key);
    try {
      for (;;) {
        const queue = this.waiting.get(key) ?? [];
        if (queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const results = await this.run(
            key,
            batch.map((waiting) => waiting.input),
          );
          batch.forEach((waiting, index) => {
            const result = results[index];
            if (result === undefined) waiting.reject(new Error('no result for an input'));
            else waiting.resolve(result);
          });
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.waiting.delete(key);
      this.flushing.delete(key);
    }
  }
}

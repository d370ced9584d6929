import { describe, expect, it } from 'vitest';
import { ServingPace } from './serving-pace.ts';

const MB = 1024 * 1024;

describe('the pace papers are sent at', () => {
  it('lets a quarter of a second pass at once, then no more than its rate, all readers together', async () => {
    const pace = new ServingPace(8 * MB);
    const started = performance.now();
    // Four readers, 1 MB each in 64 KB chunks: 4 MB at 8 MB/s, 2 MB of it at once.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let sent = 0; sent < MB; sent += 64 * 1024) await pace.take(64 * 1024);
      }),
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(230);
    expect(elapsed).toBeLessThan(1500);
  });
});

import { describe, expect, it } from 'vitest';
import { ReceptionStats } from './reception-stats.ts';

describe('reception stats', () => {
  it('gives bitrate over the window and loss from the sequence gaps', () => {
    const stats = new ReceptionStats();
    const start = 1_000_000;
    // Two seconds of 100 packets a second, 1000 bytes each; every tenth one lost.
    for (let index = 0; index < 200; index += 1) {
      const lost = index % 10 === 9;
      if (!lost) stats.record(start + index * 10, 1000, 1, index % 10 === 0 && index > 0 ? 2 : 1);
    }
    const summary = stats.summary(start + 2000);
    expect(summary.bitrate).toBeGreaterThan(600_000);
    expect(summary.bitrate).toBeLessThan(900_000);
    expect(summary.loss).toBeCloseTo(0.1, 1);
    expect(summary.lastPacketAt).toBe(start + 1980);
  });

  it('counts retransmissions in the bitrate only, and forgets what is older than the window', () => {
    const stats = new ReceptionStats();
    stats.record(5000, 1000, 1, 1);
    stats.record(5001, 1000, 0, 0);
    expect(stats.summary(5100).loss).toBe(0);
    expect(stats.summary(5100).bitrate).toBe(32_000);
    const later = stats.summary(20_000);
    expect(later).toEqual({ bitrate: 0, loss: 0, lastPacketAt: 5001 });
  });

  it('says nothing came when nothing did', () => {
    expect(new ReceptionStats().summary(Date.now())).toEqual({
      bitrate: 0,
      loss: 0,
      lastPacketAt: null,
    });
  });
});

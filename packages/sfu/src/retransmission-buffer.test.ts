import { describe, expect, it } from 'vitest';
import { RetransmissionBuffer } from './retransmission-buffer.ts';

describe('retransmission buffer', () => {
  it('finds the last 512 packets by sequence, across the wrap, and forgets older ones', () => {
    const buffer = new RetransmissionBuffer(512);
    const sent = new Map<number, Buffer>();
    for (let index = 0; index < 600; index += 1) {
      const sequence = (65300 + index) & 0xffff;
      const packet = Buffer.from([index & 0xff]);
      sent.set(sequence, packet);
      buffer.remember(sequence, index * 3000, 96, packet);
    }
    const newest = (65300 + 599) & 0xffff;
    expect(buffer.find(newest)).toEqual({
      packet: sent.get(newest),
      timestamp: 599 * 3000,
      payloadType: 96,
    });
    const oldestKept = (65300 + 600 - 512) & 0xffff;
    expect(buffer.find(oldestKept)?.packet).toBe(sent.get(oldestKept));
    expect(buffer.find((oldestKept - 1) & 0xffff)).toBeUndefined();
    expect(buffer.find(65300)).toBeUndefined();
  });

  it('holds nothing after clear', () => {
    const buffer = new RetransmissionBuffer(16);
    buffer.remember(5, 1, 96, Buffer.alloc(1));
    buffer.clear();
    expect(buffer.find(5)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { RequestCorrelator } from './request-correlator.ts';

describe('request correlator', () => {
  it('settles each request by its own id, in any order, once', async () => {
    const correlator = new RequestCorrelator();
    const first = correlator.open();
    const second = correlator.open();
    expect(first.id).not.toBe(second.id);
    correlator.resolve(second.id, 'two');
    correlator.reject(first.id, new Error('one failed'));
    correlator.resolve(first.id, 'too late');
    await expect(second.answer).resolves.toBe('two');
    await expect(first.answer).rejects.toThrow('one failed');
    expect(correlator.pending).toBe(0);
  });

  it('fails every waiting request when the other end goes away', async () => {
    const correlator = new RequestCorrelator();
    const waiting = [correlator.open(), correlator.open()];
    correlator.rejectAll(new Error('gone'));
    for (const { answer } of waiting) await expect(answer).rejects.toThrow('gone');
  });
});

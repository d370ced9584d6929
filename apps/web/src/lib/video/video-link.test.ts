import { describe, expect, it } from 'vitest';
import { qualityForLink } from './video-link.ts';

describe("a viewer's quality follows its link", () => {
  it('goes low when packets go missing or the bandwidth is short', () => {
    expect(qualityForLink({ loss: 0.08, available: undefined, current: 'high' })).toBe('low');
    expect(qualityForLink({ loss: 0, available: 400_000, current: 'high' })).toBe('low');
  });

  it('comes back high only once the link is clearly good, and holds in between', () => {
    expect(qualityForLink({ loss: 0, available: 2_000_000, current: 'low' })).toBe('high');
    expect(qualityForLink({ loss: 0, available: undefined, current: 'low' })).toBe('high');
    // Some loss, not much: no swinging back and forth.
    expect(qualityForLink({ loss: 0.03, available: undefined, current: 'low' })).toBe('low');
    expect(qualityForLink({ loss: 0.03, available: undefined, current: 'high' })).toBe('high');
    expect(qualityForLink({ loss: 0, available: 900_000, current: 'low' })).toBe('low');
  });
});

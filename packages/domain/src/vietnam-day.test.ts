import { describe, expect, it } from 'vitest';
import { vietnamDay } from './vietnam-day.ts';

describe('the day in Vietnam', () => {
  it('turns at midnight in Hà Nội, not at midnight UTC', () => {
    expect(vietnamDay(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(vietnamDay(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });
});

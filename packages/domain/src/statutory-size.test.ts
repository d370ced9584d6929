import { describe, expect, it } from 'vitest';
import { peakInOffice } from './statutory-size.ts';

const term = (startsOn: string, endsOn: string | null = null, votingRight = true) => ({
  votingRight,
  startsOn,
  endsOn,
});

describe('members in office against the statutory size', () => {
  it('T3 counts the most members with a vote in office on any one day from today on', () => {
    const terms = [
      term('2025-07-01'),
      term('2025-07-01', '2026-03-31'),
      // Each starts after the one before ends: they never sit together.
      term('2026-04-01', '2026-05-31'),
      term('2026-06-01'),
      term('2025-07-01', null, false),
    ];
    expect(peakInOffice(terms, '2026-01-05')).toBe(2);
    expect(peakInOffice([...terms, term('2026-02-01', '2026-02-28')], '2026-01-05')).toBe(3);
    // Terms that ended before today count for nothing.
    expect(peakInOffice([term('2020-01-01', '2025-06-30')], '2026-01-05')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_RULES, type Threshold } from './body-rules.ts';
import { meetsThreshold, requiredCount } from './thresholds.ts';

const half: Threshold = { comparison: 'more_than', numerator: 1, denominator: 2 };
const twoThirds: Threshold = { comparison: 'at_least', numerator: 2, denominator: 3 };

describe('T1: thresholds are integer tests against the total', () => {
  it.each([
    [25, 13, 17],
    [24, 13, 16],
    [30, 16, 20],
    [9, 5, 6],
    [1, 1, 1],
    [2, 2, 2],
    [3, 2, 2],
  ])('T1 with %i seats: more than half is %i, two thirds is %i', (total, more, atLeast) => {
    expect(requiredCount(total, half)).toBe(more);
    expect(requiredCount(total, twoThirds)).toBe(atLeast);
    expect(meetsThreshold(more, total, half)).toBe(true);
    expect(meetsThreshold(more - 1, total, half)).toBe(false);
    expect(meetsThreshold(atLeast, total, twoThirds)).toBe(true);
    expect(meetsThreshold(atLeast - 1, total, twoThirds)).toBe(false);
  });

  it('T1 agrees with meetsThreshold for every count up to 500 seats', () => {
    for (let total = 1; total <= 500; total += 1) {
      for (const threshold of [half, twoThirds]) {
        const required = requiredCount(total, threshold);
        expect(meetsThreshold(required, total, threshold)).toBe(true);
        expect(meetsThreshold(required - 1, total, threshold)).toBe(false);
      }
    }
  });

  it('Q1 Q2 Q3 Q4: councils, committees and the Party need two thirds present; the Front has no quorum', () => {
    expect(DEFAULT_BODY_RULES.peoples_council.quorum).toEqual(twoThirds);
    expect(DEFAULT_BODY_RULES.peoples_committee.quorum).toEqual(twoThirds);
    expect(DEFAULT_BODY_RULES.party_executive_committee.quorum).toEqual(twoThirds);
    expect(DEFAULT_BODY_RULES.fatherland_front_committee.quorum).toBeNull();
  });
});

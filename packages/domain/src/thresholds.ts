import type { Threshold } from './body-rules.ts';
import type { Localized } from './localized.ts';

/**
 * Whether `count` out of `total` meets a threshold, in integers only (rule T1): "more than
 * half" is count * 2 > total, "at least two thirds" is count * 3 >= total * 2.
 *
 * @example
 * meetsThreshold(13, 25, { comparison: 'more_than', numerator: 1, denominator: 2 }) // true
 * meetsThreshold(16, 25, { comparison: 'at_least', numerator: 2, denominator: 3 }) // false
 */
export function meetsThreshold(count: number, total: number, threshold: Threshold): boolean {
  const left = count * threshold.denominator;
  const right = total * threshold.numerator;
  return threshold.comparison === 'more_than' ? left > right : left >= right;
}

/**
 * The smallest count that meets a threshold out of `total`.
 *
 * @example
 * requiredCount(25, { comparison: 'more_than', numerator: 1, denominator: 2 }) // 13
 * requiredCount(25, { comparison: 'at_least', numerator: 2, denominator: 3 }) // 17
 */
export function requiredCount(total: number, threshold: Threshold): number {
  const exact = Math.floor((total * threshold.numerator) / threshold.denominator);
  const reachesExactly = exact * threshold.denominator === total * threshold.numerator;
  return threshold.comparison === 'more_than' || !reachesExactly ? exact + 1 : exact;
}

const FRACTION_WORDS: Readonly<Record<string, Localized>> = {
  '1/2': { vi: 'nửa', en: 'half' },
  '2/3': { vi: 'hai phần ba', en: 'two thirds' },
  '3/4': { vi: 'ba phần tư', en: 'three quarters' },
};

/**
 * A threshold in words, to put before "of the total number of delegates": "quá nửa",
 * "ít nhất hai phần ba".
 *
 * @example
 * thresholdWords({ comparison: 'more_than', numerator: 1, denominator: 2 }) // { vi: 'quá nửa', en: 'more than half' }
 */
export function thresholdWords(threshold: Threshold): Localized {
  const fraction = FRACTION_WORDS[`${threshold.numerator}/${threshold.denominator}`] ?? {
    vi: `${threshold.numerator}/${threshold.denominator}`,
    en: `${threshold.numerator}/${threshold.denominator}`,
  };
  return threshold.comparison === 'more_than'
    ? { vi: `quá ${fraction.vi}`, en: `more than ${fraction.en}` }
    : { vi: `ít nhất ${fraction.vi}`, en: `at least ${fraction.en}` };
}

import type { BodyKind } from './body-kinds.ts';

/**
 * A share of the body's TOTAL membership, tested with integers only:
 * `more_than` 1/2 means count * 2 > total; `at_least` 2/3 means count * 3 >= total * 2.
 */
export type Threshold = {
  readonly comparison: 'more_than' | 'at_least';
  readonly numerator: number;
  readonly denominator: number;
};

/** How a body decides. Stored per body, so a council can differ from the defaults. */
export type BodyRules = {
  /** Who must be present for the meeting to proceed; null where no rule applies. */
  readonly quorum: Threshold | null;
  /** What passes a motion; `consensus` shows the tally with no pass or fail. */
  readonly passing: Threshold | 'consensus';
  /** On an exact tie, the side the chair voted with wins (People's Committee). */
  readonly chairBreaksTies: boolean;
  /** The words on the ballot, since councils word the third choice differently. */
  readonly voteLabels: {
    readonly inFavour: string;
    readonly against: string;
    readonly notVoting: string;
  };
  /** Where the rules come from; '(check)' marks a secondary source. */
  readonly source: string;
};

const MORE_THAN_HALF: Threshold = { comparison: 'more_than', numerator: 1, denominator: 2 };
const TWO_THIRDS: Threshold = { comparison: 'at_least', numerator: 2, denominator: 3 };
const STANDARD_LABELS = {
  inFavour: 'Tán thành',
  against: 'Không tán thành',
  notVoting: 'Không biểu quyết',
} as const;

/**
 * The rules each kind of body starts with (see DOMAIN: "rules to encode").
 *
 * @example
 * DEFAULT_BODY_RULES.peoples_council.quorum // { comparison: 'at_least', numerator: 2, denominator: 3 }
 */
export const DEFAULT_BODY_RULES: Readonly<Record<BodyKind, BodyRules>> = {
  peoples_council: {
    quorum: TWO_THIRDS,
    passing: MORE_THAN_HALF,
    chairBreaksTies: false,
    voteLabels: STANDARD_LABELS,
    source: 'Luật Tổ chức chính quyền địa phương 2015 điều 78; Luật 72/2025/QH15 điều 35 (check)',
  },
  peoples_committee: {
    quorum: TWO_THIRDS,
    passing: MORE_THAN_HALF,
    chairBreaksTies: true,
    voteLabels: STANDARD_LABELS,
    source:
      'Luật Tổ chức chính quyền địa phương 2015 điều 113-114; Nghị định 315/2025/NĐ-CP (check)',
  },
  party_executive_committee: {
    quorum: TWO_THIRDS,
    passing: MORE_THAN_HALF,
    chairBreaksTies: false,
    voteLabels: STANDARD_LABELS,
    source: 'Điều lệ Đảng điều 9 khoản 5; Quy định 24-QĐ/TW mục 9.3.3',
  },
  party_standing_committee: {
    quorum: TWO_THIRDS,
    passing: MORE_THAN_HALF,
    chairBreaksTies: false,
    voteLabels: STANDARD_LABELS,
    source: 'Điều lệ Đảng điều 9 khoản 5; Quy định 24-QĐ/TW mục 9.3.3',
  },
  fatherland_front_committee: {
    quorum: null,
    passing: 'consensus',
    chairBreaksTies: false,
    voteLabels: STANDARD_LABELS,
    source: 'Điều lệ Mặt trận Tổ quốc Việt Nam (hiệp thương dân chủ)',
  },
};

import type { BodyKind } from '@hopxa/domain';

/**
 * How a body's papers are laid out, as data: the two renderers read it and never branch on
 * the body. State bodies follow Decree 30/2020/NĐ-CP (Appendix I's rules, form 1.9 "Biên
 * bản" of Appendix III); Party committees the Party's document-format guidance
 * (Hướng dẫn 36-HD/VPTW of 2018); the Fatherland Front uses the state layout under its own
 * name. Every size is in typographic points, every length in millimetres.
 */
export type Layout = {
  /** A4, portrait. */
  readonly marginsMm: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
  };
  /**
   * The issuing body's lines from the names setup holds: the body above in plain capitals
   * (none for a state body), then the issuer in bold capitals.
   */
  readonly issuerOf: (names: {
    readonly bodyName: string;
    readonly communeName: string;
    readonly provinceName: string;
  }) => { readonly above: string | null; readonly name: string };
  /** The header's left column (the issuing body); the right takes the rest. */
  readonly issuerColumnMm: number;
  /** The issuing body's lines: the body above, in plain capitals, then the issuer in bold. */
  readonly issuerSizePt: number;
  /**
   * The right column's heading: Quốc hiệu with Tiêu ngữ for state bodies, the Party's name
   * for a Party committee. `underlined` puts a solid line as long as the text under it.
   */
  readonly nation: {
    readonly lines: readonly { readonly text: string; readonly sizePt: number }[];
    readonly underlined: boolean;
  };
  /** A short line under the issuer (state), or the Party's star (*) under it. */
  readonly issuerMark: 'line' | 'star';
  /** Where the place and date go: under the nation's heading, in italics. */
  readonly dateSizePt: number;
  readonly titleSizePt: number;
  readonly bodySizePt: number;
  readonly firstLineIndentMm: number;
  readonly paragraphAfterPt: number;
  readonly recipientsLabelSizePt: number;
  readonly recipientsSizePt: number;
  /**
   * The number line, its number left blank to be written in: "Số:      /BB-HĐND" for the
   * state, "Số      -BB/ĐU" (no colon) for the Party. The symbols are Decree 30's: BB a record,
   * DS a list, GTT a summons, GM an invitation, BC a report.
   */
  readonly numberOf: (paper: 'BB' | 'DS' | 'GTT' | 'GM' | 'BC') => string;
  /** Who signs the minutes: the one who kept them (left) and the one who chaired (right). */
  readonly signers: { readonly record: string; readonly chair: string };
};

const STATE_MARGINS = { top: 20, bottom: 20, left: 30, right: 15 } as const;

const upper = (text: string) => text.toLocaleUpperCase('vi-VN');

const stateLayout = (issuerSymbol: string): Layout => ({
  issuerOf: ({ bodyName }) => ({ above: null, name: upper(bodyName) }),
  marginsMm: STATE_MARGINS,
  // At most 70 mm on the left, at least 97 mm on the right (Appendix I).
  issuerColumnMm: 65,
  issuerSizePt: 13,
  nation: {
    lines: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', sizePt: 12 },
      { text: 'Độc lập - Tự do - Hạnh phúc', sizePt: 14 },
    ],
    underlined: true,
  },
  issuerMark: 'line',
  dateSizePt: 14,
  titleSizePt: 14,
  bodySizePt: 14,
  firstLineIndentMm: 10,
  paragraphAfterPt: 6,
  recipientsLabelSizePt: 12,
  recipientsSizePt: 11,
  numberOf: (paper) => `Số:      /${paper}-${issuerSymbol}`,
  signers: { record: 'THƯ KÝ', chair: 'CHỦ TỌA' },
});

const partyLayout: Layout = {
  // The commune's Party committee under the province's Party organisation.
  issuerOf: ({ communeName, provinceName }) => ({
    above: `ĐẢNG BỘ ${upper(provinceName)}`,
    name: `ĐẢNG ỦY ${upper(communeName)}`,
  }),
  marginsMm: STATE_MARGINS,
  issuerColumnMm: 80,
  issuerSizePt: 14,
  nation: { lines: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', sizePt: 15 }], underlined: true },
  issuerMark: 'star',
  dateSizePt: 14,
  titleSizePt: 15,
  bodySizePt: 14,
  firstLineIndentMm: 10,
  paragraphAfterPt: 6,
  recipientsLabelSizePt: 12,
  recipientsSizePt: 11,
  numberOf: (paper) => `Số      -${paper}/ĐU`,
  signers: { record: 'NGƯỜI GHI BIÊN BẢN', chair: 'CHỦ TRÌ HỘI NGHỊ' },
};

/** Each kind of body's layout. */
export const LAYOUTS: Readonly<Record<BodyKind, Layout>> = {
  peoples_council: stateLayout('HĐND'),
  peoples_committee: stateLayout('UBND'),
  party_executive_committee: partyLayout,
  party_standing_committee: partyLayout,
  fatherland_front_committee: stateLayout('MTTQ'),
};

/**
 * The province office's (Văn phòng Ủy ban nhân dân tỉnh), a state body's layout: the
 * province's People's Committee above, the office below, as Decree 30 names an issuer under
 * its managing body.
 */
export const PROVINCE_OFFICE_LAYOUT: Layout = {
  ...stateLayout('VPUBND'),
  issuerOf: ({ provinceName }) => ({
    above: `ỦY BAN NHÂN DÂN ${upper(provinceName)}`,
    name: 'VĂN PHÒNG',
  }),
};

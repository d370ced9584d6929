import type { Layout } from './layouts.ts';

/** A stretch of text in one style. */
export type Run = { readonly text: string; readonly bold?: boolean; readonly italic?: boolean };

/** What a paper's body is made of; both renderers draw each the same way. */
export type Block =
  /** A paragraph of the body: justified, its first line indented. */
  | { readonly kind: 'paragraph'; readonly runs: readonly Run[] }
  /** A heading inside the body (an agenda item, a part of a list), bold. */
  | { readonly kind: 'heading'; readonly text: string }
  /** A table with a header row; each column's share of the text width. */
  | {
      readonly kind: 'table';
      readonly columns: readonly { readonly title: string; readonly share: number }[];
      readonly rows: readonly (readonly string[])[];
    };

/**
 * One paper of a sitting, in words only: who issues it, its number, place and date, title and
 * subject, its body, who signs it. The layout decides how it looks.
 */
export type Paper = {
  readonly layout: Layout;
  /** The body above the issuer (plain capitals), then the issuer (bold capitals). */
  readonly issuer: { readonly above: string | null; readonly name: string };
  /** The number line, e.g. "Số: /BB-HĐND" (the number is written in by hand, as on paper). */
  readonly number: string;
  /** E.g. "Sông Công, ngày 15 tháng 12 năm 2026"; none on the minutes (form 1.9 has none). */
  readonly placeAndDate: string | null;
  /** E.g. "BIÊN BẢN", "DANH SÁCH". */
  readonly title: string;
  /** What the paper is of, under the title, e.g. "Kỳ họp thứ nhất Hội đồng nhân dân ...". */
  readonly subject: string;
  readonly blocks: readonly Block[];
  /** Signatures, left to right: THƯ KÝ on the left, CHỦ TỌA on the right. */
  readonly signatures: readonly { readonly role: string; readonly name: string }[];
  /** "Nơi nhận:" and its list; none for a list that is not sent. */
  readonly recipients: readonly string[];
  /** Where the record stood when the paper was made, so paper and record can be compared. */
  readonly recordNote: string;
};

/**
 * Every string of a paper in Unicode NFC: a Vietnamese mark typed as a separate combining
 * character prints displaced in a PDF and compares unequal in a search.
 */
export function normalized(paper: Paper): Paper {
  const nfc = (text: string) => text.normalize('NFC');
  return {
    ...paper,
    issuer: {
      above: paper.issuer.above === null ? null : nfc(paper.issuer.above),
      name: nfc(paper.issuer.name),
    },
    number: nfc(paper.number),
    placeAndDate: paper.placeAndDate === null ? null : nfc(paper.placeAndDate),
    title: nfc(paper.title),
    subject: nfc(paper.subject),
    blocks: paper.blocks.map((block): Block => {
      switch (block.kind) {
        case 'paragraph':
          return { ...block, runs: block.runs.map((run) => ({ ...run, text: nfc(run.text) })) };
        case 'heading':
          return { ...block, text: nfc(block.text) };
        case 'table':
          return {
            ...block,
            columns: block.columns.map((column) => ({ ...column, title: nfc(column.title) })),
            rows: block.rows.map((row) => row.map(nfc)),
          };
      }
    }),
    signatures: paper.signatures.map((signature) => ({
      role: nfc(signature.role),
      name: nfc(signature.name),
    })),
    recipients: paper.recipients.map(nfc),
    recordNote: nfc(paper.recordNote),
  };
}

/** The text of a paper in reading order, one line per paragraph or cell: what both files hold. */
export function paperText(paper: Paper): string[] {
  const text = normalized(paper);
  const { layout } = text;
  return [
    ...(text.issuer.above ? [text.issuer.above] : []),
    text.issuer.name,
    text.number,
    ...layout.nation.lines.map((line) => line.text),
    ...(text.placeAndDate ? [text.placeAndDate] : []),
    text.title,
    text.subject,
    ...text.blocks.flatMap((block) => {
      switch (block.kind) {
        case 'paragraph':
          return [block.runs.map((run) => run.text).join('')];
        case 'heading':
          return [block.text];
        case 'table':
          return [...block.columns.map((column) => column.title), ...block.rows.flat()];
      }
    }),
    ...text.signatures.flatMap((signature) => [signature.role, signature.name]),
    ...(text.recipients.length > 0 ? ['Nơi nhận:', ...text.recipients] : []),
    text.recordNote,
  ];
}

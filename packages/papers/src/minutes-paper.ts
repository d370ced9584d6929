import { groupedHex, headFingerprint, vietnamDay, type MeetingState } from '@hopxa/domain';
import { LAYOUTS } from './layouts.ts';
import type { Block, Paper, Run } from './paper.ts';
import { isItemHeading } from './proceedings.ts';
import { frame, recordWords, type SittingFacts } from './sitting-papers.ts';
import { clockWords, dateWords } from './words.ts';

/** A node of the minutes' document as the editor stores it (ProseMirror JSON). */
type DocNode = {
  readonly type?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly marks?: readonly { readonly type: string }[];
  readonly content?: readonly DocNode[];
};

/** A paragraph's text as runs, one list per line: a line break starts a new paragraph. */
function linesOf(nodes: readonly DocNode[] = []): Run[][] {
  const lines: Run[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'hardBreak') lines.push([]);
    else if (node.type === 'text' && node.text) {
      const marks = new Set((node.marks ?? []).map((mark) => mark.type));
      lines.at(-1)?.push({
        text: node.text,
        ...(marks.has('bold') && { bold: true }),
        ...(marks.has('italic') && { italic: true }),
      });
    }
  }
  return lines.filter((runs) => runs.some((run) => run.text.trim() !== ''));
}

const paragraphs = (lines: readonly Run[][], prefix = ''): Block[] =>
  lines.map((runs, index) => ({
    kind: 'paragraph',
    runs: index === 0 && prefix ? [{ text: prefix }, ...runs] : runs,
  }));

/** The blocks of the paper a node of the minutes prints as; `prefix` marks a list's item. */
function blocksOf(node: DocNode, prefix = ''): Block[] {
  switch (node.type) {
    case 'paragraph':
    case 'codeBlock':
      return paragraphs(linesOf(node.content), prefix);
    case 'heading': {
      const text = linesOf(node.content)
        .flat()
        .map((run) => run.text)
        .join('');
      return text.trim() ? [{ kind: 'heading', text: `${prefix}${text}` }] : [];
    }
    case 'proceedings': {
      const text = String(node.attrs?.text ?? '');
      return isItemHeading(String(node.attrs?.source ?? ''))
        ? [{ kind: 'heading', text: `${prefix}${text}` }]
        : paragraphs([[{ text }]], prefix);
    }
    case 'bulletList':
      return (node.content ?? []).flatMap((item) => itemBlocks(item, '- '));
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return (node.content ?? []).flatMap((item, index) => itemBlocks(item, `${start + index}. `));
    }
    case 'horizontalRule':
      return [];
    default:
      // A blockquote, or a node this printer does not know: its content, as written.
      return (node.content ?? []).flatMap((child) => blocksOf(child, prefix));
  }
}

/** A list item: its mark before its first line, the rest as they are. */
function itemBlocks(item: DocNode, mark: string): Block[] {
  return (item.content ?? []).flatMap((child, index) => blocksOf(child, index === 0 ? mark : ''));
}

/** "11:05 ngày 15 tháng 12 năm 2026": when a sign-off happened. */
const momentWords = (iso: string) => `${clockWords(iso)} ${dateWords(vietnamDay(new Date(iso)))}`;

/**
 * The minutes (biên bản) of a sitting in the body's official form (Decree 30's form 1.9 for
 * state bodies, the Party's for a Party committee): the secretaries' document as it is kept,
 * its approved addenda after it, signed by the one who kept it and the one who chaired, and
 * where the record stood when it was submitted, with its SHA-256, so paper and record can be
 * held against each other.
 */
export function minutesPaper(state: MeetingState, facts: SittingFacts, doc: unknown): Paper {
  const layout = LAYOUTS[facts.bodyKind];
  const { submission, approval, addenda } = state.minutes;
  const approvedAddenda = addenda.filter((addendum) => addendum.approvedAt !== null);
  const blocks: Block[] = [
    ...blocksOf(doc as DocNode),
    ...approvedAddenda.flatMap((addendum, index): Block[] => [
      {
        kind: 'heading',
        text: `Bổ sung số ${index + 1} (${addendum.approvedBy ?? ''} duyệt lúc ${momentWords(addendum.approvedAt ?? '')})`,
      },
      ...paragraphs(addendum.text.split('\n').map((line) => [{ text: line }])),
    ]),
  ];
  const signed =
    submission && approval
      ? `Biên bản đã được ${approval.approvedBy} duyệt lúc ${momentWords(approval.at)}. Mã SHA-256 của nội dung: ${groupedHex(submission.sha256)}. ${recordWords({ seq: submission.logSeq, fingerprint: headFingerprint(submission.logHash) })}`
      : `Bản dự thảo, chưa được duyệt. ${recordWords(facts.head)}`;
  return frame(facts, 'BB', {
    title: 'BIÊN BẢN',
    subject: facts.title,
    placeAndDate: null,
    blocks,
    signatures: [
      { role: layout.signers.record, name: submission?.submittedBy ?? facts.secretaries[0] ?? '' },
      { role: layout.signers.chair, name: approval?.approvedBy ?? facts.presiding },
    ],
    recipients: ['- Các thành viên dự họp;', '- Lưu: VT, Hồ sơ.'],
    recordNote: signed,
  });
}

import {
  BODY_KIND_VALUES,
  BODY_KIND_NAMES,
  summarizeSitting,
  vietnamDay,
  type BodyRules,
  type MeetingState,
  type MeetingStatus,
  type PollOutcome,
  type SittingSummary,
} from '@hopxa/domain';
import { PROVINCE_OFFICE_LAYOUT } from './layouts.ts';
import type { Block, Paper } from './paper.ts';
import { clockWords, dateWords, OUTCOME_WORDS } from './words.ts';

/** A closed poll of a sitting as the day summary lists it. */
export type DayPollResult = {
  readonly title: string;
  readonly outcome: PollOutcome;
  /** A motion's counts, those who returned no ballot counted as not voting; null for an election. */
  readonly tally: {
    readonly inFavour: number;
    readonly against: number;
    readonly notVoting: number;
  } | null;
  /** Those an election elected, with their votes. */
  readonly elected: readonly { readonly name: string; readonly votes: number }[];
};

/** One sitting on the day summary: its commune, its board summary (B1) and its results. */
export type DaySitting = {
  readonly communeName: string;
  /** As the notice has it (NT1, NT2). */
  readonly title: string;
  readonly summary: SittingSummary;
  /** When the sitting was opened (ISO 8601); null while it has not been. */
  readonly openedAt: string | null;
  /** The body's own words for a motion's answers. */
  readonly voteLabels: BodyRules['voteLabels'];
  readonly results: readonly DayPollResult[];
};

/** What the province office's summary of a day covers. */
export type DaySummaryFacts = {
  /** E.g. "Tỉnh Thái Nguyên". */
  readonly provinceName: string;
  /** The Vietnam day summarised (YYYY-MM-DD). */
  readonly day: string;
  /** When the summary was made (ISO 8601): sittings still under way change after it. */
  readonly madeAt: string;
  /** How many communes and wards the province has, with a sitting that day or not. */
  readonly communeCount: number;
  readonly sittings: readonly DaySitting[];
};

/**
 * A sitting as the day summary needs it, from its state as its log now ends: its board
 * summary (B1) and its closed polls' results (an annulled poll's result counts for nothing).
 */
export function daySitting(state: MeetingState, communeName: string, now: Date): DaySitting {
  // The paper prints no alert of the video links, which the log does not hold.
  const summary = summarizeSitting(state, { pointsDown: 0 }, now);
  const results = state.polls.flatMap((poll): DayPollResult[] => {
    const result = poll.result;
    if (poll.status !== 'closed' || !result) return [];
    return [
      {
        title: poll.title,
        outcome: result.outcome,
        tally:
          poll.kind === 'election'
            ? null
            : {
                inFavour: result.tally.inFavour,
                against: result.tally.against,
                notVoting: result.tally.notVoting + result.didNotVote,
              },
        elected: result.candidates
          .filter((candidate) => candidate.elected)
          .map((candidate) => ({ name: candidate.name, votes: candidate.votes })),
      },
    ];
  });
  return {
    communeName,
    title: state.notice?.title ?? '',
    summary,
    openedAt: state.openedAt,
    voteLabels: state.rules.voteLabels,
    results,
  };
}

/** Where a sitting stands, as the province office writes it. */
export const DAY_STATUS_WORDS: Readonly<Record<MeetingStatus, string>> = {
  draft: 'Chưa triệu tập',
  convened: 'Chưa khai mạc',
  open: 'Đang họp',
  closed: 'Đã bế mạc',
};

/** Said of a convened sitting not opened a quarter of an hour after its time (B1). */
export const NOT_OPENED_ON_TIME_WORDS = 'Không khai mạc đúng giờ';

/** "15/12/2026": a day as a title or a table writes it. */
const shortDate = (day: string) => day.split('-').reverse().join('/');

/** "tỉnh Thái Nguyên" inside a sentence. */
const inSentence = (name: string) => `${name.charAt(0).toLocaleLowerCase('vi-VN')}${name.slice(1)}`;

/** "Tỉnh Thái Nguyên" → "Thái Nguyên": the place name a date line starts with, however typed. */
const placeName = (province: string) =>
  province.normalize('NFC').replace(/^(tỉnh|thành phố)\s+/i, '');

/** "08 giờ 05 ngày 15 tháng 12 năm 2026". */
const momentWords = (iso: string) => {
  const [hours, minutes] = clockWords(iso).split(':');
  return `${hours} giờ ${minutes} ${dateWords(vietnamDay(new Date(iso)))}`;
};

const collator = new Intl.Collator('vi');

/** By commune name the Vietnamese way, then the bodies in their usual order, then the time. */
function inOrder(sittings: readonly DaySitting[]): DaySitting[] {
  const rank = (sitting: DaySitting) => BODY_KIND_VALUES.indexOf(sitting.summary.bodyKind);
  return [...sittings].sort(
    (a, b) =>
      collator.compare(a.communeName, b.communeName) ||
      rank(a) - rank(b) ||
      (a.summary.startsAt ?? '').localeCompare(b.summary.startsAt ?? ''),
  );
}

/** The body, the sitting's title and when it was to start (with its day if not this one). */
function sittingWords({ title, summary }: DaySitting, day: string): string {
  const body = BODY_KIND_NAMES[summary.bodyKind].name.vi;
  const startsAt = summary.startsAt;
  const time =
    startsAt === null
      ? ''
      : vietnamDay(new Date(startsAt)) === day
        ? clockWords(startsAt)
        : `${clockWords(startsAt)} ngày ${shortDate(vietnamDay(new Date(startsAt)))}`;
  return [body, [title, time].filter(Boolean).join(', ')].filter(Boolean).join('\n');
}

function statusWords({ summary }: DaySitting): string {
  const late = summary.alerts.includes('not_opened_on_time');
  return [DAY_STATUS_WORDS[summary.status], ...(late ? [NOT_OPENED_ON_TIME_WORDS] : [])].join('\n');
}

function quorumWords({ summary }: DaySitting): string {
  const lost = summary.alerts.includes('quorum_lost');
  return [`${summary.present}/${summary.inOffice}`, ...(lost ? ['Không đủ túc số'] : [])].join(
    '\n',
  );
}

/** "Thông qua chương trình: Thông qua (Tán thành 7, Không tán thành 1, Không biểu quyết 1)". */
function resultWords(result: DayPollResult, labels: BodyRules['voteLabels']): string {
  const counts = result.tally
    ? [
        `${labels.inFavour} ${result.tally.inFavour}`,
        `${labels.against} ${result.tally.against}`,
        `${labels.notVoting} ${result.tally.notVoting}`,
      ]
    : result.elected.map((person) => `${person.name} ${person.votes} phiếu`);
  const outcome = OUTCOME_WORDS[result.outcome];
  return `${result.title}: ${outcome}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`;
}

/** A sitting's results, one a line, each marked as an item of a list when there are more. */
function resultsWords(sitting: DaySitting): string {
  const lines = sitting.results.map((result) => resultWords(result, sitting.voteLabels));
  return lines.map((line) => (lines.length > 1 ? `- ${line}` : line)).join('\n');
}

/** The totals: how many sittings, where they stand, and the results by outcome. */
function totals(facts: DaySummaryFacts): Block[] {
  const { sittings } = facts;
  const count = (status: MeetingStatus) =>
    sittings.filter((sitting) => sitting.summary.status === status).length;
  const late = sittings.filter((sitting) =>
    sitting.summary.alerts.includes('not_opened_on_time'),
  ).length;
  const communes = new Set(sittings.map((sitting) => sitting.summary.communeId)).size;
  const results = sittings.flatMap((sitting) => sitting.results);
  const byOutcome = (Object.keys(OUTCOME_WORDS) as PollOutcome[])
    .map((outcome) => ({
      outcome,
      n: results.filter((result) => result.outcome === outcome).length,
    }))
    .filter(({ n }) => n > 0)
    .map(({ outcome, n }) => `${OUTCOME_WORDS[outcome].toLocaleLowerCase('vi-VN')}: ${n}`);
  const line = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });
  return [
    line(
      `Tổng số kỳ họp, cuộc họp: ${sittings.length}, tại ${communes}/${facts.communeCount} xã, phường.`,
    ),
    line(
      `Đã bế mạc: ${count('closed')}; đang họp: ${count('open')}; chưa khai mạc: ${count('convened')}${late > 0 ? ` (không khai mạc đúng giờ: ${late})` : ''}.`,
    ),
    line(
      `Số lần biểu quyết, bầu cử đã có kết quả: ${results.length}${byOutcome.length > 0 ? ` (${byOutcome.join('; ')})` : ''}.`,
    ),
  ];
}

/**
 * The province office's summary of a day (báo cáo tổng hợp) in Decree 30's layout: the
 * province's People's Committee over its office, the report's number left to write in, the
 * date it was made; then each sitting of the day's board (B4), by commune and body, with its
 * status (not opened on time when so), quorum as members present of those in office, and
 * each closed poll's result in words and counts; then the totals, and when the figures stood.
 */
export function daySummaryPaper(facts: DaySummaryFacts): Paper {
  const layout = PROVINCE_OFFICE_LAYOUT;
  const rows: string[][] = [];
  let previous: string | null = null;
  for (const [index, sitting] of inOrder(facts.sittings).entries()) {
    rows.push([
      String(index + 1),
      // The commune once, over its bodies' sittings.
      sitting.communeName === previous ? '' : sitting.communeName,
      sittingWords(sitting, facts.day),
      statusWords(sitting),
      quorumWords(sitting),
      resultsWords(sitting),
    ]);
    previous = sitting.communeName;
  }
  const province = inSentence(facts.provinceName);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      runs: [
        {
          text: `Văn phòng Ủy ban nhân dân ${province} tổng hợp các kỳ họp, cuộc họp của Hội đồng nhân dân, Ủy ban nhân dân, Ban Chấp hành Đảng bộ và Ủy ban Mặt trận Tổ quốc Việt Nam các xã, phường ngày ${shortDate(facts.day)}, số liệu đến ${momentWords(facts.madeAt)}, như sau:`,
        },
      ],
    },
    { kind: 'heading', text: 'I. CÁC KỲ HỌP, CUỘC HỌP' },
    rows.length === 0
      ? {
          kind: 'paragraph',
          runs: [{ text: 'Trong ngày không có kỳ họp, cuộc họp nào của cấp xã.' }],
        }
      : {
          kind: 'table',
          columns: [
            { title: 'STT', share: 0.08 },
            { title: 'Xã, phường', share: 0.15 },
            { title: 'Cơ quan, cuộc họp', share: 0.21 },
            { title: 'Tình trạng', share: 0.14 },
            { title: 'Có mặt/ tổng số', share: 0.12 },
            { title: 'Kết quả biểu quyết', share: 0.3 },
          ],
          rows,
        },
    { kind: 'heading', text: 'II. TỔNG HỢP' },
    ...totals(facts),
  ];
  return {
    layout,
    issuer: layout.issuerOf({ bodyName: '', communeName: '', provinceName: facts.provinceName }),
    number: layout.numberOf('BC'),
    placeAndDate: `${placeName(facts.provinceName)}, ${dateWords(vietnamDay(new Date(facts.madeAt)))}`,
    title: 'BÁO CÁO',
    subject: `Tổng hợp các kỳ họp, cuộc họp của cấp xã ngày ${shortDate(facts.day)}`,
    blocks,
    // The signer on the right half, as the form places it; signed and named by hand.
    signatures: [
      { role: '', name: '' },
      { role: 'CHÁNH VĂN PHÒNG', name: '' },
    ],
    recipients: [
      '- Thường trực Tỉnh ủy;',
      '- Thường trực HĐND tỉnh;',
      '- Lãnh đạo UBND tỉnh;',
      '- Lưu: VT.',
    ],
    recordNote: `Lập lúc ${momentWords(facts.madeAt)} từ sổ ghi sự kiện của ${facts.sittings.length} kỳ họp, cuộc họp, mỗi sổ đã được kiểm tra từng liên kết.`,
  };
}

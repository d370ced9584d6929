import {
  BODY_KIND_NAMES,
  DOCUMENT_KIND_NAMES,
  vietnamDay,
  type AgendaItemState,
  type BodyKind,
  type DocumentKind,
  type MeetingState,
} from '@hopxa/domain';
import { LAYOUTS } from './layouts.ts';
import type { Block, Paper, Run } from './paper.ts';
import { frame, type SittingFacts } from './sitting-papers.ts';
import { clockWords, dateWords } from './words.ts';

/**
 * How each kind of body words its notice: a People's Council and a Party committee summon
 * (giấy triệu tập), a People's Committee and the Fatherland Front invite (giấy mời); who
 * convenes, whom, and who signs for whom. The signer's capacity ("TM. ...") and post are two
 * lines of one role (Decree 30, Appendix I, part II.9; for the Party "T/M").
 */
export type NoticeWords = {
  /** Its symbol in the number: GTT (giấy triệu tập) or GM (giấy mời), Decree 30 Appendix III. */
  readonly symbol: 'GTT' | 'GM';
  /** Who convenes, from the body's name: "Thường trực Hội đồng nhân dân phường ...". */
  readonly convener: (bodyName: string) => string;
  /** "triệu tập" or "trân trọng kính mời". */
  readonly verb: string;
  /** One of the people summoned: "đại biểu", "thành viên", "đồng chí ủy viên", "ủy viên". */
  readonly member: string;
  /** How the closing sentence asks: "Đề nghị" (summoned) or "Rất mong" (invited). */
  readonly request: string;
  /** The signature block's lines above the signature: capacity, then post. */
  readonly signer: readonly string[];
};

const summons = {
  symbol: 'GTT',
  verb: 'triệu tập',
  request: 'Đề nghị',
} as const;
const invitation = {
  symbol: 'GM',
  verb: 'trân trọng kính mời',
  request: 'Rất mong',
} as const;

/** Each kind of body's notice words, in one table. */
export const NOTICE_WORDS: Readonly<Record<BodyKind, NoticeWords>> = {
  peoples_council: {
    ...summons,
    convener: (bodyName) => `Thường trực ${bodyName}`,
    member: BODY_KIND_NAMES.peoples_council.member.vi,
    signer: ['TM. THƯỜNG TRỰC HĐND', 'CHỦ TỊCH'],
  },
  peoples_committee: {
    ...invitation,
    convener: (bodyName) => `Chủ tịch ${bodyName}`,
    member: BODY_KIND_NAMES.peoples_committee.member.vi,
    signer: ['CHỦ TỊCH'],
  },
  party_executive_committee: {
    ...summons,
    convener: (bodyName) => bodyName,
    member: `đồng chí ${BODY_KIND_NAMES.party_executive_committee.member.vi}`,
    signer: ['T/M BAN CHẤP HÀNH', 'BÍ THƯ'],
  },
  party_standing_committee: {
    ...summons,
    convener: (bodyName) => bodyName,
    member: `đồng chí ${BODY_KIND_NAMES.party_standing_committee.member.vi}`,
    signer: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
  },
  fatherland_front_committee: {
    ...invitation,
    convener: (bodyName) => `Ban Thường trực ${bodyName}`,
    member: BODY_KIND_NAMES.fatherland_front_committee.member.vi,
    signer: ['TM. BAN THƯỜNG TRỰC', 'CHỦ TỊCH'],
  },
};

/** A paper sent with the notice, as the documents table holds it. */
export type NoticeDocument = {
  readonly title: string;
  readonly kind: DocumentKind;
  /** The agenda item it is filed under; null for the meeting as a whole. */
  readonly agendaItemId: string | null;
  /** When it was filed (ISO 8601); without it, papers under one item keep the order given. */
  readonly uploadedAt?: string;
  /** A withdrawn paper is not sent; ISO 8601 or null. */
  readonly withdrawnAt?: string | null;
};

/** What a notice names besides the record and the meeting's setup. */
export type NoticeFacts = {
  /** When the meeting was convened (ISO 8601): the notice's date; null leaves it blank. */
  readonly convenedAt: string | null;
  readonly documents: readonly NoticeDocument[];
};

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** "thứ Hai" for a Monday: the weekday of a calendar day (yyyy-mm-dd). */
export function weekdayWords(day: string): string {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
}

/** Dots to write on by hand, as printed forms leave them. */
const blank = (length: number) => '.'.repeat(length);

/**
 * When a meeting starts, in Vietnam's time, as a notice says it: "Vào lúc 08 giờ 00 phút, thứ
 * Hai, ngày 07 tháng 12 năm 2026"; unset, the same words with dots to fill in by hand.
 */
export function meetingTimeWords(startsAt: string | null): string {
  if (startsAt === null)
    return `Vào lúc ${blank(6)} giờ ${blank(6)} phút, ${blank(10)}, ngày ${blank(6)} tháng ${blank(6)} năm ${blank(8)}`;
  const [hours, minutes] = clockWords(startsAt).split(':');
  const day = vietnamDay(new Date(startsAt));
  return `Vào lúc ${hours} giờ ${minutes} phút, ${weekdayWords(day)}, ${dateWords(day)}`;
}

/**
 * The papers a notice lists: those not withdrawn, the meeting's own (under no item) first,
 * then by their item's place in the agenda as it reads (each item before its parts, and a
 * part by its parent's place), each item's papers in the order they were filed. A paper
 * under an item no longer on the agenda comes last.
 */
export function noticeDocuments(
  agenda: readonly Pick<AgendaItemState, 'id'>[],
  documents: readonly NoticeDocument[],
): NoticeDocument[] {
  const place = new Map(agenda.map((item, index) => [item.id, index]));
  const rank = (document: NoticeDocument) =>
    document.agendaItemId === null ? -1 : (place.get(document.agendaItemId) ?? agenda.length);
  return documents
    .filter((document) => !document.withdrawnAt)
    .map((document) => ({
      document,
      rank: rank(document),
      at: document.uploadedAt ? Date.parse(document.uploadedAt) : 0,
    }))
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .map(({ document }) => document);
}

const line = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const label = (text: string): Run => ({ text, bold: true });

/** "Kỳ họp thứ nhất ..." → "kỳ họp thứ nhất ..." inside a sentence; another title as it is. */
function titleInSentence(title: string, bodyKind: BodyKind): string {
  const meeting = BODY_KIND_NAMES[bodyKind].meeting.vi;
  const composed = title.normalize('NFC');
  return composed.startsWith(meeting)
    ? `${meeting.toLocaleLowerCase('vi-VN')}${composed.slice(meeting.length)}`
    : composed;
}

/**
 * The meeting's notice (giấy triệu tập or giấy mời) in the body's official layout: the body's
 * own word for it and its number symbol, dated the day it was convened; to whom, who convenes
 * them to what; the time (weekday, hour, day in Vietnam's time) and place, dotted to fill in by
 * hand while unset; the agenda as it now stands, its items numbered and their parts under them;
 * the papers sent with it, title and kind; the request to come on time and read the papers on
 * the tablets; the body's signer (the body's chair by name, else blank for a wet signature);
 * and "Nơi nhận".
 */
export function noticePaper(state: MeetingState, facts: SittingFacts, notice: NoticeFacts): Paper {
  const layout = LAYOUTS[facts.bodyKind];
  const words = NOTICE_WORDS[facts.bodyKind];
  const headings = state.agenda.filter((item) => item.parentId === null);
  const agenda = headings.flatMap((heading, index): Block[] => [
    line({ text: `${index + 1}. ${heading.title}` }),
    ...state.agenda
      .filter((item) => item.parentId === heading.id)
      .map((item) => line({ text: `- ${item.title}` })),
  ]);
  const documents = noticeDocuments(state.agenda, notice.documents);
  const chair = state.roster.find((member) => member.position === 'chair');
  const paper = frame(
    // The date line is the day the notice went out, not the day of the meeting.
    { ...facts, startsAt: notice.convenedAt },
    'DS',
    {
      title: BODY_KIND_NAMES[facts.bodyKind].notice.vi.toLocaleUpperCase('vi'),
      subject: facts.title,
      blocks: [
        line(label('Kính gửi: '), { text: `Các ${words.member} ${facts.bodyName}.` }),
        line({
          text: `${words.convener(facts.bodyName)} ${words.verb} các ${words.member} đến dự ${titleInSentence(facts.title, facts.bodyKind)}, cụ thể như sau:`,
        }),
        line(label('Thời gian: '), { text: `${meetingTimeWords(facts.startsAt)}.` }),
        line(label('Địa điểm: '), { text: facts.place ? `${facts.place}.` : blank(90) }),
        line(label('Chương trình:')),
        ...agenda,
        ...(documents.length === 0
          ? []
          : [
              line(label('Tài liệu gửi kèm:')),
              ...documents.map((document, index) =>
                line({
                  text: `${index + 1}. ${document.title} (${DOCUMENT_KIND_NAMES[document.kind].vi}).`,
                }),
              ),
            ]),
        line({
          text: `${words.request} các ${words.member} đến dự đầy đủ, đúng giờ và nghiên cứu trước tài liệu trên máy tính bảng./.`,
        }),
      ],
      // The signer on the right half, as the form places it; the left half is left empty.
      signatures: [
        { role: '', name: '' },
        { role: words.signer.join('\n'), name: chair?.fullName ?? '' },
      ],
      recipients: ['- Như trên;', '- Lưu: VT, Hồ sơ.'],
    },
  );
  // The number with the notice's own symbol (GTT, GM) in the body's form of number line.
  return { ...paper, number: layout.numberOf(words.symbol) };
}

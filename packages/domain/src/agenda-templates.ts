import type { AgendaItemKind } from './agenda-item-kinds.ts';
import { BODY_KIND_NAMES, type BodyKind } from './body-kinds.ts';
import type { Localized } from './localized.ts';

/** One line of an agenda template; `children` nest one level, as agendas do. */
export type AgendaTemplateItem = {
  readonly title: Localized;
  readonly kind: AgendaItemKind;
  readonly durationMinutes: number;
  readonly children?: readonly AgendaTemplateItem[];
};

export type AgendaTemplate = {
  readonly meetingTitle: Localized;
  /** Where the order of business comes from. */
  readonly source: string;
  readonly items: readonly AgendaTemplateItem[];
};

const item = (
  vi: string,
  en: string,
  kind: AgendaItemKind,
  durationMinutes: number,
  children?: readonly AgendaTemplateItem[],
): AgendaTemplateItem => ({
  title: { vi, en },
  kind,
  durationMinutes,
  ...(children && { children }),
});

const opening = (openingSpeech: string, openingSpeechEn: string) =>
  item('Khai mạc', 'Opening', 'procedural', 25, [
    item('Chào cờ, hát Quốc ca', 'Flag salute and national anthem', 'procedural', 5),
    item('Giới thiệu đại biểu, khách mời', 'Introduction of delegates and guests', 'procedural', 5),
    item(openingSpeech, openingSpeechEn, 'procedural', 10),
    item('Biểu quyết thông qua chương trình', 'Vote to adopt the agenda', 'procedural', 5),
  ]);

/**
 * The agenda of each body's first meeting, from which a new meeting's draft agenda is made.
 * The People's Council follows Hướng dẫn 883/HD-UBTVQH14; the others the order of business
 * their first meetings kept in 2025 (working regulations, duties, work programme).
 *
 * @example
 * FIRST_MEETING_TEMPLATES.peoples_council.items[0]?.title.vi // 'Khai mạc'
 */
export const FIRST_MEETING_TEMPLATES: Readonly<Record<BodyKind, AgendaTemplate>> = {
  peoples_council: {
    meetingTitle: { vi: 'Kỳ họp thứ nhất', en: 'First session' },
    source: 'Hướng dẫn 883/HD-UBTVQH14',
    items: [
      opening('Phát biểu khai mạc kỳ họp', 'Opening speech'),
      item('Nội dung kỳ họp', 'Business of the session', 'procedural', 150, [
        item('Báo cáo kết quả xác nhận tư cách đại biểu', 'Credentials report', 'report', 10),
        item('Phát biểu của đại diện cấp ủy Đảng', 'Remarks of the Party committee', 'report', 10),
        item(
          'Bầu hoặc công bố chỉ định Chủ tịch, Phó Chủ tịch Hội đồng nhân dân, Trưởng ban của Hội đồng nhân dân',
          "Election or designation of the Council's Chair, Vice-Chair and heads of committees",
          'election',
          35,
        ),
        item(
          'Bầu hoặc công bố chỉ định Chủ tịch, Phó Chủ tịch, Ủy viên Ủy ban nhân dân',
          "Election or designation of the People's Committee's Chair, Vice-Chairs and members",
          'election',
          35,
        ),
        item('Báo cáo của Ủy ban Mặt trận Tổ quốc', 'Report of the Fatherland Front', 'report', 15),
        item(
          'Nghị quyết về kế hoạch tổ chức các kỳ họp',
          'Resolution on the plan of sessions',
          'resolution',
          20,
        ),
        item(
          'Nghị quyết về quy chế làm việc',
          'Resolution on the working regulations',
          'resolution',
          25,
        ),
      ]),
      item('Bế mạc', 'Closing', 'procedural', 15, [
        item(
          'Phát biểu bế mạc của Chủ tịch Hội đồng nhân dân',
          "Closing speech by the Council's Chair",
          'procedural',
          10,
        ),
        item('Chào cờ bế mạc', 'Closing flag salute', 'procedural', 5),
      ]),
    ],
  },
  peoples_committee: {
    meetingTitle: { vi: 'Phiên họp thứ nhất', en: 'First meeting' },
    source: 'Nghị định 315/2025/NĐ-CP (quy chế làm việc mẫu)',
    items: [
      opening('Tuyên bố lý do', 'Statement of purpose'),
      item(
        'Thông qua Quy chế làm việc của Ủy ban nhân dân',
        "Adoption of the Committee's working regulations",
        'resolution',
        30,
      ),
      item(
        'Phân công nhiệm vụ Chủ tịch, Phó Chủ tịch và Ủy viên Ủy ban nhân dân',
        'Assignment of duties to the Chair, Vice-Chairs and members',
        'resolution',
        20,
      ),
      item('Chương trình công tác năm', "The year's work programme", 'resolution', 30),
      item('Kết luận của Chủ tịch Ủy ban nhân dân', "The Chair's conclusions", 'procedural', 10),
    ],
  },
  party_executive_committee: {
    meetingTitle: { vi: 'Hội nghị lần thứ nhất', en: 'First plenary' },
    source: 'Điều lệ Đảng; Quy định 24-QĐ/TW',
    items: [
      opening('Phát biểu khai mạc hội nghị', 'Opening speech'),
      item(
        'Công bố quyết định chỉ định Ban Chấp hành, Ban Thường vụ, Bí thư, Phó Bí thư',
        'Announcement of the designation of the Executive and Standing Committees, Secretary and Deputy Secretaries',
        'designation',
        15,
      ),
      item(
        'Quy chế làm việc của Ban Chấp hành',
        "The Executive Committee's working regulations",
        'resolution',
        25,
      ),
      item(
        'Phân công nhiệm vụ ủy viên Ban Chấp hành',
        'Assignment of duties to members',
        'resolution',
        20,
      ),
      item('Chương trình làm việc toàn khóa', "The term's work programme", 'resolution', 20),
      item(
        'Kế hoạch chuẩn bị Đại hội Đảng bộ nhiệm kỳ 2025-2030',
        'Plan to prepare the 2025-2030 Party congress',
        'resolution',
        25,
      ),
      item('Bế mạc hội nghị', 'Closing', 'procedural', 10),
    ],
  },
  party_standing_committee: {
    meetingTitle: { vi: 'Hội nghị lần thứ nhất', en: 'First meeting' },
    source: 'Điều lệ Đảng; Quy định 24-QĐ/TW',
    items: [
      opening('Phát biểu khai mạc hội nghị', 'Opening speech'),
      item(
        'Quy chế làm việc của Ban Thường vụ',
        "The Standing Committee's working regulations",
        'resolution',
        25,
      ),
      item(
        'Phân công nhiệm vụ ủy viên Ban Thường vụ',
        'Assignment of duties to members',
        'resolution',
        20,
      ),
      item('Bế mạc hội nghị', 'Closing', 'procedural', 10),
    ],
  },
  fatherland_front_committee: {
    meetingTitle: { vi: 'Hội nghị lần thứ nhất', en: 'First conference' },
    source: 'Điều lệ Mặt trận Tổ quốc Việt Nam',
    items: [
      opening('Phát biểu khai mạc hội nghị', 'Opening speech'),
      item(
        'Công bố quyết định công nhận Ủy ban Mặt trận Tổ quốc',
        'Announcement of the decision recognising the Committee',
        'designation',
        10,
      ),
      item(
        'Hiệp thương cử Chủ tịch, Phó Chủ tịch, Ủy viên Ban Thường trực',
        'Election by consultation of the Chair, Vice-Chairs and Standing Board',
        'election',
        30,
      ),
      item(
        'Quy chế làm việc của Ủy ban Mặt trận Tổ quốc',
        "The Committee's working regulations",
        'resolution',
        20,
      ),
      item(
        'Chương trình phối hợp và thống nhất hành động',
        'Programme of coordination and joint action',
        'resolution',
        20,
      ),
      item('Bế mạc hội nghị', 'Closing', 'procedural', 10),
    ],
  },
};

/**
 * The kinds of meeting a body holds, each with its own agenda template: the first of the
 * term, a regular one, a thematic one (chuyên đề) and an extraordinary one (bất thường).
 */
export const MEETING_TEMPLATE_KINDS = ['first', 'regular', 'thematic', 'extraordinary'] as const;
export type MeetingTemplateKind = (typeof MEETING_TEMPLATE_KINDS)[number];

export const MEETING_TEMPLATE_NAMES: Readonly<Record<MeetingTemplateKind, Localized>> = {
  first: { vi: 'Đầu nhiệm kỳ (thứ nhất)', en: 'First of the term' },
  regular: { vi: 'Thường lệ', en: 'Regular' },
  thematic: { vi: 'Chuyên đề', en: 'Thematic' },
  extraordinary: { vi: 'Bất thường', en: 'Extraordinary' },
};

const closing = (speech: string, speechEn: string) =>
  item('Bế mạc', 'Closing', 'procedural', 15, [
    item(speech, speechEn, 'procedural', 10),
    item('Chào cờ bế mạc', 'Closing flag salute', 'procedural', 5),
  ]);

/** The business of a meeting on one subject: the submission, its review, debate and the vote. */
function onOneSubject(reason: readonly AgendaTemplateItem[]): AgendaTemplateItem {
  const lines = [
    ...reason,
    item('Tờ trình và dự thảo nghị quyết', 'Submission and draft resolution', 'report', 20),
    item('Báo cáo thẩm tra', 'Review report', 'report', 10),
    item('Thảo luận', 'Debate', 'procedural', 30),
    item('Biểu quyết thông qua nghị quyết', 'Vote on the resolution', 'resolution', 15),
  ];
  const minutes = lines.reduce((sum, line) => sum + line.durationMinutes, 0);
  return item('Nội dung', 'Business', 'procedural', minutes, lines);
}

const COUNCIL_REGULAR: AgendaTemplate = {
  meetingTitle: { vi: 'Kỳ họp thường lệ', en: 'Regular session' },
  source: 'Luật Tổ chức chính quyền địa phương 2025; Quy chế làm việc của Hội đồng nhân dân',
  items: [
    opening('Phát biểu khai mạc kỳ họp', 'Opening speech'),
    item('Nội dung kỳ họp', 'Business of the session', 'procedural', 170, [
      item(
        'Báo cáo của Thường trực Hội đồng nhân dân',
        "The Standing Board's report",
        'report',
        15,
      ),
      item(
        'Báo cáo của Ủy ban nhân dân về kinh tế - xã hội',
        "The People's Committee's economic and social report",
        'report',
        20,
      ),
      item(
        'Báo cáo của Ủy ban Mặt trận Tổ quốc về ý kiến, kiến nghị của cử tri',
        "The Fatherland Front's report on voters' views",
        'report',
        15,
      ),
      item('Báo cáo thẩm tra của các Ban', "The committees' review reports", 'report', 15),
      item('Thảo luận', 'Debate', 'procedural', 45),
      item('Chất vấn và trả lời chất vấn', 'Questions and answers', 'procedural', 30),
      item('Biểu quyết thông qua các nghị quyết', 'Votes on the resolutions', 'resolution', 30),
    ]),
    closing(
      'Phát biểu bế mạc của Chủ tịch Hội đồng nhân dân',
      "Closing speech by the Council's Chair",
    ),
  ],
};

/** A body's regular meeting outside the People's Council: reports, debate, decisions. */
const regularOf = (meetingTitle: Localized, source: string): AgendaTemplate => ({
  meetingTitle,
  source,
  items: [
    opening('Tuyên bố lý do, giới thiệu thành phần', 'Statement of purpose and attendance'),
    item('Báo cáo tình hình thực hiện nhiệm vụ', 'Report on the work done', 'report', 20),
    item('Thảo luận', 'Debate', 'procedural', 45),
    item('Biểu quyết các nội dung', 'Votes on the business', 'resolution', 20),
    item('Kết luận', 'Conclusions', 'procedural', 10),
  ],
});

/** A meeting on one subject, or called out of turn: the reason, the subject, the vote. */
const oneSubjectOf = (
  meetingTitle: Localized,
  source: string,
  reason: AgendaTemplateItem | null,
): AgendaTemplate => ({
  meetingTitle,
  source,
  items: [
    opening('Phát biểu khai mạc', 'Opening speech'),
    onOneSubject(reason ? [reason] : []),
    closing('Phát biểu bế mạc', 'Closing speech'),
  ],
});

const EXTRAORDINARY_REASON = item(
  'Tuyên bố lý do triệu tập bất thường',
  'Why the meeting was called out of turn',
  'procedural',
  5,
);

const SOURCES: Readonly<Record<BodyKind, string>> = {
  peoples_council:
    'Luật Tổ chức chính quyền địa phương 2025; Quy chế làm việc của Hội đồng nhân dân',
  peoples_committee: 'Nghị định 315/2025/NĐ-CP (quy chế làm việc mẫu)',
  party_executive_committee: 'Điều lệ Đảng; Quy định 24-QĐ/TW',
  party_standing_committee: 'Điều lệ Đảng; Quy định 24-QĐ/TW',
  fatherland_front_committee: 'Điều lệ Mặt trận Tổ quốc Việt Nam',
};

/**
 * The agenda a new meeting of a body is drafted from: the first meeting's own, or the
 * body's regular, thematic or extraordinary one.
 *
 * @example
 * meetingTemplate('peoples_council', 'extraordinary').items[1]?.children?.[0]?.title.vi
 * // 'Tuyên bố lý do triệu tập bất thường'
 */
export function meetingTemplate(kind: BodyKind, template: MeetingTemplateKind): AgendaTemplate {
  const { vi, en } = BODY_KIND_NAMES[kind].meeting;
  const words = { vi, en: en.toLowerCase() };
  switch (template) {
    case 'first':
      return FIRST_MEETING_TEMPLATES[kind];
    case 'regular':
      return kind === 'peoples_council'
        ? COUNCIL_REGULAR
        : regularOf({ vi: `${words.vi} thường lệ`, en: `Regular ${words.en}` }, SOURCES[kind]);
    case 'thematic':
      return oneSubjectOf(
        { vi: `${words.vi} chuyên đề`, en: `Thematic ${words.en}` },
        SOURCES[kind],
        null,
      );
    case 'extraordinary':
      return oneSubjectOf(
        { vi: `${words.vi} bất thường`, en: `Extraordinary ${words.en}` },
        SOURCES[kind],
        EXTRAORDINARY_REASON,
      );
  }
}

const ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/**
 * A meeting's title by its number in the body's term, as each body numbers them: "Kỳ họp
 * thứ hai" (People's Council), "Phiên họp thứ ba" (People's Committee), "Hội nghị lần thứ
 * tư" (Party, Front); a thematic or extraordinary one says so. Ordinals are words up to ten.
 *
 * @example
 * meetingTitle('peoples_council', 'extraordinary', 3) // 'Kỳ họp thứ ba (bất thường)'
 */
export function meetingTitle(
  kind: BodyKind,
  template: MeetingTemplateKind,
  number: number,
): string {
  const ordinal = `thứ ${ORDINALS[number - 1] ?? String(number)}`;
  const word = BODY_KIND_NAMES[kind].meeting.vi;
  const numbered =
    kind === 'peoples_council' || kind === 'peoples_committee'
      ? `${word} ${ordinal}`
      : `${word} lần ${ordinal}`;
  if (template === 'thematic') return `${numbered} (chuyên đề)`;
  if (template === 'extraordinary') return `${numbered} (bất thường)`;
  return numbered;
}

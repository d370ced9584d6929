import type { AgendaItemKind } from './agenda-item-kinds.ts';
import type { BodyKind } from './body-kinds.ts';
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

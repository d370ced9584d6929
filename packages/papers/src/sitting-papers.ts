import {
  ATTENDANCE_STATUS_NAMES,
  attendanceCounts,
  BODY_KIND_NAMES,
  compareVietnameseNames,
  isSecret,
  positionName,
  readRoll,
  shareOfTotalBp,
  thresholdWords,
  vietnamDay,
  type BodyKind,
  type MeetingState,
  type PollState,
} from '@hopxa/domain';
import { LAYOUTS } from './layouts.ts';
import type { Block, Paper } from './paper.ts';
import { dateWords, OUTCOME_WORDS, percentWords } from './words.ts';

/** What a paper names besides the record: the meeting as setup holds it. */
export type SittingFacts = {
  readonly title: string;
  readonly bodyName: string;
  readonly bodyKind: BodyKind;
  /** E.g. "Phường Sông Công". */
  readonly communeName: string;
  /** E.g. "Tỉnh Thái Nguyên"; a Party committee's papers name the province's Party body. */
  readonly provinceName: string;
  readonly place: string | null;
  readonly startsAt: string | null;
  readonly presiding: string;
  readonly secretaries: readonly string[];
  /** Where the record stood: its last event and that event's fingerprint. */
  readonly head: { readonly seq: number; readonly fingerprint: string };
};

/** "Phường Sông Công" → "Sông Công": the place name a date line starts with. */
const placeName = (commune: string) => commune.replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');

/** Where the record stood when a paper was made, printed at its foot. */
export const recordWords = (head: SittingFacts['head']) =>
  `Lập từ sổ ghi sự kiện của cuộc họp đến sự kiện #${head.seq}, dấu kiểm ${head.fingerprint}.`;

/** The parts every paper of a sitting shares: issuer, number, date, signatures, record. */
export function frame(
  facts: SittingFacts,
  paper: 'BB' | 'DS',
  rest: Pick<Paper, 'title' | 'subject' | 'blocks'> &
    Partial<Pick<Paper, 'signatures' | 'placeAndDate' | 'recipients' | 'recordNote'>>,
): Paper {
  const layout = LAYOUTS[facts.bodyKind];
  const day = facts.startsAt ? vietnamDay(new Date(facts.startsAt)) : null;
  return {
    layout,
    issuer: layout.issuerOf(facts),
    number: layout.numberOf(paper),
    placeAndDate: `${placeName(facts.communeName)}, ${day ? dateWords(day) : 'ngày    tháng    năm     '}`,
    ...rest,
    signatures: rest.signatures ?? [
      { role: layout.signers.record, name: facts.secretaries[0] ?? '' },
      { role: layout.signers.chair, name: facts.presiding },
    ],
    recipients: rest.recipients ?? [],
    recordNote: rest.recordNote ?? recordWords(facts.head),
  };
}

/** The attendance list: every member of the roster, sorted the Vietnamese way, with counts. */
export function attendancePaper(state: MeetingState, facts: SittingFacts): Paper {
  const words = BODY_KIND_NAMES[facts.bodyKind];
  const members = [...state.roster].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  const counts = attendanceCounts(state);
  const present = counts.present_in_hall + counts.present_online;
  return frame(facts, 'DS', {
    title: 'DANH SÁCH',
    subject: `${words.members.vi[0]?.toLocaleUpperCase('vi-VN')}${words.members.vi.slice(1)} dự ${facts.title}`,
    blocks: [
      {
        kind: 'paragraph',
        runs: [
          {
            text: `Tổng số ${words.members.vi}: ${state.roster.length}; có mặt: ${present}; vắng mặt: ${state.roster.length - present}.`,
          },
        ],
      },
      {
        kind: 'table',
        columns: [
          { title: 'STT', share: 0.08 },
          { title: 'Họ và tên', share: 0.32 },
          { title: 'Chức vụ', share: 0.22 },
          { title: 'Điểm danh', share: 0.2 },
          { title: 'Ghi chú', share: 0.18 },
        ],
        rows: members.map((member, index) => {
          const record = state.attendance[member.personId];
          return [
            String(index + 1),
            member.fullName,
            positionName(facts.bodyKind, member.position).vi,
            ATTENDANCE_STATUS_NAMES[record?.status ?? 'not_checked'].vi,
            record?.reason ?? record?.connectionPoint ?? '',
          ];
        }),
      },
    ],
  });
}

/** The agenda as the sitting ran it: items in order, their parts under them. */
export function agendaPaper(state: MeetingState, facts: SittingFacts): Paper {
  const headings = state.agenda.filter((item) => item.parentId === null);
  return frame(facts, 'DS', {
    title: 'CHƯƠNG TRÌNH',
    subject: facts.title,
    blocks: headings.flatMap((heading, index): Block[] => [
      { kind: 'heading', text: `${index + 1}. ${heading.title}` },
      ...state.agenda
        .filter((item) => item.parentId === heading.id)
        .map((item): Block => ({ kind: 'paragraph', runs: [{ text: `- ${item.title}` }] })),
    ]),
  });
}

/**
 * A poll's result sheet: for an open vote, the result with each member's vote named; for a
 * secret ballot or an election, the tellers' report (biên bản kiểm phiếu) signed by them.
 */
export function pollPaper(state: MeetingState, poll: PollState, facts: SittingFacts): Paper {
  const result = poll.result;
  if (!result) throw new Error('a poll has a paper only once it is closed');
  const labels = state.rules.voteLabels;
  const members = BODY_KIND_NAMES[facts.bodyKind].members.vi;
  const threshold =
    poll.threshold === 'consensus'
      ? `Căn cứ tính: tổng số ${result.membersInOffice} ${members}.`
      : `Cần ${thresholdWords(poll.threshold).vi} tổng số ${result.membersInOffice} ${members}: ít nhất ${result.required ?? 0} phiếu.`;
  const secret = isSecret(poll.kind);
  const tellerNames = state.roster
    .filter((member) => poll.tellers.includes(member.personId))
    .map((member) => member.fullName);
  const counts: Block = {
    kind: 'paragraph',
    runs: [
      {
        text: `Số phiếu phát ra: ${result.issued}; thu về: ${result.returned}; hợp lệ: ${result.valid}; không hợp lệ: ${result.invalid}${poll.kind === 'election' ? `; phiếu trắng: ${result.blank}` : ''}. Từ máy tính bảng: ${result.fromTablets}; thư ký ghi (giơ tay): ${result.entered.length}; phiếu giấy: ${result.paper?.returned ?? 0}.`,
      },
    ],
  };
  const choices: Block =
    poll.kind === 'election'
      ? {
          kind: 'table',
          columns: [
            { title: 'Ứng cử viên', share: 0.46 },
            { title: 'Số phiếu', share: 0.18 },
            { title: 'Tỷ lệ trên tổng số', share: 0.18 },
            { title: 'Kết quả', share: 0.18 },
          ],
          rows: result.candidates.map((candidate) => [
            candidate.name,
            String(candidate.votes),
            percentWords(candidate.shareOfTotalBp),
            candidate.elected ? 'Trúng cử' : candidate.tied ? 'Ngang phiếu' : '',
          ]),
        }
      : {
          kind: 'table',
          columns: [
            { title: 'Ý kiến', share: 0.5 },
            { title: 'Số phiếu', share: 0.25 },
            { title: 'Tỷ lệ trên tổng số', share: 0.25 },
          ],
          rows: [
            [labels.inFavour, result.tally.inFavour, result.tallyShareBp.inFavour],
            [labels.against, result.tally.against, result.tallyShareBp.against],
            [
              labels.notVoting,
              result.tally.notVoting + result.didNotVote,
              shareOfTotalBp(result.tally.notVoting + result.didNotVote, result.membersInOffice),
            ],
          ].map(([label, votes, share]) => [
            String(label),
            String(votes),
            percentWords(Number(share)),
          ]),
        };
  const roll: Block[] =
    secret || !poll.roll
      ? []
      : [
          { kind: 'heading', text: 'Biểu quyết của từng người' },
          {
            kind: 'table',
            columns: [
              { title: 'STT', share: 0.1 },
              { title: 'Họ và tên', share: 0.55 },
              { title: 'Biểu quyết', share: 0.35 },
            ],
            rows: readRoll(state.roster, poll.roll)
              .filter((entry) => entry.voted || entry.choice !== null)
              .map((entry, index) => [
                String(index + 1),
                entry.fullName,
                entry.choice === 'in_favour'
                  ? labels.inFavour
                  : entry.choice === 'against'
                    ? labels.against
                    : labels.notVoting,
              ]),
          },
        ];
  return frame(facts, 'BB', {
    title: secret ? 'BIÊN BẢN KIỂM PHIẾU' : 'BIÊN BẢN KẾT QUẢ BIỂU QUYẾT',
    subject: poll.title,
    blocks: [
      ...(secret && tellerNames.length > 0
        ? [
            {
              kind: 'paragraph',
              runs: [{ text: `Ban kiểm phiếu gồm: ${tellerNames.join(', ')}.` }],
            } as const,
          ]
        : []),
      { kind: 'paragraph', runs: [{ text: threshold }] },
      counts,
      choices,
      {
        kind: 'paragraph',
        runs: [{ text: 'Kết quả: ' }, { text: OUTCOME_WORDS[result.outcome], bold: true }],
      },
      ...(poll.annulment
        ? [
            {
              kind: 'paragraph',
              runs: [{ text: `Đã hủy. Lý do: ${poll.annulment.reason}`, italic: true }],
            } as const,
          ]
        : []),
      ...roll,
    ],
    ...(secret && {
      signatures: tellerNames.map((name) => ({ role: 'KIỂM PHIẾU VIÊN', name })),
    }),
  });
}

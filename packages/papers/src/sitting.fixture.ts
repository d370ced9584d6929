// A small People's Council sitting for the papers' tests, run through the domain's own
// decide and apply: nine fictional delegates, an open vote and an election, both closed.
import {
  DEFAULT_BODY_RULES,
  apply,
  decide,
  initialMeetingState,
  type Actor,
  type MeetingCommand,
  type MeetingState,
  type PollCount,
} from '@hopxa/domain';
import { proceedingsOf } from './proceedings.ts';
import type { SittingFacts } from './sitting-papers.ts';

const names = [
  'Nguyễn Thị Ánh',
  'Đặng Văn Đức',
  'Lò Thị Ơn',
  'Trần Quốc Ưng',
  'Phạm Hữu Lộc',
  'Hà Thị Ngọc Diệp',
  'Vũ Đình Ổn',
  'Lê Thị Hường',
  'Bùi Văn Tuấn',
];
const roster = names.map((fullName, index) => ({
  personId: `p${index}`,
  fullName,
  votingRight: true,
  position: index === 0 ? ('chair' as const) : ('delegate' as const),
}));
const target = {
  organisationId: 'commune',
  provinceId: 'province',
  bodyId: 'council',
  bodyKind: 'peoples_council' as const,
  meetingId: 'meeting',
};
const now = new Date('2026-12-15T01:30:00Z');
const staff = (role: Actor['role'], meetingRole?: 'presiding_officer' | 'secretary'): Actor => ({
  accountId: `${role}-${meetingRole ?? ''}`,
  role,
  personId: null,
  displayName: meetingRole === 'secretary' ? 'Lê Thị Hường' : 'Nguyễn Thị Ánh',
  organisationId: 'commune',
  memberships: [],
  meetingRoles: meetingRole ? [{ meetingId: 'meeting', role: meetingRole }] : [],
});
const secretariat = staff('secretariat');
const presiding = staff('delegate', 'presiding_officer');
const secretary = staff('delegate', 'secretary');

function run(state: MeetingState, command: MeetingCommand, by: Actor): MeetingState {
  const decision = decide(state, command, by, now);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code}`);
  return decision.events.reduce(
    (next, event) => apply(next, { ...event, seq: next.seq + 1 }),
    state,
  );
}
const count = (partial: Partial<PollCount>): PollCount => ({
  voters: [],
  tally: { inFavour: 0, against: 0, notVoting: 0 },
  perCandidate: {},
  blank: 0,
  invalid: 0,
  votes: [],
  entered: [],
  ...partial,
});

const agenda = [
  {
    id: 'opening',
    parentId: null,
    title: 'Khai mạc',
    kind: 'procedural' as const,
    durationMinutes: 20,
  },
  {
    id: 'adopt',
    parentId: 'opening',
    title: 'Biểu quyết thông qua chương trình',
    kind: 'procedural' as const,
    durationMinutes: 5,
  },
  {
    id: 'elect',
    parentId: null,
    title: 'Bầu Chủ tịch Hội đồng nhân dân',
    kind: 'election' as const,
    durationMinutes: 30,
  },
];

/** The sitting convened for `startsAt`, its roll call not yet taken. */
export function convenedSitting(startsAt = '2026-07-01T01:00:00.000Z'): MeetingState {
  return run(
    initialMeetingState(target),
    {
      type: 'convene',
      setup: {
        statutorySize: 9,
        rules: DEFAULT_BODY_RULES.peoples_council,
        roster,
        agenda,
        notice: {
          title: 'Kỳ họp thứ nhất',
          startsAt,
          place: 'Hội trường Ủy ban nhân dân phường',
          papers: [],
        },
      },
    },
    secretariat,
  );
}

/** The sitting opened with eight members in the hall and one excused, its agenda taken up. */
function openedSitting(startsAt?: string): MeetingState {
  let state = convenedSitting(startsAt);
  for (const member of roster.slice(0, 8))
    state = run(
      state,
      { type: 'record_attendance', personId: member.personId, status: 'present_in_hall' },
      secretary,
    );
  state = run(
    state,
    { type: 'record_attendance', personId: 'p8', status: 'absent_excused', reason: 'Đi công tác' },
    secretary,
  );
  state = run(state, { type: 'open_sitting', setup: { roster } }, presiding);
  return run(state, { type: 'set_current_item', itemId: 'adopt' }, presiding);
}

const voters = roster.slice(0, 8).map((member) => member.personId);

/** The sitting after its open vote (7 for, 1 against, 1 absent) and its election. */
export function closedSitting(startsAt?: string): MeetingState {
  let state = openedSitting(startsAt);
  state = run(
    state,
    {
      type: 'open_poll',
      pollId: 'vote',
      kind: 'open_vote',
      title: 'Thông qua chương trình kỳ họp',
    },
    presiding,
  );
  const votes = voters.map((personId, index) => ({
    personId,
    choice: index === 3 ? ('against' as const) : ('in_favour' as const),
  }));
  state = run(
    state,
    {
      type: 'close_poll',
      pollId: 'vote',
      count: count({ voters, votes, tally: { inFavour: 7, against: 1, notVoting: 0 } }),
    },
    presiding,
  );
  state = run(state, { type: 'set_current_item', itemId: 'elect' }, presiding);
  state = run(state, { type: 'appoint_tellers', personIds: ['p1', 'p2'] }, presiding);
  state = run(
    state,
    {
      type: 'open_poll',
      pollId: 'election',
      kind: 'election',
      title: 'Bầu Chủ tịch Hội đồng nhân dân phường',
      candidates: [
        { id: 'c1', name: 'Nguyễn Thị Ánh' },
        { id: 'c2', name: 'Đặng Văn Đức' },
      ],
      seats: 1,
    },
    presiding,
  );
  return run(
    state,
    {
      type: 'close_poll',
      pollId: 'election',
      count: count({ voters, perCandidate: { c1: 6, c2: 1 }, blank: 1 }),
    },
    presiding,
  );
}

/**
 * The sitting open since `startsAt`: its vote on the agenda failed (3 for, 5 against), a
 * second vote was closed and then annulled, and five members have left since: quorum lost.
 */
export function failingSitting(startsAt?: string): MeetingState {
  let state = openedSitting(startsAt);
  const vote = (pollId: string, title: string, inFavour: number) => {
    state = run(state, { type: 'open_poll', pollId, kind: 'open_vote', title }, presiding);
    const votes = voters.map((personId, index) => ({
      personId,
      choice: index < inFavour ? ('in_favour' as const) : ('against' as const),
    }));
    const tally = { inFavour, against: voters.length - inFavour, notVoting: 0 };
    state = run(
      state,
      { type: 'close_poll', pollId, count: count({ voters, votes, tally }) },
      presiding,
    );
  };
  vote('agenda', 'Thông qua chương trình kỳ họp', 3);
  vote('again', 'Thông qua chương trình kỳ họp (biểu quyết lại)', 8);
  state = run(
    state,
    { type: 'annul_poll', pollId: 'again', reason: 'Biểu quyết khi chưa hết thời gian thảo luận' },
    presiding,
  );
  for (const personId of voters.slice(3))
    state = run(
      state,
      { type: 'record_attendance', personId, status: 'absent_unexcused' },
      secretary,
    );
  return state;
}

export const facts: SittingFacts = {
  title: 'Kỳ họp thứ nhất Hội đồng nhân dân phường Sông Công',
  bodyName: 'Hội đồng nhân dân phường Sông Công',
  bodyKind: 'peoples_council',
  communeName: 'Phường Sông Công',
  provinceName: 'Tỉnh Thái Nguyên',
  place: 'Hội trường Ủy ban nhân dân phường',
  startsAt: now.toISOString(),
  presiding: 'Nguyễn Thị Ánh',
  secretaries: ['Lê Thị Hường'],
  head: { seq: 27, fingerprint: '415C-6DAC' },
};

const SHA256 = '9f2c4e1ab7d3508c6e21f4a9b0c37d5e8a1f6b2c4d9e0a7b3c5f8e1d2a4b6c90';

/** The minutes as the secretary kept them: their own words around the record's proceedings. */
export function minutesDoc(state: MeetingState): unknown {
  const text = (value: string, marks: string[] = []) => ({
    type: 'text',
    text: value,
    ...(marks.length > 0 && { marks: marks.map((type) => ({ type })) }),
  });
  const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
  const written = proceedingsOf(state, facts).map((block) => ({
    type: 'proceedings',
    attrs: { source: block.source, text: block.text },
  }));
  // Placed as the secretary arranged them: the vote on the agenda before the election's item.
  const order = ['opening', 'attendance', 'poll:vote', 'item:elect'];
  const rank = (source: string) => (order.includes(source) ? order.indexOf(source) : order.length);
  const blocks = written.sort((a, b) => rank(a.attrs.source) - rank(b.attrs.source));
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [text('I. Khai mạc')] },
      ...blocks.slice(0, 2),
      { type: 'heading', attrs: { level: 2 }, content: [text('II. Nội dung')] },
      paragraph(
        text('Đại biểu '),
        text('Đặng Văn Đức', ['bold']),
        text(' phát biểu: '),
        text('nhất trí với chương trình', ['italic']),
        { type: 'hardBreak' },
        text('và đề nghị bổ sung báo cáo tài chính.'),
      ),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [paragraph(text('Ý kiến của tổ 1: tán thành.'))] },
          { type: 'listItem', content: [paragraph(text('Ý kiến của tổ 2: tán thành.'))] },
        ],
      },
      ...blocks.slice(2),
      paragraph(),
    ],
  };
}

/** The sitting closed, its minutes submitted and approved, and one addendum approved. */
export function signedOffSitting(startsAt?: string): MeetingState {
  let state = run(closedSitting(startsAt), { type: 'close_sitting' }, presiding);
  const minutes = { version: 42, sha256: SHA256, logSeq: state.seq, logHash: 'ab12cd34'.repeat(8) };
  state = run(state, { type: 'submit_minutes', version: 42, minutes }, secretary);
  state = run(state, { type: 'approve_minutes', sha256: SHA256, minutes }, presiding);
  const addendum = {
    type: 'submit_addendum' as const,
    addendumId: 'addendum-1',
    text: 'Đính chính: đại biểu Lò Thị Ơn phát biểu lúc 09:10.',
    sha256: SHA256,
    head: { logSeq: state.seq, logHash: 'ef56'.repeat(16) },
  };
  state = run(state, addendum, secretary);
  return run(state, { type: 'approve_addendum', addendumId: 'addendum-1' }, presiding);
}

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
  displayName: 'Tài khoản thử',
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

/** The sitting after its open vote (7 for, 1 against, 1 absent) and its election. */
export function closedSitting(): MeetingState {
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
  let state = run(
    initialMeetingState(target),
    {
      type: 'convene',
      setup: { statutorySize: 9, rules: DEFAULT_BODY_RULES.peoples_council, roster, agenda },
    },
    secretariat,
  );
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
  state = run(state, { type: 'set_current_item', itemId: 'adopt' }, presiding);
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
  const voters = roster.slice(0, 8).map((member) => member.personId);
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

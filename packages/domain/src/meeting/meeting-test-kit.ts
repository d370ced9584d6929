// Shared by the meeting's domain tests: a People's Council meeting of 25 fictional
// delegates, its actors, and helpers that run commands the way the server does.
import type { MeetingNotice } from './notice.ts';
import type { Actor } from '../authorization.ts';
import { DEFAULT_BODY_RULES, type BodyRules } from '../body-rules.ts';
import { apply } from './apply.ts';
import { decide } from './decide.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import type { MeetingEventBody } from './meeting-events.ts';
import { initialMeetingState, type MeetingState, type RosterMember } from './meeting-state.ts';

export const meetingId = 'meeting-1';
export const target = {
  organisationId: 'commune-1',
  provinceId: 'province-1',
  bodyId: 'council-1',
  bodyKind: 'peoples_council' as const,
  meetingId,
};
export const now = new Date('2026-01-05T01:00:00Z');

export const roster: RosterMember[] = Array.from({ length: 25 }, (_, index) => ({
  personId: `person-${index}`,
  fullName: `Đại biểu ${index}`,
  votingRight: true,
  position: 'delegate',
}));
export const agenda = [
  {
    id: 'opening',
    parentId: null,
    title: 'Khai mạc',
    kind: 'procedural' as const,
    durationMinutes: 25,
  },
  {
    id: 'anthem',
    parentId: 'opening',
    title: 'Chào cờ',
    kind: 'procedural' as const,
    durationMinutes: 5,
  },
  { id: 'report', parentId: null, title: 'Báo cáo', kind: 'report' as const, durationMinutes: 10 },
  {
    id: 'closing',
    parentId: null,
    title: 'Bế mạc',
    kind: 'procedural' as const,
    durationMinutes: 10,
  },
];

export const actor = (overrides: Partial<Actor>): Actor => ({
  accountId: 'account',
  role: 'delegate',
  personId: null,
  displayName: 'Tài khoản',
  organisationId: null,
  memberships: [],
  meetingRoles: [],
  ...overrides,
});
export const member = (index: number) =>
  actor({
    accountId: `account-${index}`,
    personId: `person-${index}`,
    memberships: [{ bodyId: 'council-1', votingRight: true }],
  });
export const presiding = actor({
  accountId: 'presiding',
  personId: 'person-0',
  memberships: [{ bodyId: 'council-1', votingRight: true }],
  meetingRoles: [{ meetingId, role: 'presiding_officer' }],
});
export const secretariat = actor({
  accountId: 'secretariat',
  role: 'secretariat',
  organisationId: 'commune-1',
});
export const secretary = actor({
  accountId: 'secretary',
  meetingRoles: [{ meetingId, role: 'secretary' }],
});
export const follower = actor({
  accountId: 'province',
  role: 'follower',
  organisationId: 'province-1',
  displayName: 'Điểm cầu tỉnh',
});
export const guest = actor({ accountId: 'guest', role: 'guest', organisationId: 'commune-1' });

/** Runs a command and applies its events, as the server will; throws on a refusal. */
export function run(state: MeetingState, command: MeetingCommand, by: Actor): MeetingState {
  const decision = decide(state, command, by, now);
  if (!decision.ok) throw new Error(`refused: ${decision.code}`);
  return decision.events.reduce(
    (next, event) => apply(next, { ...event, seq: next.seq + 1 }),
    state,
  );
}
export const refusal = (state: MeetingState, command: MeetingCommand, by: Actor) => {
  const decision = decide(state, command, by, now);
  return decision.ok ? 'accepted' : decision.code;
};

/** The notice the test meeting is convened with: a time, a place and one paper. */
export const notice: MeetingNotice = {
  title: 'Kỳ họp thứ nhất',
  startsAt: '2026-07-01T01:00:00.000Z',
  place: 'Hội trường Ủy ban nhân dân xã',
  papers: [
    {
      documentId: 'paper-1',
      title: 'Tờ trình về chương trình',
      kind: 'submission',
      agendaItemId: null,
    },
  ],
};

/** A meeting convened with `seated` as its roster: the roll call open, nobody checked yet. */
export const convened = (
  rules: BodyRules = DEFAULT_BODY_RULES.peoples_council,
  seated: readonly RosterMember[] = roster,
  statutorySize = 25,
) =>
  run(
    initialMeetingState(target),
    { type: 'convene', setup: { statutorySize, rules, roster: seated, agenda, notice } },
    secretariat,
  );

/**
 * A sitting in progress with every attendance still to take: the state once those present
 * at the opening have been recorded as gone, built from its two events so the rules of an
 * open sitting are tested from a clean roll. (The opening itself, quorum and all, is
 * tested through `decide` in meeting.test.ts.)
 */
export const open = (
  rules: BodyRules = DEFAULT_BODY_RULES.peoples_council,
  seated: readonly RosterMember[] = roster,
  statutorySize = 25,
) => {
  const at = now.toISOString();
  const events: MeetingEventBody[] = [
    { type: 'meeting_convened', at, statutorySize, rules, roster: seated, agenda },
    { type: 'sitting_opened', at, roster: seated },
  ];
  return events.reduce(
    (state, event) => apply(state, { ...event, seq: state.seq + 1 }),
    initialMeetingState(target),
  );
};
export const withPresent = (count: number, rules?: BodyRules) => {
  let state = open(rules);
  for (let index = 0; index < count; index += 1) {
    state = run(state, { type: 'check_in', status: 'present_in_hall' }, member(index));
  }
  return state;
};

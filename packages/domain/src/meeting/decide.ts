import { can, type Action, type Actor } from '../authorization.ts';
import { boundPoint } from '../connection-points.ts';
import { isAbsent, type AttendanceStatus } from './attendance.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import type { MeetingEventBody } from './meeting-events.ts';
import type { MeetingState, Speaker } from './meeting-state.ts';
import { decidePoll } from './decide-poll.ts';
import { quorum } from './quorum.ts';
import { accept, refuse, refuseQuorum, unreachable, type Decision } from './decision.ts';
import { withRoster } from './apply.ts';
import { decideMinutes, isMinutesCommand } from './minutes-sign-off.ts';
import { noticeChanges } from './notice.ts';

/** The permission each command needs (rules P1-P4 in SPEC.md). */
const PERMISSION: Readonly<Record<MeetingCommand['type'], Action>> = {
  // The secretariat convenes (giấy triệu tập), as it prepares the meeting.
  convene: 'meeting.edit',
  amend_notice: 'meeting.edit',
  open_sitting: 'meeting.preside',
  close_sitting: 'meeting.preside',
  check_in: 'meeting.view',
  record_attendance: 'meeting.keep_record',
  record_all_present: 'meeting.keep_record',
  set_current_item: 'meeting.preside',
  close_item: 'meeting.preside',
  reorder_agenda: 'meeting.preside',
  add_agenda_item: 'meeting.preside',
  request_floor: 'meeting.request_floor',
  withdraw_floor: 'meeting.view',
  grant_floor: 'meeting.preside',
  end_floor: 'meeting.preside',
  appoint_tellers: 'meeting.preside',
  open_poll: 'meeting.preside',
  close_poll: 'meeting.preside',
  annul_poll: 'meeting.preside',
  enter_paper_count: 'meeting.keep_record',
  // Whether the actor is one of the tellers is the poll rules' question (V14).
  sign_tally: 'meeting.view',
  announce_designation: 'meeting.preside',
  submit_minutes: 'meeting.keep_record',
  return_minutes: 'meeting.preside',
  approve_minutes: 'meeting.preside',
  submit_addendum: 'meeting.keep_record',
  approve_addendum: 'meeting.preside',
  set_program: 'meeting.preside',
};

/**
 * Whether `actor` may do `command` now, and if so which events record it. Pure: the same
 * state, command, actor and time always give the same answer.
 *
 * @example
 * decide(state, { type: 'check_in', status: 'present_in_hall' }, delegate, new Date())
 * // { ok: true, events: [{ type: 'attendance_recorded', ... }] }
 */
export function decide(
  state: MeetingState,
  command: MeetingCommand,
  actor: Actor,
  now: Date,
): Decision {
  if (!can(actor, PERMISSION[command.type], state.target)) return refuse('forbidden');
  const at = now.toISOString();
  if (command.type === 'convene') {
    if (state.status !== 'draft') return refuse('already_convened');
    // T2: counts need a base; a body with no member in office with a vote cannot sit.
    if (!command.setup.roster.some((member) => member.votingRight))
      return refuse('no_members_in_office');
    return accept({ type: 'meeting_convened', at, ...command.setup });
  }
  if (state.status === 'draft') return refuse('not_convened');
  if (command.type === 'amend_notice') {
    // NT2: a change after convening reaches the members until the sitting closes.
    if (state.status === 'closed') return refuse('meeting_closed');
    const before = state.notice ?? { title: '', startsAt: null, place: null, papers: [] };
    const changes = noticeChanges(before, command.notice);
    if (changes.length === 0) return refuse('notice_unchanged');
    return accept({ type: 'notice_amended', at, notice: command.notice, changes });
  }
  if (isMinutesCommand(command)) return decideMinutes(state, command, actor, at);
  // The roll call runs from the convening to the close: attendance before the opening is
  // what the opening's quorum is counted from (Q1).
  if (
    command.type === 'check_in' ||
    command.type === 'record_attendance' ||
    command.type === 'record_all_present'
  ) {
    if (state.status === 'closed') return refuse('sitting_not_open');
    return decideAttendance(state, command, actor, at);
  }
  if (command.type === 'open_sitting') {
    if (state.status !== 'convened') return refuse('sitting_already_opened');
    const { roster } = command.setup;
    if (!roster.some((member) => member.votingRight)) return refuse('no_members_in_office');
    // Q1: the opening needs quorum where the body's law sets one, counted against the members
    // in office on the day of the opening.
    const onTheDay = quorum(withRoster(state, roster));
    if (!onTheDay.reached) return refuseQuorum(onTheDay);
    return accept({ type: 'sitting_opened', at, roster });
  }
  if (state.status !== 'open') return refuse('sitting_not_open');

  switch (command.type) {
    case 'close_sitting':
      // A vote in progress is closed or annulled first, never cut off by closing the sitting.
      if (state.polls.some((poll) => poll.status === 'open')) return refuse('poll_already_open');
      return accept(...(state.speaking ? [{ type: 'floor_ended' as const, at }] : []), {
        type: 'sitting_closed',
        at,
      });
    case 'set_current_item': {
      const item = state.agenda.find((candidate) => candidate.id === command.itemId);
      if (!item) return refuse('unknown_item');
      if (item.status === 'done') return refuse('item_already_closed');
      const now = quorum(state);
      if (!now.reached) return refuseQuorum(now);
      return accept({ type: 'agenda_item_started', itemId: item.id, at });
    }
    case 'close_item': {
      const item = state.agenda.find((candidate) => candidate.id === command.itemId);
      if (!item) return refuse('unknown_item');
      if (item.status === 'done' || item.status === 'deferred')
        return refuse('item_already_closed');
      return accept({ type: 'agenda_item_closed', itemId: item.id, outcome: command.outcome });
    }
    case 'reorder_agenda':
      return validOrder(state, command.order)
        ? accept({ type: 'agenda_reordered', order: command.order })
        : refuse('agenda_order_invalid');
    case 'add_agenda_item': {
      // G5: a new id, under a heading one level deep at most.
      if (state.agenda.some((item) => item.id === command.itemId))
        return refuse('agenda_order_invalid');
      if (command.parentId !== null) {
        const parent = state.agenda.find((item) => item.id === command.parentId);
        if (!parent) return refuse('unknown_item');
        if (parent.parentId !== null) return refuse('agenda_order_invalid');
      }
      const { itemId, parentId, title, kind, durationMinutes } = command;
      return accept({
        type: 'agenda_item_added',
        item: { id: itemId, parentId, title, kind, durationMinutes },
        at,
      });
    }
    case 'request_floor': {
      const speaker = speakerOf(state, actor);
      if (!speaker) return refuse('not_a_member');
      const waiting = state.queue.some((request) => sameSpeaker(request.speaker, speaker));
      if (waiting || (state.speaking && sameSpeaker(state.speaking.speaker, speaker))) {
        return refuse('already_requested');
      }
      return accept({ type: 'floor_requested', requestId: command.requestId, speaker, at });
    }
    case 'withdraw_floor': {
      const request = state.queue.find((candidate) => candidate.requestId === command.requestId);
      if (!request) return refuse('unknown_request');
      const own = speakerOf(state, actor);
      const presiding = can(actor, 'meeting.preside', state.target);
      if (!presiding && !(own && sameSpeaker(own, request.speaker))) return refuse('forbidden');
      return accept({ type: 'floor_withdrawn', requestId: request.requestId });
    }
    case 'grant_floor': {
      if (state.speaking) return refuse('someone_is_speaking');
      if (!state.queue.some((request) => request.requestId === command.requestId))
        return refuse('unknown_request');
      return accept({
        type: 'floor_granted',
        requestId: command.requestId,
        at,
        limitSeconds: command.limitSeconds,
      });
    }
    case 'end_floor':
      return state.speaking ? accept({ type: 'floor_ended', at }) : refuse('nobody_is_speaking');
    case 'set_program':
      // PG1: a point of this meeting that is not revoked, or null for the hall.
      if (command.pointId !== null && !command.points.some((p) => p.pointId === command.pointId))
        return refuse('unknown_connection_point');
      return accept({ type: 'program_set', pointId: command.pointId, at });
    case 'appoint_tellers':
    case 'open_poll':
    case 'close_poll':
    case 'annul_poll':
    case 'enter_paper_count':
    case 'sign_tally':
    case 'announce_designation':
      return decidePoll(state, command, actor, at);
    default:
      return unreachable(command);
  }
}

function decideAttendance(
  state: MeetingState,
  command: Extract<
    MeetingCommand,
    { type: 'check_in' | 'record_attendance' | 'record_all_present' }
  >,
  actor: Actor,
  at: string,
): Decision {
  switch (command.type) {
    case 'check_in': {
      const member = state.roster.find((candidate) => candidate.personId === actor.personId);
      if (!member) return refuse('not_a_member');
      const recorded = state.attendance[member.personId];
      // A5: an absence the secretary recorded is the secretary's to change; the member's
      // check-in waits on the roll call for the secretary to confirm it.
      if (recorded?.by === 'secretary' && isAbsent(recorded.status)) {
        if (state.checkInRequests.some((request) => request.personId === member.personId))
          return refuse('check_in_already_requested');
        const where = place(command.status, command.connectionPoint);
        if (!where.ok) return refuse(where.code);
        return accept({
          type: 'check_in_requested',
          personId: member.personId,
          status: command.status,
          connectionPoint: where.connectionPoint,
          at,
        });
      }
      return recordAttendance(member.personId, command, 'member', actor);
    }
    case 'record_attendance':
      if (!state.roster.some((member) => member.personId === command.personId))
        return refuse('not_a_member');
      return recordAttendance(command.personId, command, 'secretary', actor);
    case 'record_all_present':
      return accept(
        ...state.roster
          .filter((member) => state.attendance[member.personId]?.status === 'not_checked')
          .map((member): MeetingEventBody => ({
            type: 'attendance_recorded',
            personId: member.personId,
            status: 'present_in_hall',
            connectionPoint: null,
            reason: null,
            by: 'secretary',
            byAccountId: actor.accountId,
          })),
      );
    default:
      return unreachable(command);
  }
}

/** Present online means present at a named connection point (rule A2). */
function place(
  status: AttendanceStatus,
  connectionPoint: string | undefined,
): { ok: true; connectionPoint: string | null } | { ok: false; code: 'connection_point_required' } {
  if (status !== 'present_online') return { ok: true, connectionPoint: null };
  const named = connectionPoint?.trim();
  return named
    ? { ok: true, connectionPoint: named }
    : { ok: false, code: 'connection_point_required' };
}

function recordAttendance(
  personId: string,
  command: {
    readonly status: AttendanceStatus;
    readonly connectionPoint?: string | undefined;
    readonly reason?: string | undefined;
  },
  by: 'member' | 'secretary',
  actor: Actor,
): Decision {
  const where = place(command.status, command.connectionPoint);
  if (!where.ok) return refuse(where.code);
  const reason = isAbsent(command.status) ? command.reason?.trim() || null : null;
  return accept({
    type: 'attendance_recorded',
    personId,
    status: command.status,
    connectionPoint: where.connectionPoint,
    reason,
    by,
    byAccountId: actor.accountId,
  });
}

/** Who is asking, as a screen knows them: their account, the person behind it, its role. */
export type Asker = {
  readonly accountId: string;
  readonly personId: string | null;
  readonly role: Actor['role'];
};

/** S1: members of the roster and connection points (followers) may ask for the floor. */
export function mayAskForFloor(state: MeetingState, asker: Asker): boolean {
  return (
    state.roster.some((member) => member.personId === asker.personId) || asker.role === 'follower'
  );
}

/** S1: the request this asker has waiting, if any (one at a time each). */
export function ownRequest(state: MeetingState, asker: Asker) {
  return state.queue.find((request) =>
    request.speaker.kind === 'member'
      ? request.speaker.personId === asker.personId
      : request.speaker.accountId === asker.accountId,
  );
}

/** A member speaks as themselves; a follower (province leader) as a connection point. */
function speakerOf(state: MeetingState, actor: Actor): Speaker | null {
  const member = state.roster.find((candidate) => candidate.personId === actor.personId);
  if (member) return { kind: 'member', personId: member.personId, name: member.fullName };
  if (actor.role === 'follower') {
    // A follower bound to a point of this meeting speaks as that point (PG2).
    const bound = boundPoint(actor, state.target.meetingId);
    return {
      kind: 'connection_point',
      accountId: actor.accountId,
      name: bound?.name ?? actor.displayName,
      pointId: bound?.pointId ?? null,
    };
  }
  return null;
}

function sameSpeaker(a: Speaker, b: Speaker): boolean {
  if (a.kind === 'member' && b.kind === 'member') return a.personId === b.personId;
  if (a.kind === 'connection_point' && b.kind === 'connection_point')
    return a.accountId === b.accountId;
  return false;
}

function validOrder(
  state: MeetingState,
  order: readonly { id: string; children: readonly string[] }[],
): boolean {
  const named = order.flatMap((line) => [line.id, ...line.children]);
  const known = new Set(state.agenda.map((item) => item.id));
  return (
    named.length === known.size &&
    new Set(named).size === named.length &&
    named.every((id) => known.has(id))
  );
}

import { unreachable } from './decision.ts';
import type { AgendaLine, MeetingEvent } from './meeting-events.ts';
import { applyMinutes } from './minutes-sign-off.ts';
import type { AgendaItemState, MeetingState, PollState, RosterMember } from './meeting-state.ts';

/** The agenda with `line` last under its heading, or last of all. */
function withItemAdded(
  agenda: readonly AgendaItemState[],
  line: AgendaLine,
): readonly AgendaItemState[] {
  const item: AgendaItemState = { ...line, status: 'pending', startedAt: null };
  if (line.parentId === null) return [...agenda, item];
  const family = agenda.flatMap((each, index) =>
    each.id === line.parentId || each.parentId === line.parentId ? [index] : [],
  );
  const after = (family.at(-1) ?? agenda.length - 1) + 1;
  return [...agenda.slice(0, after), item, ...agenda.slice(after)];
}

/**
 * The meeting after one more event. Pure and total: the server, every tablet and every
 * follower's screen run this same function over the same log and reach the same state.
 *
 * @example
 * const next = apply(state, { seq: state.seq + 1, type: 'sitting_closed', at: now });
 */
export function apply(state: MeetingState, event: MeetingEvent): MeetingState {
  const next = applyBody(state, event);
  return { ...next, seq: event.seq };
}

function applyBody(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'meeting_convened':
      return {
        ...withRoster(state, event.roster),
        status: 'convened',
        statutorySize: event.statutorySize,
        rules: event.rules,
        agenda: event.agenda.map((line) => ({ ...line, status: 'pending', startedAt: null })),
        notice: event.notice ? { ...event.notice, version: 1, changes: [], amendedAt: null } : null,
      };
    case 'notice_amended':
      return {
        ...state,
        notice: {
          ...event.notice,
          version: (state.notice?.version ?? 1) + 1,
          changes: event.changes,
          amendedAt: event.at,
        },
      };
    case 'sitting_opened':
      return { ...withRoster(state, event.roster), status: 'open', openedAt: event.at };
    case 'sitting_closed':
      return {
        ...endTurn(state, event.at),
        status: 'closed',
        closedAt: event.at,
        queue: [],
        checkInRequests: [],
      };
    case 'attendance_recorded':
      return {
        ...state,
        attendance: {
          ...state.attendance,
          [event.personId]: {
            status: event.status,
            connectionPoint: event.connectionPoint,
            reason: event.reason,
            by: event.by,
          },
        },
        // The secretary's record answers the member's request, whichever way.
        checkInRequests:
          event.by === 'secretary'
            ? state.checkInRequests.filter((request) => request.personId !== event.personId)
            : state.checkInRequests,
      };
    case 'check_in_requested':
      return {
        ...state,
        checkInRequests: [
          ...state.checkInRequests.filter((request) => request.personId !== event.personId),
          {
            personId: event.personId,
            status: event.status,
            connectionPoint: event.connectionPoint,
            at: event.at,
          },
        ],
      };
    case 'agenda_item_started':
      return {
        ...state,
        agenda: state.agenda.map((item): AgendaItemState => {
          if (item.id === event.itemId) return { ...item, status: 'current', startedAt: event.at };
          // Only one item is current: one left without being closed goes back to waiting.
          return item.status === 'current' ? { ...item, status: 'pending', startedAt: null } : item;
        }),
      };
    case 'agenda_item_closed':
      return {
        ...state,
        agenda: state.agenda.map((item) =>
          item.id === event.itemId ? { ...item, status: event.outcome } : item,
        ),
      };
    case 'agenda_reordered': {
      const byId = new Map(state.agenda.map((item) => [item.id, item]));
      const reordered: AgendaItemState[] = [];
      for (const line of event.order) {
        const item = byId.get(line.id);
        if (item) reordered.push({ ...item, parentId: null });
        for (const childId of line.children) {
          const child = byId.get(childId);
          if (child) reordered.push({ ...child, parentId: line.id });
        }
      }
      return { ...state, agenda: reordered };
    }
    case 'agenda_item_added':
      return { ...state, agenda: withItemAdded(state.agenda, event.item) };
    case 'floor_requested':
      return {
        ...state,
        queue: [
          ...state.queue,
          { requestId: event.requestId, speaker: event.speaker, requestedAt: event.at },
        ],
      };
    case 'floor_withdrawn':
      return {
        ...state,
        queue: state.queue.filter((request) => request.requestId !== event.requestId),
      };
    case 'floor_granted': {
      const request = state.queue.find((candidate) => candidate.requestId === event.requestId);
      if (!request) return state;
      return {
        ...state,
        queue: state.queue.filter((candidate) => candidate.requestId !== event.requestId),
        speaking: { ...request, startedAt: event.at, limitSeconds: event.limitSeconds },
      };
    }
    case 'floor_ended':
      return endTurn(state, event.at);
    case 'program_set':
      return { ...state, program: event.pointId };
    case 'tellers_appointed':
      return { ...state, tellers: event.personIds };
    case 'poll_opened':
      return {
        ...state,
        polls: [
          ...state.polls,
          {
            pollId: event.pollId,
            itemId: event.itemId,
            kind: event.kind,
            title: event.title,
            candidates: event.candidates,
            seats: event.seats,
            threshold: event.threshold,
            tellers: event.tellers,
            status: 'open',
            openedAt: event.at,
            closedAt: null,
            result: null,
            roll: null,
            annulment: null,
            paper: null,
            signatures: [],
          },
        ],
      };
    case 'poll_closed':
      return updatePoll(state, event.pollId, (poll) => ({
        ...poll,
        status: 'closed',
        closedAt: event.at,
        result: event.result,
        roll: event.roll,
      }));
    case 'paper_count_entered':
      return updatePoll(state, event.pollId, (poll) => ({
        ...poll,
        paper: { ...event.paper, byAccountId: event.byAccountId, at: event.at },
      }));
    case 'poll_annulled':
      return updatePoll(state, event.pollId, (poll) => ({
        ...poll,
        status: 'annulled',
        closedAt: poll.closedAt ?? event.at,
        annulment: { reason: event.reason, at: event.at },
      }));
    case 'tally_signed':
      return updatePoll(state, event.pollId, (poll) => ({
        ...poll,
        signatures: [
          ...poll.signatures,
          { personId: event.personId, name: event.name, at: event.at },
        ],
      }));
    case 'designation_announced':
      return {
        ...state,
        designations: [
          ...state.designations,
          {
            itemId: event.itemId,
            personName: event.personName,
            post: event.post,
            decision: event.decision,
            at: event.at,
          },
        ],
      };
    case 'minutes_submitted':
    case 'minutes_returned':
    case 'minutes_approved':
    case 'addendum_submitted':
    case 'addendum_approved':
      return { ...state, minutes: applyMinutes(state.minutes, event) };
    default:
      return unreachable(event);
  }
}

/** The current speaker's turn over, kept in the list of speeches. */
function endTurn(state: MeetingState, at: string): MeetingState {
  if (!state.speaking) return state;
  return {
    ...state,
    speaking: null,
    speeches: [...state.speeches, { ...state.speaking, endedAt: at }],
  };
}

function updatePoll(
  state: MeetingState,
  pollId: string,
  change: (poll: PollState) => PollState,
): MeetingState {
  return {
    ...state,
    polls: state.polls.map((poll) => (poll.pollId === pollId ? change(poll) : poll)),
  };
}

const NOT_CHECKED = {
  status: 'not_checked',
  connectionPoint: null,
  reason: null,
  by: null,
} as const;

/**
 * The state as it would be with `roster` as the members in office: attendance kept for those
 * still on it, the newly seated not yet checked. `apply` gives the same for `sitting_opened`.
 */
export function withRoster(state: MeetingState, roster: readonly RosterMember[]): MeetingState {
  return {
    ...state,
    roster,
    membersInOffice: roster.filter((member) => member.votingRight).length,
    attendance: Object.fromEntries(
      roster.map((member) => [member.personId, state.attendance[member.personId] ?? NOT_CHECKED]),
    ),
    checkInRequests: state.checkInRequests.filter((request) =>
      roster.some((member) => member.personId === request.personId),
    ),
  };
}

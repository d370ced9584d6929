import type { AgendaItemKind } from '../agenda-item-kinds.ts';
import type { Target } from '../authorization.ts';
import type { BodyKind } from '../body-kinds.ts';
import type { BodyRules, Threshold } from '../body-rules.ts';
import type { MembershipPosition } from '../roles.ts';
import type { MeetingStatus } from '../meeting-statuses.ts';
import type { AttendanceStatus } from './attendance.ts';
import { MINUTES_WRITING, type MinutesSignOff } from './minutes-sign-off.ts';
import type { NoticeState } from './notice.ts';
import type { Candidate, PaperCount, PollKind, PollResult } from './poll.ts';

/**
 * A member whose membership is in force on the day of the sitting, as the sitting opened
 * with them. `position` names the chair (the Chairperson of a People's Committee breaks an
 * exact tie, rule V9).
 */
export type RosterMember = {
  readonly personId: string;
  readonly fullName: string;
  readonly votingRight: boolean;
  readonly position: MembershipPosition;
};

/** The meeting and where it sits: its body (and the body's kind), commune and province. */
export type MeetingTarget = Target & {
  readonly meetingId: string;
  readonly bodyId: string;
  readonly bodyKind: BodyKind;
};

export type AgendaItemState = {
  readonly id: string;
  readonly parentId: string | null;
  readonly title: string;
  readonly kind: AgendaItemKind;
  readonly durationMinutes: number;
  readonly status: 'pending' | 'current' | 'done' | 'deferred';
  /** When it became current, for its countdown. */
  readonly startedAt: string | null;
};

/** Who asks for the floor: a member in the hall, or a connection point (a follower). */
export type Speaker =
  | { readonly kind: 'member'; readonly personId: string; readonly name: string }
  | {
      readonly kind: 'connection_point';
      readonly accountId: string;
      readonly name: string;
      /** The point the account is bound to, whose video the program shows while it speaks. */
      readonly pointId?: string | null;
    };

export type FloorRequest = {
  readonly requestId: string;
  readonly speaker: Speaker;
  readonly requestedAt: string;
};

export type CurrentSpeaker = FloorRequest & {
  readonly startedAt: string;
  readonly limitSeconds: number;
};

/** A member's attendance: what, where, why absent, and whether the secretary recorded it. */
export type AttendanceRecord = {
  readonly status: AttendanceStatus;
  readonly connectionPoint: string | null;
  readonly reason: string | null;
  readonly by: 'member' | 'secretary' | null;
};

/** A check-in the secretary has to confirm: the member had been recorded absent (A5). */
export type CheckInRequest = {
  readonly personId: string;
  readonly status: 'present_in_hall' | 'present_online';
  readonly connectionPoint: string | null;
  readonly at: string;
};

/** A poll as the log tells it; the ballots themselves are kept apart from the log. */
export type PollState = {
  readonly pollId: string;
  /** The agenda item it was opened on. */
  readonly itemId: string;
  readonly kind: PollKind;
  readonly title: string;
  /** An election's candidates and seats; empty and 0 for a motion. */
  readonly candidates: readonly Candidate[];
  readonly seats: number;
  /** What passes it, fixed when it opens; `consensus` for a tally without pass or fail. */
  readonly threshold: Threshold | 'consensus';
  /** The tellers of a secret poll, fixed when it opened; they alone sign its report. */
  readonly tellers: readonly string[];
  readonly status: 'open' | 'closed' | 'annulled';
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly result: PollResult | null;
  /** Who was entitled at closing and how each voted (`readRoll`); null while open. */
  readonly roll: string | null;
  readonly annulment: { readonly reason: string; readonly at: string } | null;
  /** The paper ballots' count the secretary entered for a secret poll, the latest; or null. */
  readonly paper: (PaperCount & { readonly byAccountId: string; readonly at: string }) | null;
  /** The tellers who signed the tally report, in the order they signed. */
  readonly signatures: readonly {
    readonly personId: string;
    readonly name: string;
    readonly at: string;
  }[];
};

/** A designation announced at the sitting (chỉ định): who, to which post, by which decision. */
export type Designation = {
  readonly itemId: string | null;
  readonly personName: string;
  readonly post: string;
  readonly decision: string;
  readonly at: string;
};

/**
 * Everything known about a meeting at one point of its event log. The server and every
 * client build it with the same `apply`, so they agree on it to the byte.
 */
export type MeetingState = {
  /** The meeting and its body, commune and province, which permissions are asked about. */
  readonly target: MeetingTarget;
  /** The seq of the last event applied; 0 before any. */
  readonly seq: number;
  readonly status: MeetingStatus;
  /**
   * The base of every count (rule T2): the members in office with a vote, from the roster in
   * the log: as convened for the roll call, then as on the day the sitting opened, fixed then. Quorum, thresholds and shares are
   * counted against it, never against those present or the statutory size.
   */
  readonly membersInOffice: number;
  /** The body's size in law as the secretariat typed it: shown beside the base, never counted. */
  readonly statutorySize: number;
  readonly rules: BodyRules;
  readonly roster: readonly RosterMember[];
  readonly attendance: Readonly<Record<string, AttendanceRecord>>;
  /** Check-ins of members the secretary recorded absent, waiting for the secretary (A5). */
  readonly checkInRequests: readonly CheckInRequest[];
  readonly agenda: readonly AgendaItemState[];
  readonly queue: readonly FloorRequest[];
  readonly speaking: CurrentSpeaker | null;
  /** Every turn that has ended, in order: the running list of speakers for the minutes. */
  readonly speeches: readonly (CurrentSpeaker & { readonly endedAt: string })[];
  /** Every poll of the sitting in the order opened; at most one is open. */
  readonly polls: readonly PollState[];
  /** The tellers' committee (Ban kiểm phiếu): roster members who count and sign secret ballots. */
  readonly tellers: readonly string[];
  readonly designations: readonly Designation[];
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  /** The minutes' sign-off; their text is kept apart from the log, step by step. */
  readonly minutes: MinutesSignOff;
  /** The connection point the presiding officer put on the program, or null (PG1). */
  readonly program: string | null;
  /** The notice the members were sent, as it now stands; null before convening (NT1). */
  readonly notice: NoticeState | null;
};

/** A meeting before its first event. */
export function initialMeetingState(target: MeetingTarget): MeetingState {
  return {
    target,
    seq: 0,
    status: 'draft',
    membersInOffice: 0,
    statutorySize: 0,
    rules: {
      quorum: null,
      passing: 'consensus',
      chairBreaksTies: false,
      voteLabels: { inFavour: '', against: '', notVoting: '' },
      source: '',
    },
    roster: [],
    attendance: {},
    checkInRequests: [],
    agenda: [],
    queue: [],
    speaking: null,
    speeches: [],
    polls: [],
    tellers: [],
    designations: [],
    openedAt: null,
    closedAt: null,
    minutes: MINUTES_WRITING,
    program: null,
    notice: null,
  };
}

import type { BodyRules } from '../body-rules.ts';
import type { AttendanceStatus } from './attendance.ts';
import type { Threshold } from '../body-rules.ts';
import type { AgendaItemState, RosterMember, Speaker } from './meeting-state.ts';
import type { LogPoint, MinutesFacts } from './minutes-sign-off.ts';
import type { MeetingNotice, NoticeChange } from './notice.ts';
import type { Candidate, PaperCount, PollKind, PollResult } from './poll.ts';

/** The agenda as a meeting is convened with it. */
export type AgendaLine = Omit<AgendaItemState, 'status' | 'startedAt'>;

/**
 * What happened in a meeting, one fact per event. Events are appended to the meeting's log
 * with a gapless `seq`; the state is only ever what applying them in order gives.
 */
export type MeetingEventBody =
  | {
      /** Triệu tập: the agenda, the rules and the members fixed; the roll call opens. */
      readonly type: 'meeting_convened';
      readonly at: string;
      /** The body's size in law, for information; the base of counts is the roster's voters. */
      readonly statutorySize: number;
      readonly rules: BodyRules;
      readonly roster: readonly RosterMember[];
      readonly agenda: readonly AgendaLine[];
      /** Absent from logs written before the notice was kept in the log. */
      readonly notice?: MeetingNotice;
    }
  | {
      /** The notice changed after convening: the members are told what changed (NT2). */
      readonly type: 'notice_amended';
      readonly at: string;
      readonly notice: MeetingNotice;
      readonly changes: readonly NoticeChange[];
    }
  | {
      /** Khai mạc, with the members in office on the day (who may differ from the convening's). */
      readonly type: 'sitting_opened';
      readonly at: string;
      readonly roster: readonly RosterMember[];
    }
  | { readonly type: 'sitting_closed'; readonly at: string }
  | {
      readonly type: 'attendance_recorded';
      readonly personId: string;
      readonly status: AttendanceStatus;
      readonly connectionPoint: string | null;
      /** Why the member is absent, when the secretary gave a reason. */
      readonly reason: string | null;
      /** The member checking in, or the secretary keeping the roll (A5). */
      readonly by: 'member' | 'secretary';
      readonly byAccountId: string;
    }
  | {
      /**
       * A member the secretary recorded absent checked in: the secretary confirms it on the
       * roll call, or not (A5).
       */
      readonly type: 'check_in_requested';
      readonly personId: string;
      readonly status: 'present_in_hall' | 'present_online';
      readonly connectionPoint: string | null;
      readonly at: string;
    }
  | { readonly type: 'agenda_item_started'; readonly itemId: string; readonly at: string }
  | {
      readonly type: 'agenda_item_closed';
      readonly itemId: string;
      readonly outcome: 'done' | 'deferred';
    }
  | {
      readonly type: 'agenda_reordered';
      readonly order: readonly { id: string; children: readonly string[] }[];
    }
  | { readonly type: 'agenda_item_added'; readonly item: AgendaLine; readonly at: string }
  | {
      readonly type: 'floor_requested';
      readonly requestId: string;
      readonly speaker: Speaker;
      readonly at: string;
    }
  | { readonly type: 'floor_withdrawn'; readonly requestId: string }
  | {
      readonly type: 'floor_granted';
      readonly requestId: string;
      readonly at: string;
      readonly limitSeconds: number;
    }
  | { readonly type: 'floor_ended'; readonly at: string }
  | { readonly type: 'program_set'; readonly pointId: string | null; readonly at: string }
  | { readonly type: 'tellers_appointed'; readonly personIds: readonly string[] }
  | {
      readonly type: 'poll_opened';
      readonly pollId: string;
      readonly itemId: string;
      readonly kind: PollKind;
      readonly title: string;
      readonly candidates: readonly Candidate[];
      readonly seats: number;
      readonly threshold: Threshold | 'consensus';
      /** The tellers who count and sign a secret poll: those appointed when it opened. */
      readonly tellers: readonly string[];
      readonly at: string;
    }
  | {
      readonly type: 'poll_closed';
      readonly pollId: string;
      readonly at: string;
      /** Who was entitled at closing and how each voted: see `ROLL_MARKS` (rule V5). */
      readonly roll: string;
      readonly result: PollResult;
    }
  | {
      readonly type: 'paper_count_entered';
      readonly pollId: string;
      readonly paper: PaperCount;
      readonly byAccountId: string;
      readonly at: string;
    }
  | {
      readonly type: 'poll_annulled';
      readonly pollId: string;
      readonly reason: string;
      readonly at: string;
    }
  | {
      readonly type: 'tally_signed';
      readonly pollId: string;
      readonly personId: string;
      readonly name: string;
      readonly at: string;
    }
  | {
      readonly type: 'designation_announced';
      readonly itemId: string | null;
      readonly personName: string;
      readonly post: string;
      readonly decision: string;
      readonly at: string;
    }
  /** The minutes submitted for approval, as stored: locked from here (M1, M2). */
  | ({ readonly type: 'minutes_submitted' } & MinutesFacts & SignedBy)
  | {
      readonly type: 'minutes_returned';
      readonly reason: string;
      readonly byAccountId: string;
      readonly at: string;
    }
  | ({ readonly type: 'minutes_approved'; readonly sha256: string } & SignedBy)
  /** A correction after approval: its text, that text's SHA-256 and the log's head (M4). */
  | ({
      readonly type: 'addendum_submitted';
      readonly addendumId: string;
      readonly text: string;
      readonly sha256: string;
    } & LogPoint &
      SignedBy)
  | ({ readonly type: 'addendum_approved'; readonly addendumId: string } & SignedBy);

/** Who did a step of the minutes' sign-off, and when: their account and the name they sign. */
type SignedBy = {
  readonly byAccountId: string;
  readonly byName: string;
  readonly at: string;
};

export type MeetingEvent = MeetingEventBody & { readonly seq: number };

import type { AgendaItemKind } from '../agenda-item-kinds.ts';
import type { ConnectionPointSummary } from '../connection-points.ts';
import type { BodyRules } from '../body-rules.ts';
import type { AttendanceStatus } from './attendance.ts';
import type { AgendaLine } from './meeting-events.ts';
import type { RosterMember } from './meeting-state.ts';
import type { LogPoint, MinutesFacts } from './minutes-sign-off.ts';
import type { MeetingNotice } from './notice.ts';
import type { Candidate, PaperCount, PollCount, PollKind } from './poll.ts';

/**
 * What someone asks of a meeting. `decide` turns a command into events or a refusal; the
 * server fills the setup of `convene` and `open_sitting` from the database, never from the
 * client.
 */
export type MeetingCommand =
  | {
      readonly type: 'convene';
      readonly setup: {
        readonly statutorySize: number;
        readonly rules: BodyRules;
        readonly roster: readonly RosterMember[];
        readonly agenda: readonly AgendaLine[];
        readonly notice: MeetingNotice;
      };
    }
  /**
   * The notice as the meeting's setup now has it, after a change made once convened (a new
   * time or place, a paper filed or withdrawn): the server adds it (`notice`).
   */
  | { readonly type: 'amend_notice'; readonly notice: MeetingNotice }
  | {
      readonly type: 'open_sitting';
      /** The members in office on the day of the opening: the base of every count (T2). */
      readonly setup: { readonly roster: readonly RosterMember[] };
    }
  | { readonly type: 'close_sitting' }
  | {
      readonly type: 'check_in';
      readonly status: 'present_in_hall' | 'present_online';
      readonly connectionPoint?: string | undefined;
    }
  | {
      readonly type: 'record_attendance';
      readonly personId: string;
      readonly status: AttendanceStatus;
      readonly connectionPoint?: string | undefined;
      /** Why the member is absent, as the secretary wrote it. */
      readonly reason?: string | undefined;
    }
  /** "Có mặt đủ": every member not yet checked is recorded present in the hall. */
  | { readonly type: 'record_all_present' }
  | { readonly type: 'set_current_item'; readonly itemId: string }
  | { readonly type: 'close_item'; readonly itemId: string; readonly outcome: 'done' | 'deferred' }
  | {
      readonly type: 'reorder_agenda';
      readonly order: readonly { id: string; children: readonly string[] }[];
    }
  /** Bổ sung chương trình: an item the sitting adds, at the end or last under a heading. */
  | {
      readonly type: 'add_agenda_item';
      /** Made by the console, so a resend cannot add the item twice. */
      readonly itemId: string;
      readonly parentId: string | null;
      readonly title: string;
      readonly kind: AgendaItemKind;
      readonly durationMinutes: number;
    }
  | { readonly type: 'request_floor'; readonly requestId: string }
  | { readonly type: 'withdraw_floor'; readonly requestId: string }
  | { readonly type: 'grant_floor'; readonly requestId: string; readonly limitSeconds: number }
  | { readonly type: 'end_floor' }
  | { readonly type: 'appoint_tellers'; readonly personIds: readonly string[] }
  | {
      readonly type: 'open_poll';
      readonly pollId: string;
      readonly kind: PollKind;
      readonly title: string;
      readonly candidates?: readonly Candidate[] | undefined;
      readonly seats?: number | undefined;
      /** `two_thirds` for what needs at least two thirds (dismissal); else the body's rule. */
      readonly majority?: 'body' | 'two_thirds' | undefined;
    }
  /**
   * The server fills `count` from the ballot box after closing it; clients send only the id.
   * Null when the server found the poll not open and did not count (it opened meanwhile).
   */
  | { readonly type: 'close_poll'; readonly pollId: string; readonly count: PollCount | null }
  | { readonly type: 'annul_poll'; readonly pollId: string; readonly reason: string }
  /** The secretary enters (or corrects) the tellers' count of a secret poll's paper ballots. */
  | { readonly type: 'enter_paper_count'; readonly pollId: string; readonly paper: PaperCount }
  | { readonly type: 'sign_tally'; readonly pollId: string }
  | {
      readonly type: 'announce_designation';
      readonly personName: string;
      readonly post: string;
      readonly decision: string;
    }
  /**
   * The secretary submits the minutes at the `version` the screen showed; the server adds
   * what it stores (`minutes`: version, SHA-256, the log's head).
   */
  | { readonly type: 'submit_minutes'; readonly version: number; readonly minutes: MinutesFacts }
  /** The presiding officer sends a submission (or an addendum) back to be written again. */
  | { readonly type: 'return_minutes'; readonly reason: string }
  /**
   * The presiding officer approves the submission whose SHA-256 the screen showed; the server
   * adds the stored document's (`minutes`).
   */
  | { readonly type: 'approve_minutes'; readonly sha256: string; readonly minutes: MinutesFacts }
  /** A correction after approval; the server adds its text's SHA-256 and the log's head. */
  | {
      readonly type: 'submit_addendum';
      readonly addendumId: string;
      readonly text: string;
      readonly sha256: string;
      readonly head: LogPoint;
    }
  | { readonly type: 'approve_addendum'; readonly addendumId: string }
  /**
   * The presiding officer puts a connection point on the program, or null for the hall's
   * default; the server adds the points not revoked (`points`).
   */
  | {
      readonly type: 'set_program';
      readonly pointId: string | null;
      readonly points: readonly ConnectionPointSummary[];
    };

/** Why a command was refused; the protocol maps each to a sentence for the user. */
export const MEETING_ERROR_CODES = [
  'forbidden',
  'not_convened',
  'already_convened',
  'sitting_not_open',
  'sitting_already_opened',
  'no_members_in_office',
  'not_a_member',
  'connection_point_required',
  'unknown_connection_point',
  'check_in_already_requested',
  'unknown_item',
  'item_already_closed',
  'quorum_not_reached',
  'agenda_order_invalid',
  'already_requested',
  'unknown_request',
  'someone_is_speaking',
  'nobody_is_speaking',
  'no_current_item',
  'poll_already_open',
  'poll_not_open',
  'poll_still_open',
  'poll_changed',
  'unknown_poll',
  'poll_invalid',
  'poll_kind_not_allowed',
  'tellers_required',
  'not_a_teller',
  'already_signed',
  'not_entitled',
  'not_checked_in',
  'already_voted',
  'ballot_invalid',
  'paper_count_invalid',
  'not_a_secret_poll',
  'not_an_open_vote',
  'too_many_choices',
  'cast_id_reused',
  'receipt_not_yours',
  'command_id_reused',
  'sitting_still_open',
  'minutes_already_submitted',
  'minutes_not_submitted',
  'minutes_not_approved',
  'minutes_changed',
  'notice_unchanged',
  'meeting_closed',
] as const;

export type MeetingErrorCode = (typeof MEETING_ERROR_CODES)[number];

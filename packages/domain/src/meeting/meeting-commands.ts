import type { BodyRules } from '../body-rules.ts';
import type { AttendanceStatus } from './attendance.ts';
import type { AgendaLine } from './meeting-events.ts';
import type { RosterMember } from './meeting-state.ts';

/**
 * What someone asks of a meeting. `decide` turns a command into events or a refusal; the
 * server fills `open_sitting`'s setup from the database, never from the client.
 */
export type MeetingCommand =
  | {
      readonly type: 'open_sitting';
      readonly setup: {
        readonly totalSeats: number;
        readonly rules: BodyRules;
        readonly roster: readonly RosterMember[];
        readonly agenda: readonly AgendaLine[];
      };
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
    }
  | { readonly type: 'set_current_item'; readonly itemId: string }
  | { readonly type: 'close_item'; readonly itemId: string; readonly outcome: 'done' | 'deferred' }
  | {
      readonly type: 'reorder_agenda';
      readonly order: readonly { id: string; children: readonly string[] }[];
    }
  | { readonly type: 'request_floor'; readonly requestId: string }
  | { readonly type: 'withdraw_floor'; readonly requestId: string }
  | { readonly type: 'grant_floor'; readonly requestId: string; readonly limitSeconds: number }
  | { readonly type: 'end_floor' };

/** Why a command was refused; the protocol maps each to a sentence for the user. */
export const MEETING_ERROR_CODES = [
  'forbidden',
  'sitting_not_open',
  'sitting_already_opened',
  'not_a_member',
  'connection_point_required',
  'unknown_item',
  'item_already_closed',
  'quorum_not_reached',
  'agenda_order_invalid',
  'already_requested',
  'unknown_request',
  'someone_is_speaking',
  'nobody_is_speaking',
] as const;

export type MeetingErrorCode = (typeof MEETING_ERROR_CODES)[number];

import {
  ATTENDANCE_STATUS_VALUES,
  MEETING_ERROR_CODES,
  type MeetingEvent,
  type MeetingState,
} from '@hopxa/domain';
import { z } from 'zod';

const id = z.string().min(1).max(100);
const agendaOrder = z
  .array(z.strictObject({ id, children: z.array(id).max(100) }))
  .min(1)
  .max(200);

/**
 * Every command a client may send about a meeting. Strict: a field the command does not
 * have is refused, not silently dropped, so a garbled message never passes as a valid one. The server adds what only it may know
 * (the roster and agenda a sitting opens with) before the domain decides.
 */
export const meetingCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open_sitting') }),
  z.strictObject({ type: z.literal('close_sitting') }),
  z.strictObject({
    type: z.literal('check_in'),
    status: z.enum(['present_in_hall', 'present_online']),
    connectionPoint: z.string().trim().max(120).optional(),
  }),
  z.strictObject({
    type: z.literal('record_attendance'),
    personId: id,
    status: z.enum(ATTENDANCE_STATUS_VALUES),
    connectionPoint: z.string().trim().max(120).optional(),
  }),
  z.strictObject({ type: z.literal('set_current_item'), itemId: id }),
  z.strictObject({
    type: z.literal('close_item'),
    itemId: id,
    outcome: z.enum(['done', 'deferred']),
  }),
  z.strictObject({ type: z.literal('reorder_agenda'), order: agendaOrder }),
  z.strictObject({ type: z.literal('request_floor'), requestId: id }),
  z.strictObject({ type: z.literal('withdraw_floor'), requestId: id }),
  z.strictObject({
    type: z.literal('grant_floor'),
    requestId: id,
    limitSeconds: z.number().int().min(30).max(3600),
  }),
  z.strictObject({ type: z.literal('end_floor') }),
]);

export type MeetingCommandInput = z.infer<typeof meetingCommandSchema>;

/** `meeting:command`: a command with the id the client made for it (a retry reuses it). */
export const commandRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  commandId: z.uuid(),
  command: meetingCommandSchema,
});

/** `meeting:join`: follow a meeting; `sinceSeq` is the last event the client has, if any. */
export const joinRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  sinceSeq: z.number().int().min(0).nullable(),
});

/** A refusal, with the sentence to show in the interface's language. */
export type WireError = { readonly code: string; readonly message: string };

/**
 * The answer to every client message: `{ ok: true, seq, data }` after the change is
 * committed, or `{ ok: false, error }`; never an exception across the wire.
 */
export type Answer<T> = { ok: true; seq: number; data: T } | { ok: false; error: WireError };

/** What a joining client receives: the events it missed, or a whole snapshot. */
export type JoinData =
  | { readonly kind: 'events'; readonly events: readonly MeetingEvent[] }
  | { readonly kind: 'snapshot'; readonly state: MeetingState };

export type MeetingEventsMessage = {
  readonly meetingId: string;
  readonly events: readonly MeetingEvent[];
};

/** The typed Socket.IO maps: the only event names there are, inferred once for both ends. */
export type ClientToServerEvents = {
  'meeting:join': (
    request: z.input<typeof joinRequestSchema>,
    ack: (answer: Answer<JoinData>) => void,
  ) => void;
  'meeting:leave': (request: { meetingId: string }) => void;
  'meeting:command': (
    request: z.input<typeof commandRequestSchema>,
    ack: (answer: Answer<{ replayed: boolean }>) => void,
  ) => void;
};

export type ServerToClientEvents = {
  'meeting:events': (message: MeetingEventsMessage) => void;
};

export const WIRE_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'forbidden',
  'unavailable',
  ...MEETING_ERROR_CODES,
] as const;

import {
  AGENDA_ITEM_KIND_VALUES,
  ATTENDANCE_STATUS_VALUES,
  MOTION_CHOICES,
  POLL_KINDS,
} from '@hopxa/domain';
import { z } from 'zod';
import { optionalTypedText, typedText } from './typed-text.ts';

/** An id the server made (a uuid) or a client made (a request id): plain characters only. */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
/**
 * A candidate's id within a poll: short and plain, so every sealed ballot of the poll can be
 * padded to one length that no choice exceeds.
 */
const candidateId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** A number of ballots or votes, as tellers count them. */
const count = z.number().int().min(0).max(100_000);
const agendaOrder = z
  .array(z.strictObject({ id, children: z.array(id).max(100) }))
  .min(1)
  .max(200);

/**
 * Every command a client may send about a meeting. Strict: a field the command does not
 * have is refused, not silently dropped, so a garbled message never passes as a valid one.
 * The server adds what only it may know (the roster and agenda a meeting is convened with,
 * the members in office on the day it opens) before the domain decides.
 */
export const meetingCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('convene') }),
  // The notice again from the setup as it now stands; the server also sends it by itself.
  z.strictObject({ type: z.literal('amend_notice') }),
  z.strictObject({ type: z.literal('open_sitting') }),
  z.strictObject({ type: z.literal('close_sitting') }),
  z.strictObject({
    type: z.literal('check_in'),
    status: z.enum(['present_in_hall', 'present_online']),
    connectionPoint: optionalTypedText(120).optional(),
  }),
  z.strictObject({
    type: z.literal('record_attendance'),
    personId: id,
    status: z.enum(ATTENDANCE_STATUS_VALUES),
    connectionPoint: optionalTypedText(120).optional(),
    reason: optionalTypedText(200).optional(),
  }),
  z.strictObject({ type: z.literal('record_all_present') }),
  z.strictObject({ type: z.literal('set_current_item'), itemId: id }),
  z.strictObject({
    type: z.literal('close_item'),
    itemId: id,
    outcome: z.enum(['done', 'deferred']),
  }),
  z.strictObject({ type: z.literal('reorder_agenda'), order: agendaOrder }),
  z.strictObject({
    type: z.literal('add_agenda_item'),
    itemId: id,
    parentId: id.nullable(),
    title: typedText(300),
    kind: z.enum(AGENDA_ITEM_KIND_VALUES),
    durationMinutes: z.number().int().min(0).max(600),
  }),
  z.strictObject({ type: z.literal('request_floor'), requestId: id }),
  z.strictObject({ type: z.literal('withdraw_floor'), requestId: id }),
  z.strictObject({
    type: z.literal('grant_floor'),
    requestId: id,
    limitSeconds: z.number().int().min(30).max(3600),
  }),
  z.strictObject({ type: z.literal('end_floor') }),
  z.strictObject({
    type: z.literal('appoint_tellers'),
    personIds: z.array(id).min(1).max(15),
  }),
  z.strictObject({
    type: z.literal('open_poll'),
    pollId: z.uuid(),
    kind: z.enum(POLL_KINDS),
    title: typedText(300),
    candidates: z
      .array(z.strictObject({ id: candidateId, name: typedText(120) }))
      .max(100)
      .optional(),
    seats: z.number().int().min(1).max(100).optional(),
    majority: z.enum(['body', 'two_thirds']).optional(),
  }),
  z.strictObject({ type: z.literal('close_poll'), pollId: z.uuid() }),
  z.strictObject({ type: z.literal('annul_poll'), pollId: z.uuid(), reason: typedText(500) }),
  z.strictObject({
    type: z.literal('enter_paper_count'),
    pollId: z.uuid(),
    paper: z.strictObject({
      returned: count,
      invalid: count,
      blank: count,
      tally: z.strictObject({ inFavour: count, against: count, notVoting: count }),
      perCandidate: z.record(candidateId, count),
    }),
  }),
  z.strictObject({ type: z.literal('sign_tally'), pollId: z.uuid() }),
  z.strictObject({
    type: z.literal('announce_designation'),
    personName: typedText(120),
    post: typedText(200),
    decision: typedText(300),
  }),
  /** The version of the minutes the secretary's screen shows: submitted only if still current. */
  z.strictObject({ type: z.literal('submit_minutes'), version: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('return_minutes'), reason: typedText(500) }),
  /** The SHA-256 the presiding officer's screen shows: approved only if it is the one submitted. */
  z.strictObject({
    type: z.literal('approve_minutes'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  z.strictObject({
    type: z.literal('submit_addendum'),
    addendumId: z.uuid(),
    text: typedText(5000, { multiline: true }),
  }),
  z.strictObject({ type: z.literal('approve_addendum'), addendumId: z.uuid() }),
  /** A connection point of the meeting for the program, or null for the hall. */
  z.strictObject({ type: z.literal('set_program'), pointId: z.uuid().nullable() }),
]);

export type MeetingCommandInput = z.infer<typeof meetingCommandSchema>;

/** `meeting:command`: a command with the id the client made for it (a retry reuses it). */
export const commandRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  commandId: z.uuid(),
  command: meetingCommandSchema,
});

/**
 * A receipt code: made by the server for a secret ballot and shown on the voter's screen
 * only, 16 characters of Crockford base32. Part of it is kept, hashed, beside the ballot once
 * the poll closes; the rest is a keyed tag of the voter, so only the account that cast the
 * ballot can have it checked.
 */
export const receiptCodeSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/);

export const ballotSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('motion'), choice: z.enum(MOTION_CHOICES) }),
  z.strictObject({ kind: z.literal('election'), candidateIds: z.array(candidateId).max(100) }),
]);

/**
 * `poll:cast`: one ballot into an open poll. `castId` is made by the tablet once per ballot
 * and sent with every copy, so a resend is counted once (rule I2).
 */
export const castRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  pollId: z.uuid(),
  castId: z.uuid(),
  ballot: ballotSchema,
});

/**
 * `poll:verify`: after closing, a voter asks whether the ballot with their receipt was
 * counted, and as what; only the account the receipt was given to is answered.
 */
export const verifyReceiptRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  pollId: z.uuid(),
  receipt: receiptCodeSchema,
});

/** `meeting:leave`: stop following a meeting. */
export const leaveRequestSchema = z.strictObject({ meetingId: z.uuid() });

/** `meeting:join`: follow a meeting; `sinceSeq` is the last event the client has, if any. */
export const joinRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  sinceSeq: z.number().int().min(0).nullable(),
});

/**
 * `poll:enter`: the secretary enters a present member's show of hands in an open vote, for a
 * member without a tablet (V18). `castId` is made by the secretary's screen once per entry,
 * so a resend is counted once.
 */
export const enterVoteRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  pollId: z.uuid(),
  castId: z.uuid(),
  personId: z.uuid(),
  choice: z.enum(MOTION_CHOICES),
});

import {
  MEETING_ERROR_CODES,
  type Ballot,
  type MeetingEvent,
  type MeetingState,
  type QuorumFigures,
} from '@hopxa/domain';
import { z } from 'zod';
import type { PackedBoardSnapshot } from './board-packing.ts';
import type { BoardChangesMessage, BoardJoinRequest } from './board.schema.ts';
import {
  castRequestSchema,
  commandRequestSchema,
  enterVoteRequestSchema,
  joinRequestSchema,
  leaveRequestSchema,
  verifyReceiptRequestSchema,
} from './meeting.schema.ts';
import type {
  MinutesData,
  MinutesStepsData,
  MinutesStepsMessage,
  minutesJoinRequestSchema,
  minutesSinceRequestSchema,
  minutesStepsRequestSchema,
} from './minutes.schema.ts';
import type {
  PointStatus,
  VideoEndedMessage,
  VideoPointsData,
  VideoPointsMessage,
  VideoSessionData,
  videoLeaveRequestSchema,
  videoMeetingRequestSchema,
  videoPublishRequestSchema,
  videoSwitchRequestSchema,
  videoWatchRequestSchema,
} from './video.schema.ts';

/** Every refusal a client can be answered with; each has its sentence on the server. */
export const WIRE_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'forbidden',
  'unavailable',
  'too_many_refusals',
  'log_broken',
  'minutes_stale',
  'minutes_invalid',
  'minutes_locked',
  'video_unavailable',
  'video_credential_refused',
  'video_offer_refused',
  ...MEETING_ERROR_CODES,
] as const;

export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

/**
 * A refusal, with the sentence to show in the interface's language; a refusal for want of
 * quorum also gives the figures (present, required, members in office), in the sentence too.
 */
export type WireError = {
  readonly code: string;
  readonly message: string;
  readonly quorum?: QuorumFigures;
};

/**
 * The answer to every client message: `{ ok: true, seq, data }` after the change is
 * committed, or `{ ok: false, error }`; never an exception across the wire.
 */
export type Answer<T> = { ok: true; seq: number; data: T } | { ok: false; error: WireError };

/**
 * Where a meeting's log ends: the seq of its last event and a short fingerprint of that
 * event's keyed hash. Shown on the hall display with each result and printed on the minutes,
 * so a later rewrite of the record shows against what was seen and signed.
 *
 * @example
 * { seq: 57, fingerprint: '3F9A-1C2E' }
 */
export const logHeadSchema = z.object({
  seq: z.number().int().min(1),
  fingerprint: z.string().regex(/^[0-9A-F]{4}-[0-9A-F]{4}$/),
});
export type LogHead = z.infer<typeof logHeadSchema>;

/**
 * How far an open poll has got: how many have voted and, for an open vote, who (the
 * presiding officer sees who has not). Sent to the room at most every 100 ms; `voters`
 * there are the ones new since the last message, in a join answer all of them.
 */
export const pollProgressSchema = z.object({
  pollId: z.string(),
  voted: z.number().int().min(0),
  voters: z.array(z.string()).readonly(),
});
export type PollProgress = z.infer<typeof pollProgressSchema>;

/** `poll:progress`, from the server to a meeting's room. */
export const pollProgressMessageSchema = pollProgressSchema.extend({ meetingId: z.string() });
export type PollProgressMessage = z.infer<typeof pollProgressMessageSchema>;

/** An event as the log keeps it: the domain's reducer checks the rest as it applies it. */
const meetingEventSchema = z.custom<MeetingEvent>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { seq?: unknown }).seq === 'number' &&
    typeof (value as { type?: unknown }).type === 'string',
);

/** `meeting:events`, from the server to a meeting's room: new events, and where the log ends. */
export const meetingEventsMessageSchema = z.object({
  meetingId: z.string(),
  events: z.array(meetingEventSchema).readonly(),
  head: logHeadSchema,
});
export type MeetingEventsMessage = z.infer<typeof meetingEventsMessageSchema>;

/**
 * Why the server refused a connection, in the handshake's error data: an out-of-date page
 * (reload it), or no session (sign in, or pair the tablet again).
 */
export const connectRefusalSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('protocol_mismatch'), serverVersion: z.number().int() }),
  z.object({ code: z.literal('unauthenticated') }),
]);
export type ConnectRefusal = z.infer<typeof connectRefusalSchema>;

/** What a joining client receives: the events it missed, or a whole snapshot. */
export type JoinData = (
  | { readonly kind: 'events'; readonly events: readonly MeetingEvent[] }
  | { readonly kind: 'snapshot'; readonly state: MeetingState }
) & {
  /** The open poll's progress, if one is open. */
  readonly progress: PollProgress | null;
  /** Where the log ends; null before its first event. */
  readonly head: LogHead | null;
};

/**
 * What a recorded ballot gets back: `replayed` when it is a resend of one already in; for a
 * secret ballot its receipt code (the same for every copy), null for an open vote.
 */
export type CastData = { readonly replayed: boolean; readonly receipt: string | null };

/** Whether the ballot with this receipt was counted, and as what. */
export type ReceiptData = {
  readonly counted: boolean;
  readonly ballot: Ballot | null;
};

/**
 * The typed Socket.IO maps: the only event names there are, for both ends. Each client
 * message is its request schema's input and an acknowledgement with its `Answer`; the server
 * answers every one.
 */
export type ClientToServerEvents = {
  'meeting:join': (
    request: z.input<typeof joinRequestSchema>,
    ack: (answer: Answer<JoinData>) => void,
  ) => void;
  'meeting:leave': (
    request: z.input<typeof leaveRequestSchema>,
    ack?: (answer: Answer<null>) => void,
  ) => void;
  'meeting:command': (
    request: z.input<typeof commandRequestSchema>,
    ack: (answer: Answer<{ replayed: boolean }>) => void,
  ) => void;
  'poll:cast': (
    request: z.input<typeof castRequestSchema>,
    ack: (answer: Answer<CastData>) => void,
  ) => void;
  'poll:verify': (
    request: z.input<typeof verifyReceiptRequestSchema>,
    ack: (answer: Answer<ReceiptData>) => void,
  ) => void;
  'poll:enter': (
    request: z.input<typeof enterVoteRequestSchema>,
    ack: (answer: Answer<CastData>) => void,
  ) => void;
  'minutes:join': (
    request: z.input<typeof minutesJoinRequestSchema>,
    ack: (answer: Answer<MinutesData>) => void,
  ) => void;
  'minutes:since': (
    request: z.input<typeof minutesSinceRequestSchema>,
    ack: (answer: Answer<MinutesStepsData>) => void,
  ) => void;
  'minutes:steps': (
    request: z.input<typeof minutesStepsRequestSchema>,
    ack: (answer: Answer<{ version: number; replayed: boolean }>) => void,
  ) => void;
  'video:publish': (
    request: z.input<typeof videoPublishRequestSchema>,
    ack: (answer: Answer<VideoSessionData>) => void,
  ) => void;
  'video:watch': (
    request: z.input<typeof videoWatchRequestSchema>,
    ack: (answer: Answer<VideoSessionData>) => void,
  ) => void;
  'video:switch': (
    request: z.input<typeof videoSwitchRequestSchema>,
    ack: (answer: Answer<null>) => void,
  ) => void;
  'video:leave': (
    request: z.input<typeof videoLeaveRequestSchema>,
    ack?: (answer: Answer<null>) => void,
  ) => void;
  'video:points': (
    request: z.input<typeof videoMeetingRequestSchema>,
    ack: (answer: Answer<VideoPointsData>) => void,
  ) => void;
  'video:status': (
    request: z.input<typeof videoMeetingRequestSchema>,
    ack: (answer: Answer<{ readonly points: readonly PointStatus[] }>) => void,
  ) => void;
  'board:join': (
    request: BoardJoinRequest,
    ack: (answer: Answer<PackedBoardSnapshot>) => void,
  ) => void;
  'board:leave': (request: BoardJoinRequest, ack?: (answer: Answer<null>) => void) => void;
};

/** The data a client message is answered with. */
export type AnswerData<E extends keyof ClientToServerEvents> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (answer: Answer<infer T>) => void
    ? T
    : never;

/** Every event name a client may send; anything else is answered `invalid_input`. */
export const CLIENT_EVENTS = [
  'meeting:join',
  'meeting:leave',
  'meeting:command',
  'poll:cast',
  'poll:verify',
  'poll:enter',
  'minutes:join',
  'minutes:since',
  'minutes:steps',
  'video:publish',
  'video:watch',
  'video:switch',
  'video:leave',
  'video:points',
  'video:status',
  'board:join',
  'board:leave',
] as const satisfies readonly (keyof ClientToServerEvents)[];

/**
 * `notice:changed`, to each member's own screens: a meeting they sit in was convened, or its
 * notice changed (NT1, NT2); the screen reads the notice again.
 */
export type NoticeChangedMessage = { readonly meetingId: string; readonly version: number };

export type ServerToClientEvents = {
  'notice:changed': (message: NoticeChangedMessage) => void;
  'meeting:events': (message: MeetingEventsMessage) => void;
  'poll:progress': (message: PollProgressMessage) => void;
  'minutes:steps': (message: MinutesStepsMessage) => void;
  'video:ended': (message: VideoEndedMessage) => void;
  'video:points': (message: VideoPointsMessage) => void;
  'board:changes': (message: BoardChangesMessage) => void;
};

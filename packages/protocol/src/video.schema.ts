import { CONNECTION_POINT_KINDS, type ConnectionPointSummary } from '@hopxa/domain';
import { z } from 'zod';
import { typedText } from './typed-text.ts';

/** `POST /api/meetings/:meetingId/connection-points`: a point the secretariat adds. */
export const newConnectionPointRequestSchema = z.strictObject({
  kind: z.enum(CONNECTION_POINT_KINDS),
  name: typedText(120),
  people: typedText(500).optional(),
  followerAccountId: z.uuid().nullable().optional(),
});
export type NewConnectionPointRequest = z.infer<typeof newConnectionPointRequestSchema>;

/** A point as setup lists it; its credential never again after it was made. */
export const connectionPointViewSchema = z.object({
  pointId: z.string(),
  kind: z.enum(CONNECTION_POINT_KINDS),
  name: z.string(),
  people: z.string(),
  followerAccountId: z.string().nullable(),
  followerName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ConnectionPointView = z.infer<typeof connectionPointViewSchema>;

/** `GET /api/meetings/:meetingId/connection-points`. */
export const connectionPointsResponseSchema = z.object({
  points: z.array(connectionPointViewSchema),
  /** The follower accounts that may be bound to a point of this meeting. */
  followers: z.array(z.object({ accountId: z.string(), displayName: z.string() })),
});
export type ConnectionPointsResponse = z.infer<typeof connectionPointsResponseSchema>;

/** `POST .../connection-points`: the point, and its credential, shown this once. */
export const newConnectionPointResponseSchema = z.object({
  point: connectionPointViewSchema,
  credential: z.string(),
});

/** An SDP offer or answer: plain text of bounded size, ICE candidates gathered in it. */
const sdp = z
  .string()
  .min(10)
  .max(20_000)
  .refine((text) => text.startsWith('v=0'), { message: 'not an SDP description' });

const videoSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('point'), pointId: z.uuid() }),
  z.strictObject({ kind: z.literal('program') }),
]);

const videoQualitySchema = z.enum(['high', 'low']);

/** `video:publish`: a point's camera and microphone, with the point's own credential. */
export const videoPublishRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  credential: z.string().min(1).max(200),
  offer: sdp,
});

/** `video:watch`: a receive-only offer for one point's feed or the program. */
export const videoWatchRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  source: videoSourceSchema,
  quality: videoQualitySchema,
  offer: sdp,
});

/** `video:switch`: the same viewer, another source or quality, without a new offer. */
export const videoSwitchRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  sessionId: z.uuid(),
  source: videoSourceSchema,
  quality: videoQualitySchema,
});

/** `video:leave`: ends one of the caller's own sessions. */
export const videoLeaveRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  sessionId: z.uuid(),
});

/** `video:points` and `video:status`: about one meeting. */
export const videoMeetingRequestSchema = z.strictObject({ meetingId: z.uuid() });

/** The answer to a publish or a watch: the session and the server's SDP answer. */
export type VideoSessionData = { readonly sessionId: string; readonly answer: string };

/** A meeting's live connection points: what viewers may pick and the program may show. */
export type VideoPointsData = { readonly points: readonly ConnectionPointSummary[] };

/** How one point's link is doing, for the presiding officer's and the technician's screens. */
export type PointStatus = ConnectionPointSummary & {
  readonly connected: boolean;
  readonly bitrate: number;
  readonly loss: number;
  readonly lastSeenAt: string | null;
  readonly viewers: number;
};

/** `video:ended`, from the server to the one client whose session ended. */
export type VideoEndedMessage = {
  readonly meetingId: string;
  readonly sessionId: string;
  /** Revoked point, replaced by a newer publisher, peer lost, or the server's video restarted. */
  readonly reason: 'revoked' | 'replaced' | 'failed' | 'peer_closed';
};

/** `video:points`, from the server to a meeting's room when its points change. */
export type VideoPointsMessage = VideoPointsData & { readonly meetingId: string };

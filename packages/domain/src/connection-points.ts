import type { Actor } from './authorization.ts';
import type { Localized } from './localized.ts';

/**
 * A place that follows a meeting with linked video (điểm cầu): the hall itself (the main
 * point), the province's point, another commune's. The secretariat adds them; each has a
 * publish credential, and a follower account may be bound to it.
 */
export const CONNECTION_POINT_KINDS = ['hall', 'province', 'commune', 'other'] as const;

export type ConnectionPointKind = (typeof CONNECTION_POINT_KINDS)[number];

export const CONNECTION_POINT_KIND_NAMES: Readonly<Record<ConnectionPointKind, Localized>> = {
  hall: { vi: 'Hội trường (điểm cầu chính)', en: 'The hall (main point)' },
  province: { vi: 'Điểm cầu tỉnh', en: "The province's point" },
  commune: { vi: 'Điểm cầu xã, phường', en: "A commune's point" },
  other: { vi: 'Điểm cầu khác', en: 'Another point' },
};

/** A connection point as the rules see it: revoked points take no part. */
export type ConnectionPointSummary = {
  readonly pointId: string;
  readonly kind: ConnectionPointKind;
  readonly name: string;
};

/** The randomness of a point's publish credential, in bytes: unguessable, as a session token. */
export const CONNECTION_POINT_CREDENTIAL_BYTES = 32;

/** The point of `meetingId` a follower account is bound to: it watches and speaks as that point. */
export function boundPoint(
  actor: Pick<Actor, 'connectionPoints'>,
  meetingId: string,
): { readonly pointId: string; readonly name: string } | null {
  return actor.connectionPoints?.find((point) => point.meetingId === meetingId) ?? null;
}

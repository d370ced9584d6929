import type { Database } from '@hopxa/db';
import { programPoint, type MeetingState, type MeetingTarget } from '@hopxa/domain';
import type {
  PointStatus,
  VideoEndedMessage,
  VideoPointsData,
  VideoSessionData,
} from '@hopxa/protocol';
import type { VideoQuality, VideoRouter, VideoSource } from '@hopxa/sfu';
import type { Logger } from '../logger.ts';
import type { Outcome } from '../meetings/meeting-engine.ts';
import { livePoints, pointOfCredential } from './connection-points.service.ts';

/** Who holds a session: a socket's id, or a WHIP/WHEP resource's own key (`HTTP_OWNER`...). */
export type SessionOwner = string;

/** The prefix of the owner of a session made over HTTP (WHIP, WHEP): no socket holds it. */
export const HTTP_OWNER = 'http:';

/** How long an owner that went away is remembered, for answers still on their way. */
const GONE_KEPT_MS = 60_000;

/** A publishing point silent this long is reported not connected (its line is gone). */
const SILENT_AFTER_MS = 3_000;

/** The events after which the program may show another point (PG1, PG2). */
export const PROGRAM_EVENTS: ReadonlySet<string> = new Set([
  'program_set',
  'floor_granted',
  'floor_ended',
  'sitting_closed',
]);

/** What a home needs of the realtime side, which exists only once the http server does. */
export type VideoHomeLink = {
  /** The meeting's state as the log now ends. */
  readonly state: (target: MeetingTarget) => Promise<MeetingState>;
  /** A session ended other than by its owner's asking. */
  readonly ended: (owner: SessionOwner, message: VideoEndedMessage) => void;
  /** A meeting's points changed. */
  readonly points: (meetingId: string, data: VideoPointsData) => void;
};

type HeldSession = {
  readonly owner: SessionOwner;
  readonly meetingId: string;
  readonly role: 'publisher' | 'viewer';
  /** The point published at, or the point a viewer watches from. */
  readonly pointId: string | null;
};

/**
 * The video of the meetings whose home is this process: who may publish and watch (the
 * meeting's access rules and a point's own credential), which sessions each socket or
 * WHIP/WHEP resource holds, and the program kept in step with the log (PG1-PG3). The router
 * forwards the media; it trusts this home, which asks the rules first. `VideoDesk` brings
 * every call here, or to the process that is the meeting's home.
 */
export class VideoHome {
  private readonly sessions = new Map<string, HeldSession>();
  /** The program point each meeting's router was last told, so it is told only of changes. */
  private readonly programs = new Map<string, string | null>();
  /** Each meeting's program refresh in flight, so refreshes run one after another. */
  private readonly refreshing = new Map<string, Promise<void>>();
  /**
   * The points that have published here, per meeting: one silent now has dropped its line
   * (the province board's alert), until the meeting is let go.
   */
  private readonly linked = new Map<string, Set<string>>();
  /** Owners that went away lately, with when: a late answer for one of them is not kept. */
  private readonly gone = new Map<SessionOwner, number>();
  private readonly db: Database;
  private readonly router: VideoRouter | null;
  private readonly logger: Logger;
  private link: VideoHomeLink | undefined;

  constructor(options: {
    readonly db: Database;
    /** Null when video is switched off on this server: every video message is refused. */
    readonly router: VideoRouter | null;
    readonly logger: Logger;
  }) {
    this.db = options.db;
    this.router = options.router;
    this.logger = options.logger;
    this.router?.onSessionEnded((ended) => {
      const held = this.sessions.get(ended.sessionId);
      if (!held) return;
      this.forget(ended.sessionId);
      this.link?.ended(held.owner, {
        meetingId: held.meetingId,
        sessionId: ended.sessionId,
        reason: ended.reason,
      });
    });
  }

  /** Wires the home to the realtime side once it exists (the engine's state, the rooms). */
  connect(link: VideoHomeLink): void {
    this.link = link;
  }

  /** A point's camera and microphone: only with that point's own live credential. */
  async publish(
    owner: SessionOwner,
    target: MeetingTarget,
    credential: string,
    offer: string,
  ): Promise<Outcome<VideoSessionData>> {
    const router = this.router;
    if (!router) return { ok: false, code: 'video_unavailable' };
    const point = await pointOfCredential(this.db, credential);
    if (!point || point.meetingId !== target.meetingId)
      return { ok: false, code: 'video_credential_refused' };
    return this.open(
      owner,
      { meetingId: target.meetingId, role: 'publisher', pointId: point.pointId },
      () => router.publish({ meetingId: target.meetingId, pointId: point.pointId, offer }),
    );
  }

  /**
   * A viewer's offer for a live point of the meeting or its program (meeting.view, asked
   * before). A viewer watching as a point (`viewerPointId`) is cut with it when it is revoked.
   */
  async watch(
    owner: SessionOwner,
    target: MeetingTarget,
    viewerPointId: string | null,
    request: {
      readonly source: VideoSource;
      readonly quality: VideoQuality;
      readonly offer: string;
    },
  ): Promise<Outcome<VideoSessionData>> {
    const router = this.router;
    if (!router) return { ok: false, code: 'video_unavailable' };
    const { meetingId } = target;
    if (!(await this.sourceIsLive(meetingId, request.source)))
      return { ok: false, code: 'unknown_connection_point' };
    // A home that has not yet told its router this meeting's program does so first (a
    // restarted SFU keeps the programs it was told: nothing to tell it again).
    if (request.source.kind === 'program') await this.refreshProgram(target);
    return this.open(owner, { meetingId, role: 'viewer', pointId: viewerPointId }, () =>
      router.subscribe({
        meetingId,
        source: request.source,
        quality: request.quality,
        viewerPointId,
        offer: request.offer,
      }),
    );
  }

  /** Another source or quality for one of the owner's viewing sessions. */
  async switchSource(
    owner: SessionOwner,
    target: MeetingTarget,
    request: {
      readonly sessionId: string;
      readonly source: VideoSource;
      readonly quality: VideoQuality;
    },
  ): Promise<Outcome<null>> {
    const router = this.router;
    if (!router) return { ok: false, code: 'video_unavailable' };
    const held = this.sessions.get(request.sessionId);
    if (
      !held ||
      held.owner !== owner ||
      held.meetingId !== target.meetingId ||
      held.role !== 'viewer'
    )
      return { ok: false, code: 'not_found' };
    if (!(await this.sourceIsLive(target.meetingId, request.source)))
      return { ok: false, code: 'unknown_connection_point' };
    await router.switchSource(request.sessionId, request.source, request.quality);
    return { ok: true, seq: 0, data: null };
  }

  /**
   * Ends one of the owner's sessions. Leaving one already ended does nothing, as leaving a
   * room twice does (a page leaves what the server may have ended a moment before); another
   * owner's session is left alone.
   */
  async leave(owner: SessionOwner, meetingId: string, sessionId: string): Promise<Outcome<null>> {
    const held = this.sessions.get(sessionId);
    if (held && held.owner === owner && held.meetingId === meetingId) {
      this.forget(sessionId);
      await this.router?.close(sessionId);
    }
    return { ok: true, seq: 0, data: null };
  }

  /**
   * Ends a WHIP or WHEP session for the point whose credential asked (its DELETE): a session
   * of another point, or of a socket, is not found.
   */
  async closeForPoint(meetingId: string, sessionId: string, pointId: string): Promise<boolean> {
    const held = this.sessions.get(sessionId);
    if (!held || held.meetingId !== meetingId || held.pointId !== pointId) return false;
    if (!held.owner.startsWith(HTTP_OWNER)) return false;
    this.forget(sessionId);
    await this.router?.close(sessionId);
    return true;
  }

  /** The owner went away (its socket closed): every session it held ends. */
  async ownerGone(owner: SessionOwner): Promise<void> {
    // A session whose answer is still on its way when its owner goes is ended on arrival.
    // Deleted first, so that an owner gone again moves to the back with its new time.
    this.gone.delete(owner);
    this.gone.set(owner, Date.now());
    // Kept in the order they went: the old ones are at the front, and the scan stops at the
    // first still kept (thousands of sockets closing at once cost no more than one each).
    for (const [each, at] of this.gone) {
      if (Date.now() - at <= GONE_KEPT_MS) break;
      this.gone.delete(each);
    }
    const mine = [...this.sessions].filter(([, held]) => held.owner === owner);
    for (const [sessionId] of mine) {
      this.forget(sessionId);
      await this.router?.close(sessionId);
    }
  }

  /** The meeting's live points, for viewers to pick from and the program to show. */
  async points(target: MeetingTarget): Promise<Outcome<VideoPointsData>> {
    return { ok: true, seq: 0, data: { points: await livePoints(this.db, target.meetingId) } };
  }

  /**
   * How many of the points that published here are silent now (dropped, or hung up), for
   * each meeting whose video is here; a revoked point is not counted.
   */
  async droppedPoints(): Promise<Map<string, number>> {
    const dropped = new Map<string, number>();
    for (const [meetingId, points] of this.linked) {
      const outcome = await this.status({ meetingId });
      if (!outcome.ok) continue;
      const silent = outcome.data.points.filter(
        (point) => points.has(point.pointId) && !point.connected,
      );
      dropped.set(meetingId, silent.length);
    }
    return dropped;
  }

  /** A meeting whose sitting is over: its points are no longer watched for drops. */
  unlink(meetingId: string): void {
    this.linked.delete(meetingId);
  }

  /** How each live point's link is doing, for the presiding officer and the technician. */
  async status(
    target: Pick<MeetingTarget, 'meetingId'>,
  ): Promise<Outcome<{ readonly points: readonly PointStatus[] }>> {
    const points = await livePoints(this.db, target.meetingId);
    const stats = this.router ? await this.router.stats(target.meetingId) : [];
    const now = Date.now();
    return {
      ok: true,
      seq: 0,
      data: {
        points: points.map((point) => {
          const link = stats.find((each) => each.pointId === point.pointId);
          return {
            ...point,
            // A peer whose line went dead looks connected until ICE gives up (about 30 s):
            // no packet for a few seconds already counts as a dropped point.
            connected:
              (link?.connected ?? false) &&
              link?.lastPacketAt !== null &&
              now - (link?.lastPacketAt ?? 0) < SILENT_AFTER_MS,
            bitrate: link?.bitrate ?? 0,
            loss: link?.loss ?? 0,
            lastSeenAt: link?.lastPacketAt ? new Date(link.lastPacketAt).toISOString() : null,
            viewers: link?.viewers ?? 0,
          };
        }),
      },
    };
  }

  /** A point was added or revoked: screens get the new list, a revoked point's sessions end. */
  async pointsChanged(target: MeetingTarget, revokedPointId: string | null): Promise<void> {
    if (revokedPointId) {
      const cut = [...this.sessions].filter(
        ([, held]) => held.meetingId === target.meetingId && held.pointId === revokedPointId,
      );
      for (const [sessionId, held] of cut) {
        this.forget(sessionId);
        this.link?.ended(held.owner, { meetingId: held.meetingId, sessionId, reason: 'revoked' });
      }
      await this.router?.closePoint(target.meetingId, revokedPointId);
    }
    this.link?.points(target.meetingId, { points: await livePoints(this.db, target.meetingId) });
    await this.refreshProgram(target);
  }

  /**
   * Keeps the router's program on the point the rules give (PG1-PG3): called after the
   * meeting's events commit and whenever its points change.
   */
  refreshProgram(target: MeetingTarget): Promise<void> {
    // One at a time per meeting, so a refresh that read the state before the floor ended
    // cannot land after one that read it after.
    const { meetingId } = target;
    const next = (this.refreshing.get(meetingId) ?? Promise.resolve()).then(async () => {
      if (!this.router || !this.link) return;
      const [state, points] = await Promise.all([
        this.link.state(target),
        livePoints(this.db, meetingId),
      ]);
      const pointId = programPoint(state, points);
      if (this.programs.get(meetingId) === pointId) return;
      this.programs.set(meetingId, pointId);
      await this.router.setProgram(meetingId, pointId);
    });
    const settled = next.catch(() => undefined);
    this.refreshing.set(meetingId, settled);
    void settled.then(() => {
      if (this.refreshing.get(meetingId) === settled) this.refreshing.delete(meetingId);
    });
    return next;
  }

  /** The meetings this home holds sessions of now. */
  meetingsHeld(): Set<string> {
    return new Set([...this.sessions.values()].map((held) => held.meetingId));
  }

  private async sourceIsLive(meetingId: string, source: VideoSource): Promise<boolean> {
    if (source.kind === 'program') return true;
    return (await livePoints(this.db, meetingId)).some((point) => point.pointId === source.pointId);
  }

  private async open(
    owner: SessionOwner,
    held: Omit<HeldSession, 'owner'>,
    start: () => Promise<{ sessionId: string; answer: string }>,
  ): Promise<Outcome<VideoSessionData>> {
    try {
      const { sessionId, answer } = await start();
      // While the answer was made, the owner may have gone or the point been revoked: the
      // session is ended at once rather than left on air.
      const revoked =
        held.pointId !== null &&
        !(await livePoints(this.db, held.meetingId)).some(
          (point) => point.pointId === held.pointId,
        );
      if (this.gone.has(owner) || revoked) {
        await this.router?.close(sessionId);
        return {
          ok: false,
          code: held.role === 'publisher' ? 'video_credential_refused' : 'unknown_connection_point',
        };
      }
      this.sessions.set(sessionId, { ...held, owner });
      if (held.role === 'publisher' && held.pointId !== null) {
        const points = this.linked.get(held.meetingId) ?? new Set<string>();
        this.linked.set(held.meetingId, points.add(held.pointId));
      }
      return { ok: true, seq: 0, data: { sessionId, answer } };
    } catch (error) {
      this.logger.warn({ err: error, meetingId: held.meetingId }, 'video offer refused');
      return { ok: false, code: 'video_offer_refused' };
    }
  }

  private forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}

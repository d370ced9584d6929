import type { Database } from '@hopxa/db';
import type { MeetingTarget } from '@hopxa/domain';
import type { PointStatus, VideoPointsData, VideoSessionData } from '@hopxa/protocol';
import type { VideoQuality, VideoRouter, VideoSource } from '@hopxa/sfu';
import type { Logger } from '../logger.ts';
import type { Outcome } from '../meetings/meeting-engine.ts';
import type { RedisClient } from '../services.ts';
import { VideoHome, type SessionOwner, type VideoHomeLink } from './video-home.ts';
import { RENEW_EVERY_MS, VideoHomes } from './video-homes.ts';

export { HTTP_OWNER, PROGRAM_EVENTS, type SessionOwner } from './video-home.ts';

/** One call of the desk, as it travels to the process that is the meeting's video home. */
export type HomeCall =
  | {
      readonly op: 'publish';
      readonly owner: SessionOwner;
      readonly target: MeetingTarget;
      readonly credential: string;
      readonly offer: string;
    }
  | {
      readonly op: 'watch';
      readonly owner: SessionOwner;
      readonly target: MeetingTarget;
      readonly viewerPointId: string | null;
      readonly request: WatchRequest;
    }
  | {
      readonly op: 'switchSource';
      readonly owner: SessionOwner;
      readonly target: MeetingTarget;
      readonly request: SwitchRequest;
    }
  | {
      readonly op: 'leave';
      readonly owner: SessionOwner;
      readonly meetingId: string;
      readonly sessionId: string;
    }
  | {
      readonly op: 'closeForPoint';
      readonly meetingId: string;
      readonly sessionId: string;
      readonly pointId: string;
    }
  | { readonly op: 'status'; readonly target: MeetingTarget }
  | {
      readonly op: 'pointsChanged';
      readonly target: MeetingTarget;
      readonly revokedPointId: string | null;
    }
  | { readonly op: 'refreshProgram'; readonly target: MeetingTarget };

type WatchRequest = {
  readonly source: VideoSource;
  readonly quality: VideoQuality;
  readonly offer: string;
};
type SwitchRequest = {
  readonly sessionId: string;
  readonly source: VideoSource;
  readonly quality: VideoQuality;
};

/** What the desk needs of the realtime side: the home's needs, and the other processes. */
export type VideoDeskLink = VideoHomeLink & {
  /** Several processes: runs `call` in the process `home`; rejects when none answers as it. */
  readonly ask?: (home: string, call: HomeCall) => Promise<unknown>;
  /** Several processes: tells every other process that a socket went away. */
  readonly ownerGone?: (owner: SessionOwner) => void;
};

/**
 * Linked video, as the routes and the socket handlers ask it. In one process every call is
 * this process's home's; with several (REDIS_URL) a call goes to the meeting's home (one
 * process's SFU holds all of a meeting's sessions), claimed by the first process that
 * publishes or watches there, so a point and its viewers meet wherever their sockets land.
 */
export class VideoDesk {
  /** This process's own meetings' video, and what other processes ask of it. */
  readonly home: VideoHome;
  private readonly homes: VideoHomes | null;
  private link: VideoDeskLink | undefined;
  private renewal: ReturnType<typeof setInterval> | undefined;

  constructor(options: {
    readonly db: Database;
    /** Null when video is switched off on this server: every video message is refused. */
    readonly router: VideoRouter | null;
    readonly logger: Logger;
    /** Several processes share the rooms through it: meetings then have one video home. */
    readonly redis?: RedisClient;
  }) {
    this.home = new VideoHome(options);
    this.homes = options.redis && options.router ? new VideoHomes(options.redis) : null;
  }

  /** This process, as other processes name it when they ask it (`handle`). */
  get here(): string | null {
    return this.homes?.here ?? null;
  }

  /** Wires the desk to the realtime side once it exists. */
  connect(link: VideoDeskLink): void {
    this.link = link;
    this.home.connect(link);
    if (this.homes && !this.renewal) {
      const homes = this.homes;
      this.renewal = setInterval(
        () => void homes.renew(this.home.meetingsHeld()).catch(() => undefined),
        RENEW_EVERY_MS,
      );
      this.renewal.unref();
    }
  }

  /** Runs a call in this process's home: what another process asks of it. */
  handle(call: HomeCall): Promise<unknown> {
    const { home } = this;
    switch (call.op) {
      case 'publish':
        return home.publish(call.owner, call.target, call.credential, call.offer);
      case 'watch':
        return home.watch(call.owner, call.target, call.viewerPointId, call.request);
      case 'switchSource':
        return home.switchSource(call.owner, call.target, call.request);
      case 'leave':
        return home.leave(call.owner, call.meetingId, call.sessionId);
      case 'closeForPoint':
        return home.closeForPoint(call.meetingId, call.sessionId, call.pointId);
      case 'status':
        return home.status(call.target);
      case 'pointsChanged':
        return home.pointsChanged(call.target, call.revokedPointId);
      case 'refreshProgram':
        return home.refreshProgram(call.target);
    }
  }

  /** A point's camera and microphone: only with that point's own live credential. */
  publish(
    owner: SessionOwner,
    target: MeetingTarget,
    credential: string,
    offer: string,
  ): Promise<Outcome<VideoSessionData>> {
    return this.at(target.meetingId, true, { op: 'publish', owner, target, credential, offer });
  }

  /** A viewer's offer for a live point of the meeting or its program. */
  watch(
    owner: SessionOwner,
    target: MeetingTarget,
    viewerPointId: string | null,
    request: WatchRequest,
  ): Promise<Outcome<VideoSessionData>> {
    return this.at(target.meetingId, true, { op: 'watch', owner, target, viewerPointId, request });
  }

  /** Another source or quality for one of the owner's viewing sessions. */
  switchSource(
    owner: SessionOwner,
    target: MeetingTarget,
    request: SwitchRequest,
  ): Promise<Outcome<null>> {
    return this.at(target.meetingId, false, { op: 'switchSource', owner, target, request });
  }

  /** Ends one of the owner's sessions; another's, or one already ended, is not found. */
  leave(owner: SessionOwner, meetingId: string, sessionId: string): Promise<Outcome<null>> {
    return this.at(meetingId, false, { op: 'leave', owner, meetingId, sessionId });
  }

  /** Ends a WHIP or WHEP session for the point whose credential asked (its DELETE). */
  closeForPoint(meetingId: string, sessionId: string, pointId: string): Promise<boolean> {
    return this.at(meetingId, false, { op: 'closeForPoint', meetingId, sessionId, pointId });
  }

  /** The owner went away (its socket closed): every session it held, in any home, ends. */
  async ownerGone(owner: SessionOwner): Promise<void> {
    this.link?.ownerGone?.(owner);
    await this.home.ownerGone(owner);
  }

  /** The meeting's live points, for viewers to pick from and the program to show. */
  points(target: MeetingTarget): Promise<Outcome<VideoPointsData>> {
    return this.home.points(target);
  }

  /** How each live point's link is doing, for the presiding officer and the technician. */
  status(target: MeetingTarget): Promise<Outcome<{ readonly points: readonly PointStatus[] }>> {
    return this.at(target.meetingId, false, { op: 'status', target });
  }

  /** A point was added or revoked: screens get the new list, a revoked point's sessions end. */
  pointsChanged(target: MeetingTarget, revokedPointId: string | null): Promise<void> {
    return this.at(target.meetingId, false, { op: 'pointsChanged', target, revokedPointId });
  }

  /** Keeps the program on the point the rules give (PG1-PG3), in the meeting's home. */
  refreshProgram(target: MeetingTarget): Promise<void> {
    return this.at(target.meetingId, false, { op: 'refreshProgram', target });
  }

  /**
   * Runs `call` in the meeting's home: here when there is one process, or this one is the
   * home, or (without `claim`) there is none; else asked of the home's process. A home that
   * no longer answers is given up and the call runs in the next.
   */
  private async at<T>(meetingId: string, claim: boolean, call: HomeCall): Promise<T> {
    const { homes, link } = this;
    if (!homes || !link?.ask) return (await this.handle(call)) as T;
    for (let attempt = 0; ; attempt += 1) {
      const home = await homes.homeOf(meetingId, claim);
      if (home === null || home === homes.here) return (await this.handle(call)) as T;
      try {
        return (await link.ask(home, call)) as T;
      } catch (error) {
        if (attempt > 0) throw error;
        await homes.forget(meetingId, home);
      }
    }
  }
}

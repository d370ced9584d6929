import { PublisherSession } from './publisher-session.ts';
import type { PeerSettings } from './session-peer.ts';
import type {
  PointStats,
  PublishRequest,
  SessionAnswer,
  SessionEnded,
  SubscribeRequest,
  VideoQuality,
  VideoRouter,
  VideoSource,
} from './video-router.ts';
import { ViewerSession } from './viewer-session.ts';

/** How much a message to the router's logger matters. */
export type SfuLogLevel = 'warn' | 'error';

/** Where the SFU tells what went wrong (never per packet). */
export type SfuLogger = (level: SfuLogLevel, message: string) => void;

/** A session the SFU holds, for tests and diagnostics. */
export type SessionInfo = {
  readonly sessionId: string;
  readonly meetingId: string;
  readonly role: 'publisher' | 'viewer';
  /** The publisher's point, or the point a viewer watches from. */
  readonly pointId: string | null;
  readonly connected: boolean;
};

export type SfuCoreOptions = Partial<PeerSettings> & { readonly logger?: SfuLogger };

type Session = PublisherSession | ViewerSession;

/** A meeting as the SFU knows it: its program and who publishes and watches. */
type Room = {
  program: string | null;
  readonly publishers: Map<string, PublisherSession>;
  readonly viewers: Set<ViewerSession>;
};

const DEFAULT_SETTINGS: PeerSettings = {
  connectTimeoutMs: 30_000,
  disconnectGraceMs: 2_000,
  gatheringTimeoutMs: 5_000,
};

/**
 * The SFU itself, in whatever process runs it (the child in production, a test's own in
 * tests): sessions, meetings and their programs, and which publisher's tracks feed which
 * viewer.
 */
export class SfuCore implements VideoRouter {
  private readonly settings: PeerSettings;
  private readonly logger: SfuLogger;
  private readonly sessions = new Map<string, Session>();
  private readonly rooms = new Map<string, Room>();
  private readonly listeners: ((ended: SessionEnded) => void)[] = [];
  private stopped = false;

  constructor(options: SfuCoreOptions = {}) {
    const { logger, ...settings } = options;
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.logger = logger ?? (() => {});
  }

  async publish(request: PublishRequest): Promise<SessionAnswer> {
    const session = new PublisherSession({
      ...request,
      settings: this.settings,
      onLost: (lost, loss) => this.end(lost, loss),
    });
    const answer = await this.answered(session, request.offer);
    const room = this.room(request.meetingId);
    const previous = room.publishers.get(request.pointId);
    room.publishers.set(request.pointId, session);
    this.sessions.set(session.id, session);
    if (previous) this.end(previous, 'replaced');
    this.rewire(room);
    return { sessionId: session.id, answer };
  }

  async subscribe(request: SubscribeRequest): Promise<SessionAnswer> {
    const session = new ViewerSession({
      ...request,
      settings: this.settings,
      onLost: (lost, loss) => this.end(lost, loss),
    });
    const answer = await this.answered(session, request.offer);
    const room = this.room(request.meetingId);
    room.viewers.add(session);
    this.sessions.set(session.id, session);
    this.feed(room, session);
    return { sessionId: session.id, answer };
  }

  /** Does nothing for a session that is not (or no longer) here: its end was told already. */
  async switchSource(sessionId: string, source: VideoSource, quality: VideoQuality): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    if (session.role !== 'viewer') throw new Error(`session ${sessionId} is not a viewer's`);
    session.source = source;
    session.quality = quality;
    const room = this.rooms.get(session.meetingId);
    if (room) this.feed(room, session);
  }

  async setProgram(meetingId: string, pointId: string | null): Promise<void> {
    const room = this.room(meetingId);
    room.program = pointId;
    this.rewire(room);
    this.forgetIfEmpty(meetingId, room);
  }

  async close(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session) this.end(session, null);
  }

  async closePoint(meetingId: string, pointId: string): Promise<void> {
    for (const session of this.sessions.values())
      if (session.meetingId === meetingId && pointOf(session) === pointId) this.end(session, null);
  }

  async closeMeeting(meetingId: string): Promise<void> {
    for (const session of this.sessions.values())
      if (session.meetingId === meetingId) this.end(session, null);
    this.rooms.delete(meetingId);
  }

  async stats(meetingId: string): Promise<readonly PointStats[]> {
    const room = this.rooms.get(meetingId);
    if (!room) return [];
    const now = Date.now();
    return [...room.publishers.values()].map((publisher) => ({
      pointId: publisher.pointId,
      connected: publisher.peer.connected,
      ...publisher.reception.summary(now),
      viewers: [...room.viewers].filter((viewer) => viewer.watches(publisher)).length,
    }));
  }

  onSessionEnded(listener: (ended: SessionEnded) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const session of this.sessions.values()) this.end(session, null);
    this.rooms.clear();
  }

  /** Every session held now. */
  async list(): Promise<readonly SessionInfo[]> {
    return [...this.sessions.values()].map((session) => ({
      sessionId: session.id,
      meetingId: session.meetingId,
      role: session.role,
      pointId: pointOf(session),
      connected: session.peer.connected,
    }));
  }

  /** Answers a new session's offer; a session that failed or a router stopped meanwhile throws. */
  private async answered(session: Session, offer: string): Promise<string> {
    try {
      const answer = await session.answer(offer);
      if (this.stopped) throw new Error('the SFU stopped');
      return answer;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  private room(meetingId: string): Room {
    let room = this.rooms.get(meetingId);
    if (!room) {
      room = { program: null, publishers: new Map(), viewers: new Set() };
      this.rooms.set(meetingId, room);
    }
    return room;
  }

  /** Points every viewer of a meeting at what it should see now. */
  private rewire(room: Room): void {
    for (const viewer of room.viewers) this.feed(room, viewer);
  }

  private feed(room: Room, viewer: ViewerSession): void {
    const pointId = viewer.source.kind === 'program' ? room.program : viewer.source.pointId;
    const publisher = pointId === null ? null : (room.publishers.get(pointId) ?? null);
    if (!viewer.watch(publisher) && publisher)
      this.logger(
        'warn',
        `viewer ${viewer.id} cannot take ${publisher.video[0]?.codec} video from point ${publisher.pointId}: its offer has no such codec`,
      );
  }

  /** Ends a session; tells the listeners why if it ended by itself or was replaced. */
  private end(session: Session, reason: SessionEnded['reason'] | null): void {
    session.close();
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    const room = this.rooms.get(session.meetingId);
    if (room) {
      if (session.role === 'viewer') room.viewers.delete(session);
      else if (room.publishers.get(session.pointId) === session) {
        room.publishers.delete(session.pointId);
        this.rewire(room);
      }
      this.forgetIfEmpty(session.meetingId, room);
    }
    if (!reason) return;
    const ended: SessionEnded = {
      sessionId: session.id,
      meetingId: session.meetingId,
      role: session.role,
      pointId: pointOf(session),
      reason,
    };
    for (const listener of this.listeners) listener(ended);
  }

  /** A meeting with no sessions and no program takes no memory. */
  private forgetIfEmpty(meetingId: string, room: Room): void {
    if (room.program === null && room.publishers.size === 0 && room.viewers.size === 0)
      this.rooms.delete(meetingId);
  }
}

function pointOf(session: Session): string | null {
  return session.role === 'publisher' ? session.pointId : session.viewerPointId;
}

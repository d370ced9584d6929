/**
 * What the meeting server asks of linked video, and nothing more: the SFU in this package
 * implements it on node-datachannel in a child process; a LiveKit or Janus deployment for a
 * province that outgrows one machine could implement it too (docs/video.md).
 *
 * The server decides who may do what (the meeting's access rules, a point's publish
 * credential) before it calls here: the router trusts its caller and knows meetings and
 * points only as ids.
 */
export interface VideoRouter {
  /**
   * Takes a publisher's SDP offer (audio and/or video, ICE gathered: no trickle) for a point
   * and answers with the router's SDP. One publisher per point: a new one replaces the old,
   * and the point's subscribers carry on with the new one's media (after a keyframe).
   */
  publish(request: PublishRequest): Promise<SessionAnswer>;
  /**
   * Takes a viewer's receive-only offer for a source and answers it. The source can be
   * switched later without a new offer (`switchSource`); a source with no publisher yet
   * sends nothing until one publishes.
   */
  subscribe(request: SubscribeRequest): Promise<SessionAnswer>;
  /**
   * Points a viewer's session at another source or quality (the viewer's link decides which);
   * a keyframe is asked of the new one. A session that has ended meanwhile is left alone (its
   * end was told through `onSessionEnded`).
   */
  switchSource(sessionId: string, source: VideoSource, quality: VideoQuality): Promise<void>;
  /** The point the program shows for a meeting, or null for none (viewers of it get nothing). */
  setProgram(meetingId: string, pointId: string | null): Promise<void>;
  /** Ends one session (a publisher's or a viewer's); ending an unknown one does nothing. */
  close(sessionId: string): Promise<void>;
  /** Ends every session of a point: its publisher and anyone who watches as that point. */
  closePoint(meetingId: string, pointId: string): Promise<void>;
  /** Ends every session of a meeting. */
  closeMeeting(meetingId: string): Promise<void>;
  /** How each publishing point of a meeting is doing now. */
  stats(meetingId: string): Promise<readonly PointStats[]>;
  /**
   * Fired when a session ends other than by `close` (its peer went away or failed, or a new
   * publisher replaced it). Sessions ended by `closePoint`, `closeMeeting` or `stop` are not
   * told either: their caller knows.
   */
  onSessionEnded(listener: (ended: SessionEnded) => void): void;
  /** Stops the router and every session in it. */
  stop(): Promise<void>;
}

/** What a viewer watches: one point's own feed, or the meeting's program. */
export type VideoSource =
  { readonly kind: 'point'; readonly pointId: string } | { readonly kind: 'program' };

/** A viewer's choice of quality: `high` (e.g. 360p and up) or `low` (e.g. 180p, for tiles). */
export type VideoQuality = 'high' | 'low';

export type PublishRequest = {
  readonly meetingId: string;
  readonly pointId: string;
  /** The publisher's SDP offer, its ICE candidates gathered. */
  readonly offer: string;
};

export type SubscribeRequest = {
  readonly meetingId: string;
  readonly source: VideoSource;
  readonly quality: VideoQuality;
  /** The point the viewer watches from, if any: ended with it by `closePoint`. */
  readonly viewerPointId: string | null;
  /** The viewer's receive-only SDP offer, its ICE candidates gathered. */
  readonly offer: string;
};

export type SessionAnswer = {
  readonly sessionId: string;
  /** The router's SDP answer, its ICE candidates gathered. */
  readonly answer: string;
};

export type SessionEnded = {
  readonly sessionId: string;
  readonly meetingId: string;
  readonly role: 'publisher' | 'viewer';
  readonly pointId: string | null;
  readonly reason: 'peer_closed' | 'failed' | 'replaced';
};

/** A publishing point's link as the router sees it. */
export type PointStats = {
  readonly pointId: string;
  readonly connected: boolean;
  /** What arrives from the point, in bits per second over the last few seconds. */
  readonly bitrate: number;
  /** Share of the point's packets missing (by RTP sequence), 0 to 1, over the last few seconds. */
  readonly loss: number;
  /** When a packet last came from the point (epoch milliseconds), or null if none yet. */
  readonly lastPacketAt: number | null;
  readonly viewers: number;
};

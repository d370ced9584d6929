import type { MeetingClient } from '@hopxa/client';
import type { Answer, VideoEndedMessage, VideoSessionData, WireError } from '@hopxa/protocol';
import { RETRY_DELAYS_MS, gatheredOffer, onSessionEnded } from './video-link.ts';

export type LinkState =
  /** Not connected, and not trying (before the start). */
  | 'idle'
  | 'connecting'
  | 'live'
  /** The link dropped: trying again by itself. */
  | 'retrying'
  /** The server refused for good (a wrong or revoked credential): trying again would not help. */
  | 'refused'
  /** Another computer now publishes this point; this one stands by until told to take over. */
  | 'replaced'
  | 'stopped';

/**
 * One peer connection to the SFU, made again by itself when it drops, the server restarts or
 * the socket comes back: what a point's publisher and a viewer share. A subclass says what
 * the connection carries (`prepare`), how it is asked for (`ask`) and what an ended session
 * means (`ended`).
 */
export abstract class SfuLink {
  state = $state<LinkState>('idle');
  error = $state<WireError | null>(null);

  protected readonly client: MeetingClient;
  protected pc: RTCPeerConnection | null = null;
  protected sessionId: string | null = null;
  /** Set by `stop`: nothing starts again after it, whatever answer is still on its way. */
  protected stopped = false;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly stops: (() => void)[] = [];

  constructor(client: MeetingClient) {
    this.client = client;
    this.stops.push(
      onSessionEnded(
        client,
        () => this.sessionId,
        (message) => {
          this.sessionId = null;
          this.ended(message);
        },
      ),
    );
    // A new socket (the line came back, the server restarted) holds none of the old sessions.
    const reconnected = () => {
      if (this.state === 'live' || this.state === 'retrying') this.again();
    };
    client.socket.on('connect', reconnected);
    this.stops.push(() => client.socket.off('connect', reconnected));
  }

  /** Adds what the connection carries, before the offer is made. */
  protected abstract prepare(pc: RTCPeerConnection): void;
  /** Sends the offer over the meeting's connection; resolves with the server's answer. */
  protected abstract ask(offer: string): Promise<Answer<VideoSessionData>>;
  /** The server ended the session (revoked, replaced, the peer lost). */
  protected abstract ended(message: VideoEndedMessage): void;
  /** Whether a refusal is final (not worth trying again). */
  protected abstract isFinal(error: WireError): boolean;
  /** The link is up: counters and checks may start on it. */
  protected abstract answered(pc: RTCPeerConnection): Promise<void> | void;

  /** Makes the connection, from a fresh start. */
  protected begin(): Promise<void> {
    this.attempt = 0;
    return this.connect();
  }

  protected async connect(): Promise<void> {
    if (this.stopped) return;
    this.close();
    this.state = this.attempt === 0 ? 'connecting' : 'retrying';
    const pc = new RTCPeerConnection();
    this.pc = pc;
    this.prepare(pc);
    pc.addEventListener('connectionstatechange', () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === 'connected') {
        this.state = 'live';
        this.attempt = 0;
      }
      if (pc.connectionState === 'failed') this.again();
    });
    try {
      const answer = await this.ask(await gatheredOffer(pc));
      if (pc !== this.pc) {
        // Answered after the link moved on: that session is nobody's.
        if (answer.ok) this.leave(answer.data.sessionId);
        return;
      }
      if (!answer.ok) {
        if (this.isFinal(answer.error)) return this.refuse(answer.error);
        this.error = answer.error;
        return this.again();
      }
      this.error = null;
      this.sessionId = answer.data.sessionId;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.data.answer });
      await this.answered(pc);
    } catch {
      if (pc === this.pc) this.again();
    }
  }

  /** Tries again after a pause that grows with each failure. */
  protected again(): void {
    if (this.stopped || this.state === 'refused' || this.state === 'replaced') return;
    clearTimeout(this.retry);
    this.state = 'retrying';
    const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
    this.attempt += 1;
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  /** Stops for good: with the server's refusal, or null when the point was revoked. */
  protected refuse(error: WireError | null): void {
    this.error = error;
    this.close();
    this.state = 'refused';
  }

  /** Ends the link for good. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    for (const stop of this.stops.splice(0)) stop();
    this.close();
    this.state = 'stopped';
  }

  /** Closes the connection and leaves its session (the server may have ended it already). */
  protected close(): void {
    const sessionId = this.sessionId;
    this.sessionId = null;
    this.pc?.close();
    this.pc = null;
    if (sessionId) this.leave(sessionId);
  }

  private leave(sessionId: string): void {
    if (this.client.socket.connected)
      this.client.socket.emit('video:leave', { meetingId: this.client.meetingId, sessionId });
  }
}

import type { MeetingClient } from '@hopxa/client';
import type { WireError } from '@hopxa/protocol';
import {
  ANSWER_TIMEOUT_MS,
  RETRY_DELAYS_MS,
  gatheredOffer,
  onSessionEnded,
  qualityForLink,
} from './video-link.ts';

export type VideoSource =
  { readonly kind: 'point'; readonly pointId: string } | { readonly kind: 'program' };
import type { VideoQuality } from './video-link.ts';

export type { VideoQuality };

/**
 * One picture (and its sound) watched live: a point's own feed or the program, received over
 * a peer connection of its own. The link is made again by itself when it drops; the quality
 * follows the link (high unless the bandwidth or the loss says low) unless `quality` is fixed
 * to low (tiles).
 */
export class VideoViewer {
  stream = $state<MediaStream | null>(null);
  state = $state<'connecting' | 'live' | 'retrying' | 'stopped'>('connecting');
  error = $state<WireError | null>(null);
  /** Frames decoded so far on this link: grows while the picture moves. */
  framesDecoded = $state(0);
  quality = $state<VideoQuality>('high');

  readonly #client: MeetingClient;
  #source: VideoSource;
  readonly #fixedLow: boolean;
  #pc: RTCPeerConnection | null = null;
  #sessionId: string | null = null;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #meter: ReturnType<typeof setInterval> | undefined;
  readonly #stops: (() => void)[] = [];

  constructor(client: MeetingClient, source: VideoSource, options: { lowOnly?: boolean } = {}) {
    this.#client = client;
    this.#source = source;
    this.#fixedLow = options.lowOnly ?? false;
    if (this.#fixedLow) this.quality = 'low';
    this.#stops.push(
      onSessionEnded(
        client,
        () => this.#sessionId,
        () => {
          this.#sessionId = null;
          this.#again();
        },
      ),
    );
    const reconnected = () => {
      if (this.state !== 'stopped') this.#again();
    };
    client.socket.on('connect', reconnected);
    this.#stops.push(() => client.socket.off('connect', reconnected));
    void this.#connect();
  }

  /** Watches another source on the same link (no new offer: the server switches it). */
  async show(source: VideoSource): Promise<void> {
    if (sourceKey(source) === sourceKey(this.#source)) return;
    this.#source = source;
    await this.#switch();
  }

  stop(): void {
    clearTimeout(this.#retry);
    clearInterval(this.#meter);
    for (const stop of this.#stops.splice(0)) stop();
    this.#close();
    this.state = 'stopped';
  }

  async #switch(): Promise<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return;
    const answer = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('video:switch', {
        meetingId: this.#client.meetingId,
        sessionId,
        source: this.#source,
        quality: this.quality,
      })
      .catch(() => null);
    if (!answer?.ok) this.#again();
  }

  async #connect(): Promise<void> {
    if (this.state === 'stopped') return;
    this.#close();
    const pc = new RTCPeerConnection();
    this.#pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const stream = new MediaStream();
    pc.addEventListener('track', (event) => {
      stream.addTrack(event.track);
      this.stream = stream;
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc !== this.#pc) return;
      if (pc.connectionState === 'connected') {
        this.state = 'live';
        this.#attempt = 0;
      }
      if (pc.connectionState === 'failed') this.#again();
    });
    try {
      const offer = await gatheredOffer(pc);
      const asked = this.#source;
      const answer = await this.#client.socket
        .timeout(ANSWER_TIMEOUT_MS)
        .emitWithAck('video:watch', {
          meetingId: this.#client.meetingId,
          source: this.#source,
          quality: this.quality,
          offer,
        });
      if (pc !== this.#pc) {
        // Answered after the viewer moved on: that session is nobody's.
        if (answer.ok) this.#leave(answer.data.sessionId);
        return;
      }
      if (!answer.ok) {
        this.error = answer.error;
        return this.#again();
      }
      this.error = null;
      this.#sessionId = answer.data.sessionId;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.data.answer });
      this.#measure(pc);
      // Another source chosen while the link was being made.
      if (sourceKey(asked) !== sourceKey(this.#source)) await this.#switch();
    } catch {
      if (pc === this.#pc) this.#again();
    }
  }

  #again(): void {
    if (this.state === 'stopped') return;
    clearTimeout(this.#retry);
    this.state = 'retrying';
    const delay = RETRY_DELAYS_MS[Math.min(this.#attempt, RETRY_DELAYS_MS.length - 1)];
    this.#attempt += 1;
    this.#retry = setTimeout(() => void this.#connect(), delay);
  }

  /**
   * Frames decoded, and the quality the link can carry, every two seconds: low when the
   * browser's estimate of the incoming bandwidth is short or packets go missing, high again
   * once the link is good.
   */
  #measure(pc: RTCPeerConnection): void {
    clearInterval(this.#meter);
    let last = { received: 0, lost: 0 };
    this.#meter = setInterval(async () => {
      if (pc !== this.#pc) return;
      let frames = 0;
      let received = 0;
      let lost = 0;
      let available: number | undefined;
      (await pc.getStats()).forEach(
        (report: {
          type: string;
          kind?: string;
          framesDecoded?: number;
          packetsReceived?: number;
          packetsLost?: number;
          availableIncomingBitrate?: number;
          state?: string;
        }) => {
          if (report.type === 'inbound-rtp' && report.kind === 'video') {
            frames += report.framesDecoded ?? 0;
            received += report.packetsReceived ?? 0;
            lost += report.packetsLost ?? 0;
          }
          if (report.type === 'candidate-pair' && report.state === 'succeeded')
            available = report.availableIncomingBitrate ?? available;
        },
      );
      this.framesDecoded = frames;
      const arrived = received - last.received;
      const loss = arrived > 0 ? Math.max(0, lost - last.lost) / (arrived + lost - last.lost) : 0;
      last = { received, lost };
      if (this.#fixedLow) return;
      const wanted = qualityForLink({ loss, available, current: this.quality });
      if (wanted !== this.quality) {
        this.quality = wanted;
        await this.#switch();
      }
    }, 2000);
  }

  #close(): void {
    const sessionId = this.#sessionId;
    this.#sessionId = null;
    this.#pc?.close();
    this.#pc = null;
    if (sessionId) this.#leave(sessionId);
  }

  #leave(sessionId: string): void {
    if (this.#client.socket.connected)
      this.#client.socket.emit('video:leave', { meetingId: this.#client.meetingId, sessionId });
  }
}

/** A source as one string: two that name the same feed are the same. */
export function sourceKey(source: VideoSource): string {
  return source.kind === 'program' ? 'program' : `point:${source.pointId}`;
}

import type { MeetingClient } from '@hopxa/client';
import type { VideoEndedMessage } from '@hopxa/protocol';
import { SfuLink } from './sfu-link.svelte.ts';
import { ANSWER_TIMEOUT_MS, qualityForLink, type VideoQuality } from './video-link.ts';

export type VideoSource =
  { readonly kind: 'point'; readonly pointId: string } | { readonly kind: 'program' };
export type { VideoQuality };

/**
 * One picture (and its sound) watched live: a point's own feed or the program, received over
 * a peer connection of its own. The link is made again by itself when it drops; the quality
 * follows the link (`qualityForLink`) unless it is fixed to low (tiles).
 */
export class VideoViewer extends SfuLink {
  stream = $state<MediaStream | null>(null);
  /** Frames decoded so far on this link: grows while the picture moves. */
  framesDecoded = $state(0);
  quality = $state<VideoQuality>('high');

  #source: VideoSource;
  /** The source the last offer asked for: switched after the answer if it changed since. */
  #asked: VideoSource;
  readonly #fixedLow: boolean;
  #meter: ReturnType<typeof setInterval> | undefined;

  constructor(client: MeetingClient, source: VideoSource, options: { lowOnly?: boolean } = {}) {
    super(client);
    this.#source = source;
    this.#asked = source;
    this.#fixedLow = options.lowOnly ?? false;
    if (this.#fixedLow) this.quality = 'low';
    void this.begin();
  }

  /** Watches another source on the same link (no new offer: the server switches it). */
  async show(source: VideoSource): Promise<void> {
    if (sourceKey(source) === sourceKey(this.#source)) return;
    this.#source = source;
    await this.#switch();
  }

  override stop(): void {
    clearInterval(this.#meter);
    super.stop();
  }

  protected prepare(pc: RTCPeerConnection): void {
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const stream = new MediaStream();
    pc.addEventListener('track', (event) => {
      stream.addTrack(event.track);
      this.stream = stream;
    });
  }

  protected ask(offer: string) {
    this.#asked = this.#source;
    return this.client.socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('video:watch', {
      meetingId: this.client.meetingId,
      source: this.#source,
      quality: this.quality,
      offer,
    });
  }

  protected ended(_message: VideoEndedMessage): void {
    this.again();
  }

  protected isFinal(): boolean {
    // A point revoked while watched, the video restarting: the page picks another or waits.
    return false;
  }

  protected async answered(pc: RTCPeerConnection): Promise<void> {
    this.#measure(pc);
    // Another source chosen while the link was being made.
    if (sourceKey(this.#asked) !== sourceKey(this.#source)) await this.#switch();
  }

  async #switch(): Promise<void> {
    const sessionId = this.sessionId;
    if (!sessionId) return;
    const answer = await this.client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('video:switch', {
        meetingId: this.client.meetingId,
        sessionId,
        source: this.#source,
        quality: this.quality,
      })
      .catch(() => null);
    if (!answer?.ok) this.again();
  }

  /** Frames decoded, and the quality the link can carry, every two seconds. */
  #measure(pc: RTCPeerConnection): void {
    clearInterval(this.#meter);
    let last = { received: 0, lost: 0 };
    this.#meter = setInterval(async () => {
      if (pc !== this.pc) return;
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
}

/** A source as one string: two that name the same feed are the same. */
export function sourceKey(source: VideoSource): string {
  return source.kind === 'program' ? 'program' : `point:${source.pointId}`;
}

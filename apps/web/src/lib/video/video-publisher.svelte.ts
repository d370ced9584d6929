import type { MeetingClient } from '@hopxa/client';
import type { VideoEndedMessage, WireError } from '@hopxa/protocol';
import { SfuLink } from './sfu-link.svelte.ts';
import { ANSWER_TIMEOUT_MS } from './video-link.ts';

/** The low quality sent beside the camera's own, for tiles and weak links. */
const LOW = { width: 320, height: 180, frameRate: 15 } as const;

/**
 * A connection point's camera and microphone sent to the meeting: two qualities of video
 * (the camera's and 320x180) and the sound, over one peer connection. A dropped link, a
 * restarted server or a page reloaded publishes again by itself; a refused or revoked
 * credential stops; another computer publishing the point makes this one stand by.
 */
export class VideoPublisher extends SfuLink {
  /** What leaves this point, in bits per second (from the browser's own counters). */
  bitrate = $state(0);

  readonly #credential: string;
  #stream: MediaStream | null = null;
  #low: MediaStreamTrack | null = null;
  #meter: ReturnType<typeof setInterval> | undefined;

  constructor(client: MeetingClient, credential: string) {
    super(client);
    this.#credential = credential;
  }

  /** Starts sending `stream` (its first video and audio tracks). */
  async start(stream: MediaStream): Promise<void> {
    if (this.stopped) return;
    this.#stream = stream;
    const [video] = stream.getVideoTracks();
    if (video) {
      this.#low = video.clone();
      await this.#low.applyConstraints(LOW).catch(() => undefined);
    }
    await this.begin();
  }

  /** Sends again from this computer after another took the point over (`replaced`). */
  async takeOver(): Promise<void> {
    if (this.state === 'replaced') await this.begin();
  }

  /** Stops sending and ends the session; the camera is the caller's to stop. */
  override stop(): void {
    this.#stream = null;
    clearInterval(this.#meter);
    this.#low?.stop();
    super.stop();
  }

  protected prepare(pc: RTCPeerConnection): void {
    const stream = this.#stream;
    if (!stream) return;
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    // The order the SFU reads: the camera's quality first, the low one second, then sound.
    if (video) pc.addTransceiver(video, { direction: 'sendonly', streams: [stream] });
    if (this.#low) pc.addTransceiver(this.#low, { direction: 'sendonly', streams: [stream] });
    if (audio) pc.addTransceiver(audio, { direction: 'sendonly', streams: [stream] });
  }

  protected ask(offer: string) {
    return this.client.socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('video:publish', {
      meetingId: this.client.meetingId,
      credential: this.#credential,
      offer,
    });
  }

  protected ended(message: VideoEndedMessage): void {
    if (message.reason === 'revoked') this.refuse(null);
    else if (message.reason === 'replaced') {
      // Two computers taking turns would flip every viewer's picture: this one yields.
      this.close();
      this.state = 'replaced';
    } else this.again();
  }

  protected isFinal(error: WireError): boolean {
    return error.code === 'video_credential_refused' || error.code === 'forbidden';
  }

  protected answered(pc: RTCPeerConnection): void {
    clearInterval(this.#meter);
    let sent = { bytes: 0, at: 0 };
    this.#meter = setInterval(async () => {
      if (pc !== this.pc) return;
      let bytes = 0;
      (await pc.getStats()).forEach((report: { type: string; bytesSent?: number }) => {
        if (report.type === 'outbound-rtp') bytes += report.bytesSent ?? 0;
      });
      const now = performance.now();
      if (sent.at > 0 && bytes >= sent.bytes)
        this.bitrate = Math.round(((bytes - sent.bytes) * 8 * 1000) / (now - sent.at));
      sent = { bytes, at: now };
    }, 2000);
  }
}

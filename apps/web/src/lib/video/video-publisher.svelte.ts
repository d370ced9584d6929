import type { MeetingClient } from '@hopxa/client';
import type { WireError } from '@hopxa/protocol';
import { ANSWER_TIMEOUT_MS, RETRY_DELAYS_MS, gatheredOffer, onSessionEnded } from './video-link.ts';

/** The low quality sent beside the camera's own, for tiles and weak links. */
const LOW = { width: 320, height: 180, frameRate: 15 } as const;

export type PublishState =
  /** Not sending (before the start, or stopped). */
  | 'idle'
  | 'connecting'
  | 'live'
  /** The link dropped: trying again by itself. */
  | 'retrying'
  /** The server refused: the credential is wrong or revoked; trying again would not help. */
  | 'refused'
  /** Another computer now publishes this point; this one stands by until told to take over. */
  | 'replaced';

/**
 * A connection point's camera and microphone sent to the meeting: two qualities of video
 * (the camera's and 320x180) and the sound, over one peer connection. A dropped link, a
 * restarted server or a page reloaded publishes again by itself; a refused credential stops.
 */
export class VideoPublisher {
  state = $state<PublishState>('idle');
  error = $state<WireError | null>(null);
  /** What leaves this point, in bits per second (from the browser's own counters). */
  bitrate = $state(0);

  readonly #client: MeetingClient;
  readonly #credential: string;
  #stream: MediaStream | null = null;
  #low: MediaStreamTrack | null = null;
  #pc: RTCPeerConnection | null = null;
  #sessionId: string | null = null;
  #attempt = 0;
  /** Set by `stop`: nothing starts again after it, whatever answer is still on its way. */
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #meter: ReturnType<typeof setInterval> | undefined;
  #sent = { bytes: 0, at: 0 };
  readonly #stops: (() => void)[] = [];

  constructor(client: MeetingClient, credential: string) {
    this.#client = client;
    this.#credential = credential;
    this.#stops.push(
      onSessionEnded(
        client,
        () => this.#sessionId,
        (message) => {
          this.#sessionId = null;
          if (message.reason === 'revoked') this.#refuse(null);
          else if (message.reason === 'replaced') {
            // Two computers taking turns would flip every viewer's picture: this one yields.
            this.#close();
            this.state = 'replaced';
          } else this.#again();
        },
      ),
    );
    // A new socket (the line came back, the server restarted) holds none of the old sessions.
    const reconnected = () => {
      if (this.state === 'live' || this.state === 'retrying') this.#again();
    };
    client.socket.on('connect', reconnected);
    this.#stops.push(() => client.socket.off('connect', reconnected));
  }

  /** Starts sending `stream` (its first video and audio tracks). */
  async start(stream: MediaStream): Promise<void> {
    if (this.#stopped) return;
    this.#stream = stream;
    const [video] = stream.getVideoTracks();
    if (video) {
      this.#low = video.clone();
      await this.#low.applyConstraints(LOW).catch(() => undefined);
    }
    this.#attempt = 0;
    await this.#connect();
  }

  /** Sends again from this computer after another took the point over (`replaced`). */
  async takeOver(): Promise<void> {
    if (this.#stopped || this.state !== 'replaced') return;
    this.#attempt = 0;
    await this.#connect();
  }

  /** Stops sending and ends the session; the camera is the caller's to stop. */
  stop(): void {
    this.#stopped = true;
    this.#stream = null;
    clearTimeout(this.#retry);
    clearInterval(this.#meter);
    this.#close();
    this.#low?.stop();
    for (const stop of this.#stops.splice(0)) stop();
    this.state = 'idle';
  }

  async #connect(): Promise<void> {
    const stream = this.#stream;
    if (!stream || this.#stopped) return;
    this.#close();
    this.state = this.#attempt === 0 ? 'connecting' : 'retrying';
    const pc = new RTCPeerConnection();
    this.#pc = pc;
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    // The order the SFU reads: the camera's quality first, the low one second, then sound.
    if (video) pc.addTransceiver(video, { direction: 'sendonly', streams: [stream] });
    if (this.#low) pc.addTransceiver(this.#low, { direction: 'sendonly', streams: [stream] });
    if (audio) pc.addTransceiver(audio, { direction: 'sendonly', streams: [stream] });
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
      const answer = await this.#client.socket
        .timeout(ANSWER_TIMEOUT_MS)
        .emitWithAck('video:publish', {
          meetingId: this.#client.meetingId,
          credential: this.#credential,
          offer,
        });
      if (pc !== this.#pc) {
        // Answered after the page moved on: that session is nobody's.
        if (answer.ok) this.#leave(answer.data.sessionId);
        return;
      }
      if (!answer.ok) {
        if (answer.error.code === 'video_credential_refused' || answer.error.code === 'forbidden')
          return this.#refuse(answer.error);
        this.error = answer.error;
        return this.#again();
      }
      this.error = null;
      this.#sessionId = answer.data.sessionId;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.data.answer });
      this.#measure(pc);
    } catch {
      if (pc === this.#pc) this.#again();
    }
  }

  /** Tries again after a pause that grows with each failure. */
  #again(): void {
    if (this.state === 'refused' || this.state === 'replaced' || !this.#stream) return;
    clearTimeout(this.#retry);
    this.state = 'retrying';
    const delay = RETRY_DELAYS_MS[Math.min(this.#attempt, RETRY_DELAYS_MS.length - 1)];
    this.#attempt += 1;
    this.#retry = setTimeout(() => void this.#connect(), delay);
  }

  /** Stops for good: with the server's refusal, or null when the point was revoked. */
  #refuse(error: WireError | null): void {
    this.error = error;
    this.#close();
    this.state = 'refused';
  }

  #measure(pc: RTCPeerConnection): void {
    clearInterval(this.#meter);
    this.#meter = setInterval(async () => {
      if (pc !== this.#pc) return;
      let bytes = 0;
      (await pc.getStats()).forEach((report: { type: string; bytesSent?: number }) => {
        if (report.type === 'outbound-rtp') bytes += report.bytesSent ?? 0;
      });
      const now = performance.now();
      if (this.#sent.at > 0 && bytes >= this.#sent.bytes)
        this.bitrate = Math.round(((bytes - this.#sent.bytes) * 8 * 1000) / (now - this.#sent.at));
      this.#sent = { bytes, at: now };
    }, 2000);
  }

  #close(): void {
    const sessionId = this.#sessionId;
    this.#sessionId = null;
    this.#pc?.close();
    this.#pc = null;
    this.#sent = { bytes: 0, at: 0 };
    if (sessionId) this.#leave(sessionId);
  }

  #leave(sessionId: string): void {
    if (this.#client.socket.connected)
      this.#client.socket.emit('video:leave', { meetingId: this.#client.meetingId, sessionId });
  }
}

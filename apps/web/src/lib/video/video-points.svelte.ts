import type { MeetingClient } from '@hopxa/client';
import { SvelteSet } from 'svelte/reactivity';
import type { ConnectionPointSummary } from '@hopxa/domain';
import type { PointStatus, VideoPointsMessage } from '@hopxa/protocol';
import { ANSWER_TIMEOUT_MS } from './video-link.ts';

/** How often the presiding officer's and the technician's screens ask how each point is doing. */
const STATUS_EVERY_MS = 2_000;

/**
 * A meeting's live connection points, kept current: asked for on every (re)connection and
 * told by the server whenever the secretariat adds or revokes one.
 */
export class VideoPoints {
  points = $state<readonly ConnectionPointSummary[]>([]);
  readonly #client: MeetingClient;
  readonly #stops: (() => void)[] = [];

  constructor(client: MeetingClient) {
    this.#client = client;
    const heard = (message: VideoPointsMessage) => {
      if (message.meetingId === client.meetingId) this.points = message.points;
    };
    const ask = () => void this.#ask();
    client.socket.on('video:points', heard);
    client.socket.on('connect', ask);
    this.#stops.push(() => {
      client.socket.off('video:points', heard);
      client.socket.off('connect', ask);
    });
    if (client.socket.connected) ask();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  async #ask(): Promise<void> {
    const answer = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('video:points', { meetingId: this.#client.meetingId })
      .catch(() => null);
    if (answer?.ok) this.points = answer.data.points;
  }
}

/**
 * How each point's link is doing, asked every two seconds, with the points that dropped
 * since they were last seen connected (an alert until the point is back).
 */
export class PointStatusWatch {
  statuses = $state<readonly PointStatus[]>([]);
  /** Points that were connected and are not now: the screen says so until they return. */
  dropped = $state<readonly PointStatus[]>([]);
  readonly #client: MeetingClient;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #seen = new SvelteSet<string>();

  constructor(client: MeetingClient) {
    this.#client = client;
    this.#timer = setInterval(() => void this.#ask(), STATUS_EVERY_MS);
    void this.#ask();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #ask(): Promise<void> {
    if (!this.#client.socket.connected) return;
    const answer = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('video:status', { meetingId: this.#client.meetingId })
      .catch(() => null);
    if (!answer?.ok) return;
    for (const point of answer.data.points) if (point.connected) this.#seen.add(point.pointId);
    this.statuses = answer.data.points;
    this.dropped = answer.data.points.filter(
      (point: PointStatus) => !point.connected && this.#seen.has(point.pointId),
    );
  }
}

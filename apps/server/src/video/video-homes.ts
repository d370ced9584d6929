import type { RedisClient } from '../services.ts';

/** How long a home's claim on a meeting lasts unless renewed (a dead process's lapses). */
const CLAIM_MS = 30_000;

const keyOf = (meetingId: string) => `hopxa:video-home:${meetingId}`;

/**
 * Which server process is each meeting's video home, when several share the rooms through
 * Redis: all of a meeting's video sessions live in one process's SFU, so a point's publisher
 * and its viewers meet whichever process their sockets or WHIP requests reach. The first
 * process asked claims a meeting; its claim lapses unless renewed while it holds sessions.
 */
export class VideoHomes {
  /** This process, as the claims name it. */
  readonly here = crypto.randomUUID();
  private readonly redis: RedisClient;

  constructor(redis: RedisClient) {
    this.redis = redis;
  }

  /** The meeting's home; with `claim`, this process becomes it when it has none. */
  async homeOf(meetingId: string, claim: boolean): Promise<string | null> {
    if (claim) {
      const taken = await this.redis.set(keyOf(meetingId), this.here, {
        condition: 'NX',
        expiration: { type: 'PX', value: CLAIM_MS },
      });
      if (taken === 'OK') return this.here;
    }
    return this.redis.get(keyOf(meetingId));
  }

  /** Renews this process's claims on the meetings it holds sessions of. */
  async renew(meetingIds: Iterable<string>): Promise<void> {
    for (const meetingId of meetingIds)
      if ((await this.redis.get(keyOf(meetingId))) === this.here)
        await this.redis.pExpire(keyOf(meetingId), CLAIM_MS);
  }

  /** Gives up a home that no longer answers, so the next call claims the meeting afresh. */
  async forget(meetingId: string, home: string): Promise<void> {
    if ((await this.redis.get(keyOf(meetingId))) === home) await this.redis.del(keyOf(meetingId));
  }
}

/** How often a home renews its claims: well within their lapse. */
export const RENEW_EVERY_MS = CLAIM_MS / 3;

import type { Database } from '@hopxa/db';
import type { MeetingEvent, MeetingState } from '@hopxa/domain';
import { minutesSchema, proceedingsSteps } from '@hopxa/minutes';
import { PROCEEDINGS_EVENTS, proceedingsOf } from '@hopxa/papers';
import type { MinutesStepsMessage } from '@hopxa/protocol';
import type { Logger } from '../logger.ts';
import { loggable } from '../logger.ts';
import { MeetingStateCache } from '../meetings/event-log.ts';
import { sittingFacts } from '../papers/papers.service.ts';
import type { MinutesStore } from './minutes-store.ts';

/** How many times a refresh races the secretaries' typing before it waits for the next event. */
const ATTEMPTS = 5;

/**
 * How long after an event the proceedings are written: the minutes can wait a moment, and a
 * burst of events (a vote opening, then its storm of ballots) is not slowed by them.
 */
export const PROCEEDINGS_DELAY_MS = 1500;

/**
 * Writes the proceedings into the minutes as the record changes: after each event this
 * process commits, the blocks the record gives (opening, roll call, results, designations,
 * speakers, closing) are added or refreshed as the server's own steps.
 */
export class ProceedingsWriter {
  readonly #db: Database;
  readonly #store: MinutesStore;
  readonly #target: (meetingId: string) => Promise<MeetingState['target']>;
  readonly #cache: MeetingStateCache;
  readonly #logger: Logger;
  readonly #sink: (message: MinutesStepsMessage) => void;
  /** One refresh per meeting at a time; one more is remembered while it runs. */
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  /** Meetings waiting for their refresh, after the delay. */
  readonly #waiting = new Set<string>();

  constructor(options: {
    db: Database;
    store: MinutesStore;
    /** A meeting's commune, body and kind (the engine's, read once per process). */
    target: (meetingId: string) => Promise<MeetingState['target']>;
    logKey: Buffer;
    logger: Logger;
    sink: (message: MinutesStepsMessage) => void;
  }) {
    this.#db = options.db;
    this.#store = options.store;
    this.#target = options.target;
    this.#cache = new MeetingStateCache(options.logKey);
    this.#logger = options.logger;
    this.#sink = options.sink;
  }

  /** Events were committed: if they touch the proceedings, bring the minutes up to date, soon. */
  committed(meetingId: string, events: readonly MeetingEvent[]): void {
    if (!events.some((event) => PROCEEDINGS_EVENTS.has(event.type))) return;
    if (this.#waiting.has(meetingId)) return;
    this.#waiting.add(meetingId);
    setTimeout(() => {
      this.#waiting.delete(meetingId);
      this.#refresh(meetingId);
    }, PROCEEDINGS_DELAY_MS).unref();
  }

  /**
   * Brings the minutes' proceedings up to the record now, after a refresh under way: from
   * the log as it stands, whichever process committed its last events.
   */
  async writeNow(meetingId: string): Promise<void> {
    await this.#running.get(meetingId);
    await this.#write(meetingId);
  }

  /** The record of `meetingId` changed: bring its minutes' proceedings up to date, soon. */
  #refresh(meetingId: string): void {
    if (this.#running.has(meetingId)) {
      this.#again.add(meetingId);
      return;
    }
    const run = this.#write(meetingId)
      .catch((error: unknown) =>
        this.#logger.error({ meetingId, ...loggable(error) }, 'proceedings not written'),
      )
      .finally(() => {
        this.#running.delete(meetingId);
        if (this.#again.delete(meetingId)) this.#refresh(meetingId);
      });
    this.#running.set(meetingId, run);
  }

  async #write(meetingId: string): Promise<void> {
    const target = await this.#target(meetingId);
    const { state, hash } = await this.#cache.head(this.#db, target);
    // Nothing is written before the opening (a roll call storm costs one read per refresh),
    // nor once the minutes are submitted (M2).
    if (!state.openedAt || state.minutes.status !== 'writing') return;
    const facts = await sittingFacts(this.#db, target, { seq: state.seq, hash });
    const blocks = proceedingsOf(state, facts);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const current = await this.#store.current(meetingId);
      const steps = proceedingsSteps(minutesSchema.nodeFromJSON(current.doc), blocks);
      if (steps.length === 0) return;
      const written = await this.#store.write(meetingId, {
        batchId: crypto.randomUUID(),
        version: current.version,
        clientId: 'server',
        steps: steps.map((step) => step.toJSON() as unknown),
      });
      if (written.ok && !('replayed' in written)) {
        this.#sink({ meetingId, version: written.version, steps: written.accepted });
        return;
      }
      if (!written.ok && written.reason === 'invalid') throw new Error('proceedings steps refused');
    }
  }
}

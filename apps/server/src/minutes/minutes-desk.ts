import type { MeetingState } from '@hopxa/domain';
import type {
  MinutesData,
  MinutesStepsData,
  MinutesStepsMessage,
  minutesStepsRequestSchema,
} from '@hopxa/protocol';
import type { z } from 'zod';
import type { Outcome } from '../meetings/meeting-engine.ts';
import type { MinutesStore } from './minutes-store.ts';

type Target = MeetingState['target'];

const REFUSALS = {
  stale: 'minutes_stale',
  invalid: 'minutes_invalid',
  reused: 'command_id_reused',
} as const;

/** Whether a meeting's minutes are submitted or approved, so take no step (M2). */
export type MinutesLocked = (target: Target) => Promise<boolean>;

/**
 * The minutes' side of the server: readers join and catch up, secretaries' batches are
 * ordered by the store, and every accepted batch goes to the meeting's room after commit.
 * Answers carry the minutes' version where a meeting command carries its seq.
 */
export class MinutesDesk {
  readonly #store: MinutesStore;
  readonly #sink: (message: MinutesStepsMessage) => void;
  readonly #locked: MinutesLocked;

  constructor(
    store: MinutesStore,
    sink: (message: MinutesStepsMessage) => void,
    locked: MinutesLocked,
  ) {
    this.#store = store;
    this.#sink = sink;
    this.#locked = locked;
  }

  async join(target: Target): Promise<Outcome<MinutesData>> {
    const current = await this.#store.current(target.meetingId);
    return { ok: true, seq: current.version, data: current };
  }

  async since(target: Target, version: number): Promise<Outcome<MinutesStepsData>> {
    const steps = await this.#store.since(target.meetingId, version);
    const last = version + steps.length;
    return { ok: true, seq: last, data: { version: last, steps } };
  }

  async write(
    target: Target,
    request: z.output<typeof minutesStepsRequestSchema>,
  ): Promise<Outcome<{ version: number; replayed: boolean }>> {
    // A submission then approval checks the document again, so a step racing the lock shows.
    if (await this.#locked(target)) return { ok: false, code: 'minutes_locked' };
    const written = await this.#store.write(target.meetingId, request);
    if (!written.ok) return { ok: false, code: REFUSALS[written.reason] };
    if ('replayed' in written)
      return { ok: true, seq: written.version, data: { version: written.version, replayed: true } };
    this.#sink({ meetingId: target.meetingId, version: written.version, steps: written.accepted });
    return { ok: true, seq: written.version, data: { version: written.version, replayed: false } };
  }
}

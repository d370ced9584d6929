import type { Database } from '@hopxa/db';
import type { MeetingEvent, MeetingState } from '@hopxa/domain';
import type { MeetingStateCache } from './event-log.ts';
import { runCommands, type CommandInput, type CommandResult } from './run-commands.ts';

type Waiting = {
  readonly input: CommandInput;
  readonly resolve: (result: CommandResult) => void;
  readonly reject: (error: unknown) => void;
};

/** At most this many commands share one transaction. */
const MAX_BATCH = 200;

/**
 * Commands for one meeting that arrive while its previous batch is being committed wait and
 * then go in together, in arrival order, in one transaction: a hall voting at once costs a
 * few commits, not one per tablet. Meetings never wait on each other.
 */
export class MeetingCommandQueue {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly flushing = new Set<string>();
  private readonly db: Database;
  private readonly cache: MeetingStateCache;
  private readonly publish: (meetingId: string, events: readonly MeetingEvent[]) => void;

  /** `publish` gets each committed batch's events at once: one message to the room, not one per command. */
  constructor(
    db: Database,
    cache: MeetingStateCache,
    publish: (meetingId: string, events: readonly MeetingEvent[]) => void,
  ) {
    this.db = db;
    this.cache = cache;
    this.publish = publish;
  }

  submit(target: MeetingState['target'], input: CommandInput): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(target.meetingId) ?? [];
      queue.push({ input, resolve, reject });
      this.waiting.set(target.meetingId, queue);
      if (!this.flushing.has(target.meetingId)) void this.flush(target);
    });
  }

  private async flush(target: MeetingState['target']): Promise<void> {
    this.flushing.add(target.meetingId);
    try {
      for (;;) {
        const queue = this.waiting.get(target.meetingId) ?? [];
        if (queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const results = await runCommands(
            this.db,
            target,
            batch.map((waiting) => waiting.input),
            this.cache,
          );
          const events = results.flatMap((result) => result.events);
          if (events.length > 0) this.publish(target.meetingId, events);
          batch.forEach((waiting, index) => {
            const result = results[index];
            if (result) waiting.resolve(result);
            else waiting.reject(new Error('no result for a command'));
          });
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.waiting.delete(target.meetingId);
      this.flushing.delete(target.meetingId);
    }
  }
}

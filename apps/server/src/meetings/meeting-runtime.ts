import type { Database } from '@hopxa/db';
import { repeatedBallot, type MeetingEvent, type MeetingState } from '@hopxa/domain';
import type { LogHead, PollProgressMessage } from '@hopxa/protocol';
import { BatchQueue } from '../batch-queue.ts';
import type { Logger } from '../logger.ts';
import { castBallots, type Box, type Cast, type CastOutcome } from '../polls/ballot-box.ts';
import type { BallotSeal } from '../polls/ballot-seal.ts';
import { fingerprintOf, MeetingStateCache, type Head } from './event-log.ts';
import { RoomPublisher } from './room-publisher.ts';
import { runCommands, type CommandInput, type CommandResult } from './run-commands.ts';

/** A room hears of new events, and of an open poll's progress, at most this often. */
const BROADCAST_INTERVAL_MS = 100;

type CommandJob = { readonly target: MeetingState['target']; readonly input: CommandInput };
type CastJob = { readonly box: Box; readonly cast: Cast };

/**
 * What one server process keeps for all its meetings: the state cache, the queues that
 * batch commands per meeting and ballots per poll, and the room publishers.
 */
export class MeetingRuntime {
  readonly db: Database;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly seal: BallotSeal;
  readonly cache: MeetingStateCache;
  /**
   * True when no other process writes these meetings (no Redis, so no second process): then
   * the cache, updated after every commit here, is the latest state and checks need no read.
   */
  private readonly soleWriter: boolean;
  private readonly events: RoomPublisher<MeetingEvent>;
  private readonly progress: RoomPublisher<PollProgressMessage>;
  private readonly commands: BatchQueue<CommandJob, CommandResult>;
  private readonly ballots: BatchQueue<CastJob, CastOutcome>;

  constructor(options: {
    readonly db: Database;
    readonly logger: Logger;
    readonly clock: () => Date;
    readonly seal: BallotSeal;
    /** Keys the hash chain of every meeting's log. */
    readonly logKey: Buffer;
    readonly soleWriter: boolean;
    readonly emitEvents: (
      meetingId: string,
      events: readonly MeetingEvent[],
      head: LogHead,
    ) => void;
    readonly emitProgress: (meetingId: string, progress: PollProgressMessage) => void;
  }) {
    this.db = options.db;
    this.logger = options.logger;
    this.clock = options.clock;
    this.seal = options.seal;
    this.cache = new MeetingStateCache(options.logKey);
    this.soleWriter = options.soleWriter;
    // The head sent is the newest this process committed: the last of the events sent.
    this.events = new RoomPublisher(BROADCAST_INTERVAL_MS, (meetingId, events) => {
      const held = this.cache.held(meetingId);
      const last = events.at(-1);
      if (!held || !last) return;
      options.emitEvents(meetingId, events, this.logHead(held));
    });
    this.progress = new RoomPublisher(BROADCAST_INTERVAL_MS, (meetingId, items) => {
      const last = items.at(-1);
      if (!last) return;
      // The newest count, and every voter any of the held messages added.
      const samePoll = items.filter((item) => item.pollId === last.pollId);
      options.emitProgress(meetingId, {
        ...last,
        voted: Math.max(...samePoll.map((item) => item.voted)),
        voters: samePoll.flatMap((item) => item.voters),
      });
    });
    this.commands = new BatchQueue(async (meetingId, jobs) => {
      const target = jobs[0]?.target;
      if (!target) return [];
      const results = await runCommands(
        this.db,
        target,
        jobs.map((job) => job.input),
        this.cache,
      );
      this.events.publish(
        meetingId,
        results.flatMap((result) => result.events),
      );
      return results;
    });
    this.ballots = new BatchQueue((pollId, jobs) => this.castBatch(pollId, jobs));
  }

  /** Where a held head's log ends, as screens show it. */
  logHead(head: Head): LogHead {
    return { seq: head.state.seq, fingerprint: fingerprintOf(head.hash) };
  }

  /**
   * The meeting's state for a check that a write then enforces anyway (a ballot's
   * entitlement; the box itself refuses a closed poll): what this process holds when it is
   * the only writer, else the latest, read at most once at a time per meeting.
   */
  stateForCheck(target: MeetingState['target']): Promise<MeetingState> {
    const held = this.soleWriter ? this.cache.held(target.meetingId) : undefined;
    return held ? Promise.resolve(held.state) : this.cache.recent(this.db, target);
  }

  /** Decides and commits a command with the others of its meeting that arrive with it. */
  command(target: MeetingState['target'], input: CommandInput): Promise<CommandResult> {
    return this.commands.submit(target.meetingId, { target, input });
  }

  /** Puts a checked ballot into its poll's box with the others that arrive with it. */
  cast(box: Box, cast: Cast): Promise<CastOutcome> {
    return this.ballots.submit(box.pollId, { box, cast });
  }

  /**
   * One write per batch, each voter once: a voter's second cast in the same batch is
   * answered after the first, as a resend of it (same ballot) or as a second ballot.
   */
  private async castBatch(pollId: string, jobs: readonly CastJob[]): Promise<CastOutcome[]> {
    const first = jobs[0];
    if (!first) return [];
    const firstOfVoter = new Map<string, number>();
    jobs.forEach((job, index) => {
      if (!firstOfVoter.has(job.cast.personId)) firstOfVoter.set(job.cast.personId, index);
    });
    const unique = [...firstOfVoter.values()].map((index) => jobs[index] as CastJob);
    const { box } = first;
    const written = await castBallots(
      this.db,
      this.seal,
      box,
      unique.map((job) => job.cast),
    );
    const outcomeOf = new Map(
      unique.map((job, index) => [job.cast.personId, written.outcomes[index] ?? 'poll_not_open']),
    );
    if (written.added.length > 0) {
      this.progress.publish(box.meetingId, [
        {
          meetingId: box.meetingId,
          pollId,
          voted: written.voted,
          // Who has voted is shown for an open vote only; a secret ballot shows how many.
          voters: box.secret ? [] : written.added,
        },
      ]);
    }
    return jobs.map((job, index) => {
      const outcome = outcomeOf.get(job.cast.personId) ?? 'poll_not_open';
      if (firstOfVoter.get(job.cast.personId) === index) return outcome;
      // Only a copy of a ballot that is in the box is a resend; anything else keeps its answer.
      if (outcome !== 'recorded' && outcome !== 'replayed') return outcome;
      const first = (jobs[firstOfVoter.get(job.cast.personId) ?? 0] as CastJob).cast;
      // I2: a resend carries its ballot's cast id; another id is another ballot.
      if (first.castId !== job.cast.castId) return 'already_voted';
      return repeatedBallot(first.ballot, job.cast.ballot, []);
    });
  }
}

import type { Database } from '@hopxa/db';
import {
  can,
  type Actor,
  type MeetingCommand,
  type MeetingEvent,
  headFingerprint,
  type MeetingState,
  type MinutesFacts,
  type QuorumFigures,
} from '@hopxa/domain';
import type {
  CastData,
  JoinData,
  LogHead,
  MeetingCommandInput,
  PollProgressMessage,
  ReceiptData,
  WireErrorCode,
} from '@hopxa/protocol';
import { meetingTarget } from '../auth/authorize.ts';
import type { Logger } from '../logger.ts';
import { MinutesStore, sha256Hex } from '../minutes/minutes-store.ts';
import type { CastOutcome } from '../polls/ballot-box.ts';
import { BallotSeal } from '../polls/ballot-seal.ts';
import {
  castAnswer,
  castBatch,
  checkCast,
  checkEntryCast,
  openBoxes,
  openPollProgress,
  preparePollEnding,
  verifyReceipt,
  type CheckedCast,
} from '../polls/poll-lifecycle.ts';
import type { ServerKeys } from '../server-key.ts';
import { BatchQueue } from './batch-queue.ts';
import { loadEventsSince, MeetingStateCache, type Head } from './event-log.ts';
import { RoomPublisher } from './room-publisher.ts';
import {
  fingerprintOf,
  runCommands,
  type CommandInput,
  type CommandResult,
} from './run-commands.ts';
import { livePoints } from '../video/connection-points.service.ts';
import { loadConvening, loadNotice, loadRoster } from './sitting-setup.ts';

/** A room hears of new events, and of an open poll's progress, at most this often. */
const BROADCAST_INTERVAL_MS = 100;

/** A client further behind than this gets a snapshot instead of the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;

/**
 * Where the engine sends what happens in a meeting: the socket edge gives it one that
 * writes to the meeting's room (and a test one that keeps what it is given). The engine
 * knows nothing of sockets.
 */
export type RoomSink = {
  readonly events: (meetingId: string, events: readonly MeetingEvent[], head: LogHead) => void;
  readonly progress: (message: PollProgressMessage) => void;
};

/** What the engine answers: the data once committed, or the code of a refusal. */
export type Outcome<T> =
  | { readonly ok: true; readonly seq: number; readonly data: T }
  | { readonly ok: false; readonly code: WireErrorCode; readonly quorum?: QuorumFigures };

type CommandJob = { readonly target: MeetingState['target']; readonly input: CommandInput };

/**
 * The meeting engine of one server process, for all its meetings: the state cache, a queue
 * per meeting that decides and commits its commands in batches, a queue per poll that puts
 * ballots in its box in batches, and the publishing of both to each meeting's room at most
 * every 100 ms. Every method answers after commit.
 *
 * @example
 * const engine = new MeetingEngine({ db, keys, clock, soleWriter: true, sink });
 * await engine.command(target, actor, commandId, { type: 'check_in', status: 'present_in_hall' });
 */
export class MeetingEngine {
  readonly db: Database;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly seal: BallotSeal;
  readonly cache: MeetingStateCache;
  /** The meetings' minutes, whose sign-off commands this engine decides. */
  readonly minutes: MinutesStore;
  /**
   * True when no other process writes these meetings (no Redis, so no second process): then
   * the cache, updated after every commit here, is the latest state and checks need no read.
   */
  private readonly soleWriter: boolean;
  private readonly proceedings: ((meetingId: string) => Promise<void>) | undefined;
  private readonly events: RoomPublisher<MeetingEvent>;
  private readonly progress: RoomPublisher<PollProgressMessage>;
  private readonly commands: BatchQueue<CommandJob, CommandResult>;
  private readonly ballots: BatchQueue<CheckedCast, CastOutcome>;

  constructor(options: {
    readonly db: Database;
    readonly logger: Logger;
    readonly keys: Pick<ServerKeys, 'seal' | 'log'>;
    readonly clock: () => Date;
    readonly soleWriter: boolean;
    readonly sink: RoomSink;
    /**
     * Brings a meeting's minutes up to its record's proceedings at once: a submission reads
     * the minutes next, and must not sign them before the record's last lines are in.
     */
    readonly proceedings?: (meetingId: string) => Promise<void>;
  }) {
    this.db = options.db;
    this.logger = options.logger;
    this.clock = options.clock;
    this.seal = new BallotSeal(options.keys.seal);
    this.cache = new MeetingStateCache(options.keys.log);
    this.minutes = new MinutesStore(options.db);
    this.soleWriter = options.soleWriter;
    this.proceedings = options.proceedings;
    const { sink } = options;
    // The head sent is the newest this process committed: the last of the events sent.
    this.events = new RoomPublisher(BROADCAST_INTERVAL_MS, (meetingId, events) => {
      const held = this.cache.held(meetingId);
      if (held) sink.events(meetingId, events, logHead(held));
    });
    this.progress = new RoomPublisher(BROADCAST_INTERVAL_MS, (meetingId, items) => {
      const last = items.at(-1);
      if (!last) return;
      // The newest count, and every voter any of the held messages added.
      const samePoll = items.filter((item) => item.pollId === last.pollId);
      sink.progress({
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
      const appended = results.flatMap((result) => result.events);
      // A poll open in the log takes ballots before anyone hears it is open.
      await openBoxes(this.db, meetingId, appended);
      this.events.publish(meetingId, appended);
      return results;
    });
    this.ballots = new BatchQueue(async (pollId, jobs) => {
      const first = jobs[0];
      if (!first) return [];
      const batch = await castBatch(
        this.db,
        this.seal,
        first.box,
        jobs.map((job) => job.cast),
      );
      if (batch.progress)
        this.progress.publish(first.box.meetingId, [
          { ...batch.progress, meetingId: first.box.meetingId, pollId },
        ]);
      return batch.outcomes;
    });
  }

  /** The meeting's commune, province and body, read once per process; 404 when there is none. */
  target(meetingId: string): Promise<MeetingState['target']> {
    return this.cache.target(meetingId, () => meetingTarget(this.db, meetingId));
  }

  /** The meeting's state as the log now ends, read at most once at a time per meeting. */
  state(target: MeetingState['target']): Promise<MeetingState> {
    return this.cache.recent(this.db, target);
  }

  /** What a client joining the meeting is sent: the events it missed, or a snapshot. */
  async join(target: MeetingState['target'], sinceSeq: number | null): Promise<Outcome<JoinData>> {
    const held = await this.cache.head(this.db, target);
    const { state } = held;
    const progress = await openPollProgress(this.db, state);
    const head = state.seq === 0 ? null : logHead(held);
    if (sinceSeq !== null && sinceSeq <= state.seq && state.seq - sinceSeq <= MAX_CATCH_UP_EVENTS) {
      const events = await loadEventsSince(this.db, target.meetingId, sinceSeq, state.seq);
      return { ok: true, seq: state.seq, data: { kind: 'events', events, progress, head } };
    }
    return { ok: true, seq: state.seq, data: { kind: 'snapshot', state, progress, head } };
  }

  /**
   * Decides and commits a command with the others of its meeting that arrive with it, once
   * what only the server may supply is added: a meeting's roster and agenda, a poll's count.
   */
  async command(
    target: MeetingState['target'],
    actor: Actor,
    commandId: string,
    request: MeetingCommandInput,
  ): Promise<Outcome<{ replayed: boolean }>> {
    const now = this.clock();
    const command = await this.complete(target, actor, request, now);
    const fingerprint = fingerprintOf(request);
    const result = await this.commands.submit(target.meetingId, {
      target,
      input: { commandId, fingerprint, command, actor, now },
    });
    return result.answer.ok
      ? { ok: true, seq: result.answer.seq, data: { replayed: result.replayed } }
      : { ok: false, ...result.answer.error };
  }

  /** Puts a voter's ballot in its poll's box with the others that arrive with it. */
  async cast(
    target: MeetingState['target'],
    actor: Actor,
    request: Parameters<typeof checkCast>[2],
  ): Promise<Outcome<CastData>> {
    const state = await this.stateForCheck(target);
    return this.intoBox(state, checkCast(state, actor, request));
  }

  /**
   * Puts a show of hands the secretary entered for a member without a tablet in the box, as
   * that member's ballot (V18): the same queue, the same one ballot per member.
   */
  async enter(
    target: MeetingState['target'],
    actor: Actor,
    request: Parameters<typeof checkEntryCast>[2],
  ): Promise<Outcome<CastData>> {
    const state = await this.stateForCheck(target);
    return this.intoBox(state, checkEntryCast(state, actor, request));
  }

  private async intoBox(
    state: MeetingState,
    checked: CheckedCast | { readonly refused: WireErrorCode },
  ): Promise<Outcome<CastData>> {
    if ('refused' in checked) return { ok: false, code: checked.refused };
    const outcome = checked.late
      ? 'poll_not_open'
      : await this.ballots.submit(checked.box.pollId, checked);
    const answer = await castAnswer(this.db, this.seal, checked, outcome);
    return 'refused' in answer
      ? { ok: false, code: answer.refused }
      : { ok: true, seq: state.seq, data: answer };
  }

  /** Whether a voter's ballot was counted, and as what, for the voter's own account. */
  async verify(
    target: MeetingState['target'],
    actor: Actor,
    request: { readonly pollId: string; readonly receipt: string },
  ): Promise<Outcome<ReceiptData>> {
    const state = await this.cache.current(this.db, target);
    const answer = await verifyReceipt(this.db, this.seal, state, actor, request);
    return 'refused' in answer
      ? { ok: false, code: answer.refused }
      : { ok: true, seq: state.seq, data: answer };
  }

  /** The client's command, with what only the server may supply. */
  private async complete(
    target: MeetingState['target'],
    actor: Actor,
    request: MeetingCommandInput,
    now: Date,
  ): Promise<MeetingCommand> {
    switch (request.type) {
      case 'convene':
        return {
          type: 'convene',
          setup: await loadConvening(this.db, target.bodyId, target.meetingId, now),
        };
      case 'amend_notice':
        return { type: 'amend_notice', notice: await loadNotice(this.db, target.meetingId) };
      case 'open_sitting':
        return {
          type: 'open_sitting',
          setup: { roster: await loadRoster(this.db, target.bodyId, now) },
        };
      case 'close_poll':
      case 'annul_poll':
        return preparePollEnding(
          this.db,
          this.seal,
          await this.cache.current(this.db, target),
          request,
          actor,
        );
      case 'submit_minutes':
        // The closing a moment ago is written in first; the secretary, who read the minutes
        // without it, is then told they changed (M1) and reads it before submitting again.
        // Only for whoever keeps the record, as preparing a poll's ending is only for whoever
        // may end it. Proceedings that cannot be written (logged) hold no sign-off back.
        if (can(actor, 'meeting.keep_record', target))
          await this.proceedings?.(target.meetingId).catch((error: unknown) =>
            this.logger.error(
              { err: error, meetingId: target.meetingId },
              'proceedings not written before a submission',
            ),
          );
        return { ...request, minutes: await this.minutesFacts(target) };
      case 'approve_minutes':
        return { ...request, minutes: await this.minutesFacts(target) };
      // PG1: the points the program may show are the meeting's, not revoked.
      case 'set_program':
        return { ...request, points: await livePoints(this.db, target.meetingId) };
      case 'submit_addendum': {
        const { logSeq, logHash } = await this.minutesFacts(target);
        return { ...request, sha256: sha256Hex(request.text), head: { logSeq, logHash } };
      }
      default:
        return request;
    }
  }

  /** The minutes as stored, with where the log stands: what a sign-off records (M1). */
  private async minutesFacts(target: MeetingState['target']): Promise<MinutesFacts> {
    const { state, hash } = await this.cache.head(this.db, target);
    const signed = await this.minutes.signed(target.meetingId);
    return { ...signed, logSeq: state.seq, logHash: hash };
  }

  /** Whether the minutes take no more steps: submitted or approved (M2). */
  async minutesLocked(target: MeetingState['target']): Promise<boolean> {
    return (await this.stateForCheck(target)).minutes.status !== 'writing';
  }

  /**
   * The meeting's state for a check that a write then enforces anyway (a ballot's
   * entitlement; the box itself refuses a closed poll): what this process holds when it is
   * the only writer, else the latest, read at most once at a time per meeting.
   */
  private stateForCheck(target: MeetingState['target']): Promise<MeetingState> {
    const held = this.soleWriter ? this.cache.held(target.meetingId) : undefined;
    return held ? Promise.resolve(held.state) : this.cache.recent(this.db, target);
  }
}

/** Where a held head's log ends, as screens show it. */
function logHead(head: Head): LogHead {
  return { seq: head.state.seq, fingerprint: headFingerprint(head.hash) };
}

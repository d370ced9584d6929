import { createHash } from 'node:crypto';
import { schema, type Database } from '@hopxa/db';
import {
  apply,
  decide,
  initialMeetingState,
  type Actor,
  type MeetingCommand,
  type MeetingErrorCode,
  type MeetingEvent,
  type MeetingEventBody,
  type MeetingState,
} from '@hopxa/domain';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';

/** The hash the first event of every meeting links back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type StoredEvent = typeof schema.meetingEvents.$inferSelect;

/** What an event's hash covers: its place in the log, who and when, its content, the hash before. */
export function eventHash(
  event: Pick<
    StoredEvent,
    'meetingId' | 'seq' | 'type' | 'payload' | 'commandId' | 'actorAccountId' | 'at' | 'prevHash'
  >,
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        meetingId: event.meetingId,
        seq: event.seq,
        type: event.type,
        payload: event.payload,
        commandId: event.commandId,
        actorAccountId: event.actorAccountId,
        at: event.at.toISOString(),
        prevHash: event.prevHash,
      }),
    )
    .digest('hex');
}

function toDomainEvent(row: StoredEvent): MeetingEvent {
  return { ...row.payload, type: row.type, seq: row.seq } as unknown as MeetingEvent;
}

type Reader = Pick<Database, 'select'>;

async function loadRowsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(schema.meetingEvents)
    .where(
      and(eq(schema.meetingEvents.meetingId, meetingId), gt(schema.meetingEvents.seq, sinceSeq)),
    )
    .orderBy(asc(schema.meetingEvents.seq));
}

/** The events of a meeting after `sinceSeq`, in order: what a reconnecting client missed. */
export async function loadEventsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
): Promise<MeetingEvent[]> {
  return (await loadRowsSince(db, meetingId, sinceSeq)).map(toDomainEvent);
}

/** A meeting's state: its whole log applied in order. */
export async function loadMeetingState(
  db: Reader,
  target: MeetingState['target'],
): Promise<MeetingState> {
  return (await loadEventsSince(db, target.meetingId, 0)).reduce(
    apply,
    initialMeetingState(target),
  );
}

/** A state with the hash of the event that made it, which the next event links to. */
type Head = { readonly state: MeetingState; readonly hash: string };

/**
 * What this process knows of each meeting: where it sits (commune, body; that never
 * changes) and its latest state with the hash of its last event, so a command or a join
 * reads only the events appended since (by this process or another) instead of the whole log.
 */
export class MeetingStateCache {
  private readonly heads = new Map<string, Head>();
  private readonly targets = new Map<string, Promise<MeetingState['target']>>();

  /** The meeting's commune, province and body, read once per process. */
  target(
    meetingId: string,
    load: () => Promise<MeetingState['target']>,
  ): Promise<MeetingState['target']> {
    let known = this.targets.get(meetingId);
    if (!known) {
      known = load();
      this.targets.set(meetingId, known);
      known.catch(() => this.targets.delete(meetingId));
    }
    return known;
  }

  async current(db: Reader, target: MeetingState['target']): Promise<MeetingState> {
    return (await this.head(db, target)).state;
  }

  async head(db: Reader, target: MeetingState['target']): Promise<Head> {
    const known = this.heads.get(target.meetingId) ?? {
      state: initialMeetingState(target),
      hash: GENESIS_HASH,
    };
    const rows = await loadRowsSince(db, target.meetingId, known.state.seq);
    const head = rows.reduce(
      (current, row) => ({ state: apply(current.state, toDomainEvent(row)), hash: row.hash }),
      known,
    );
    this.remember(head);
    return head;
  }

  /** Keeps a head only if it is newer than the one held. */
  remember(head: Head): void {
    const held = this.heads.get(head.state.target.meetingId);
    if (!held || held.state.seq < head.state.seq) this.heads.set(head.state.target.meetingId, head);
  }
}

/** The answer a command gets, the first time and on every retry of the same id. */
export type CommandAnswer =
  | { readonly ok: true; readonly seq: number }
  | { readonly ok: false; readonly error: { readonly code: MeetingErrorCode } };

export type CommandResult = {
  readonly answer: CommandAnswer;
  /** The events this call appended (none for a refusal or a retry). */
  readonly events: readonly MeetingEvent[];
  /** True when the answer is the stored one of an earlier call with the same id. */
  readonly replayed: boolean;
};

export type CommandInput = {
  readonly commandId: string;
  readonly command: MeetingCommand;
  readonly actor: Actor;
  readonly now: Date;
};

/**
 * Runs commands for one meeting in a single transaction, in order: the meeting's row is
 * locked so commands take turns with every other process, each command id seen before gets
 * its stored answer, each new command is decided against the state the ones before it left,
 * and all events and answers are written together. Callers acknowledge only after this
 * resolves, that is after commit. Commands that arrive together share one commit.
 */
export async function runCommands(
  db: Database,
  target: MeetingState['target'],
  inputs: readonly CommandInput[],
  cache: MeetingStateCache,
): Promise<CommandResult[]> {
  const outcome = await db.transaction(async (tx) => {
    await tx
      .select({ id: schema.meetings.id })
      .from(schema.meetings)
      .where(eq(schema.meetings.id, target.meetingId))
      .for('update');
    const stored = await tx
      .select({
        commandId: schema.meetingCommands.commandId,
        answer: schema.meetingCommands.answer,
      })
      .from(schema.meetingCommands)
      .where(
        and(
          eq(schema.meetingCommands.meetingId, target.meetingId),
          inArray(
            schema.meetingCommands.commandId,
            inputs.map((input) => input.commandId),
          ),
        ),
      );
    const answered = new Map(
      stored.map((row) => [row.commandId, row.answer as unknown as CommandAnswer]),
    );
    let head = await cache.head(tx, target);
    const eventRows: (typeof schema.meetingEvents.$inferInsert)[] = [];
    const answerRows: (typeof schema.meetingCommands.$inferInsert)[] = [];
    const results: CommandResult[] = [];
    for (const input of inputs) {
      const earlier = answered.get(input.commandId);
      if (earlier) {
        results.push({ answer: earlier, events: [], replayed: true });
        continue;
      }
      const decision = decide(head.state, input.command, input.actor, input.now);
      const appended: MeetingEvent[] = [];
      if (decision.ok) {
        for (const body of decision.events) {
          const seq = head.state.seq + 1;
          const { type, ...payload } = body as MeetingEventBody & Record<string, unknown>;
          const row = {
            meetingId: target.meetingId,
            seq,
            type,
            payload,
            commandId: input.commandId,
            actorAccountId: input.actor.accountId,
            at: input.now,
            prevHash: head.hash,
          };
          const hash = eventHash(row);
          eventRows.push({ ...row, hash });
          const event = { ...body, seq } as MeetingEvent;
          appended.push(event);
          head = { state: apply(head.state, event), hash };
        }
      }
      const answer: CommandAnswer = decision.ok
        ? { ok: true, seq: head.state.seq }
        : { ok: false, error: { code: decision.code } };
      answered.set(input.commandId, answer);
      answerRows.push({
        meetingId: target.meetingId,
        commandId: input.commandId,
        actorAccountId: input.actor.accountId,
        answer: answer as unknown as Record<string, unknown>,
        at: input.now,
      });
      results.push({ answer, events: appended, replayed: false });
    }
    if (eventRows.length > 0) await tx.insert(schema.meetingEvents).values(eventRows);
    if (answerRows.length > 0) await tx.insert(schema.meetingCommands).values(answerRows);
    return { results, head };
  });
  // Remembered only after commit: a rolled-back command must leave no trace in the cache.
  cache.remember(outcome.head);
  return outcome.results;
}

/** One command on its own (tests, tools); the server batches through `MeetingCommandQueue`. */
export async function runCommand(
  db: Database,
  input: CommandInput & { readonly target: MeetingState['target'] },
  cache: MeetingStateCache = new MeetingStateCache(),
): Promise<CommandResult> {
  const [result] = await runCommands(db, input.target, [input], cache);
  if (!result) throw new Error('no result for the command');
  return result;
}

export type LogVerification =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: 'gap' | 'hash' | 'link' };

/**
 * Checks a meeting's log: seq runs 1, 2, 3 ... without a gap, every event's hash matches its
 * content, and every event links to the hash of the one before. Names the first bad seq.
 */
export async function verifyLog(db: Reader, meetingId: string): Promise<LogVerification> {
  const rows = await db
    .select()
    .from(schema.meetingEvents)
    .where(eq(schema.meetingEvents.meetingId, meetingId))
    .orderBy(asc(schema.meetingEvents.seq));
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, reason: 'gap' };
    if (row.prevHash !== prevHash) return { ok: false, firstBadSeq: row.seq, reason: 'link' };
    if (eventHash(row) !== row.hash) return { ok: false, firstBadSeq: row.seq, reason: 'hash' };
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length };
}

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
import { and, asc, eq, gt } from 'drizzle-orm';

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

/** The events of a meeting after `sinceSeq`, in order: what a reconnecting client missed. */
export async function loadEventsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
): Promise<MeetingEvent[]> {
  const rows = await db
    .select()
    .from(schema.meetingEvents)
    .where(
      and(eq(schema.meetingEvents.meetingId, meetingId), gt(schema.meetingEvents.seq, sinceSeq)),
    )
    .orderBy(asc(schema.meetingEvents.seq));
  return rows.map(toDomainEvent);
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

/**
 * The latest state of each meeting this process has seen, so a command or a join reads only
 * the events appended since (by this process or another) instead of replaying the whole log.
 */
export class MeetingStateCache {
  private readonly states = new Map<string, MeetingState>();

  async current(db: Reader, target: MeetingState['target']): Promise<MeetingState> {
    const known = this.states.get(target.meetingId) ?? initialMeetingState(target);
    const state = (await loadEventsSince(db, target.meetingId, known.seq)).reduce(apply, known);
    this.remember(state);
    return state;
  }

  /** Keeps a state only if it is newer than the one held. */
  remember(state: MeetingState): void {
    const held = this.states.get(state.target.meetingId);
    if (!held || held.seq < state.seq) this.states.set(state.target.meetingId, state);
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

/**
 * Runs one command against a meeting in a single transaction: the meeting's row is locked so
 * commands take turns (from any server process), the state is rebuilt from the log, `decide`
 * answers, and the events and the answer are written together. The caller acknowledges only
 * after this resolves, that is after commit.
 */
export async function runCommand(
  db: Database,
  input: {
    readonly target: MeetingState['target'];
    readonly commandId: string;
    readonly command: MeetingCommand;
    readonly actor: Actor;
    readonly now: Date;
  },
  cache: MeetingStateCache = new MeetingStateCache(),
): Promise<CommandResult> {
  const { target, commandId } = input;
  const outcome: CommandResult & { after?: MeetingState } = await db.transaction(async (tx) => {
    await tx
      .select({ id: schema.meetings.id })
      .from(schema.meetings)
      .where(eq(schema.meetings.id, target.meetingId))
      .for('update');
    const [earlier] = await tx
      .select({ answer: schema.meetingCommands.answer })
      .from(schema.meetingCommands)
      .where(
        and(
          eq(schema.meetingCommands.meetingId, target.meetingId),
          eq(schema.meetingCommands.commandId, commandId),
        ),
      );
    if (earlier)
      return { answer: earlier.answer as unknown as CommandAnswer, events: [], replayed: true };

    const state = await cache.current(tx, target);
    const decision = decide(state, input.command, input.actor, input.now);
    const appended: MeetingEvent[] = [];
    if (decision.ok) {
      const [last] = await tx
        .select({ hash: schema.meetingEvents.hash })
        .from(schema.meetingEvents)
        .where(
          and(
            eq(schema.meetingEvents.meetingId, target.meetingId),
            eq(schema.meetingEvents.seq, state.seq),
          ),
        );
      let prevHash = last?.hash ?? GENESIS_HASH;
      for (const [index, body] of decision.events.entries()) {
        const seq = state.seq + index + 1;
        const { type, ...payload } = body as MeetingEventBody & Record<string, unknown>;
        const row = {
          meetingId: target.meetingId,
          seq,
          type,
          payload,
          commandId,
          actorAccountId: input.actor.accountId,
          at: input.now,
          prevHash,
        };
        const hash = eventHash(row);
        await tx.insert(schema.meetingEvents).values({ ...row, hash });
        prevHash = hash;
        appended.push({ ...body, seq });
      }
    }
    const answer: CommandAnswer = decision.ok
      ? { ok: true, seq: state.seq + decision.events.length }
      : { ok: false, error: { code: decision.code } };
    await tx.insert(schema.meetingCommands).values({
      meetingId: target.meetingId,
      commandId,
      actorAccountId: input.actor.accountId,
      answer: answer as unknown as Record<string, unknown>,
      at: input.now,
    });
    return { answer, events: appended, replayed: false, after: appended.reduce(apply, state) };
  });
  // Remembered only after commit: a rolled-back command must leave no trace in the cache.
  if (outcome.after) cache.remember(outcome.after);
  return { answer: outcome.answer, events: outcome.events, replayed: outcome.replayed };
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

import { createHash } from 'node:crypto';
import { isDataRefused, postgresErrorCode, rowsOf, schema, type Database } from '@hopxa/db';
import {
  apply,
  commandFingerprint,
  decide,
  repeatedCommand,
  type Actor,
  type MeetingCommand,
  type MeetingErrorCode,
  type MeetingEvent,
  type MeetingEventBody,
  type MeetingState,
  type QuorumFigures,
} from '@hopxa/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  eventHash,
  headMac,
  LogBrokenError,
  type Head,
  type MeetingStateCache,
} from './event-log.ts';

/** The answer a command gets, the first time and on every retry of the same id. */
export type CommandAnswer =
  | { readonly ok: true; readonly seq: number }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: MeetingErrorCode | 'invalid_input' | 'unavailable';
        readonly quorum?: QuorumFigures;
      };
    };

export type CommandResult = {
  readonly answer: CommandAnswer;
  /** The events this call appended (none for a refusal or a retry). */
  readonly events: readonly MeetingEvent[];
  /** True when the answer is the stored one of an earlier call with the same id. */
  readonly replayed: boolean;
};

export type CommandInput = {
  readonly commandId: string;
  /** SHA-256 of the command as the client sent it (`commandFingerprint`), rule I1. */
  readonly fingerprint: string;
  readonly command: MeetingCommand;
  readonly actor: Actor;
  readonly now: Date;
};

/** A command id answered before: by whom, for which command, and what it was told. */
type Answered = {
  readonly accountId: string | null;
  readonly fingerprint: string;
  readonly answer: CommandAnswer;
};

type EventRow = typeof schema.meetingEvents.$inferInsert;
type AnswerRow = typeof schema.meetingCommands.$inferInsert;

/** What a batch decided against one head: the answers, the rows to write, the head after. */
type DecidedBatch = {
  readonly results: CommandResult[];
  readonly eventRows: EventRow[];
  readonly answerRows: AnswerRow[];
  readonly head: Head;
};

/**
 * Decides commands in order, each against the state the ones before it left. A command id
 * in `answered` (stored earlier, or earlier in this batch) gets that answer again when it is
 * the same command from the same account, and is refused otherwise (I1): nothing runs. Only
 * accepted commands keep their answer: a refused one changed nothing, so a resend of it is
 * simply decided again, and a stream of refusals stores nothing.
 */
function decideBatch(
  logKey: Buffer,
  start: Head,
  inputs: readonly CommandInput[],
  answered: Map<string, Answered>,
): DecidedBatch {
  const meetingId = start.state.target.meetingId;
  let head = start;
  const eventRows: EventRow[] = [];
  const answerRows: AnswerRow[] = [];
  const results: CommandResult[] = [];
  for (const input of inputs) {
    const earlier = answered.get(input.commandId);
    if (earlier) {
      const again = { accountId: input.actor.accountId, fingerprint: input.fingerprint };
      results.push(
        repeatedCommand(earlier, again) === 'replay'
          ? { answer: earlier.answer, events: [], replayed: true }
          : {
              answer: { ok: false, error: { code: 'command_id_reused' } },
              events: [],
              replayed: false,
            },
      );
      continue;
    }
    const decision = decide(head.state, input.command, input.actor, input.now);
    const appended: MeetingEvent[] = [];
    if (decision.ok) {
      for (const body of decision.events) {
        const seq = head.state.seq + 1;
        const { type, ...payload } = body as MeetingEventBody & Record<string, unknown>;
        const row = {
          meetingId,
          seq,
          type,
          payload,
          commandId: input.commandId,
          actorAccountId: input.actor.accountId,
          at: input.now,
          prevHash: head.hash,
        };
        const hash = eventHash(logKey, row);
        eventRows.push({ ...row, hash });
        const event = { ...body, seq } as MeetingEvent;
        appended.push(event);
        head = { state: apply(head.state, event), hash };
      }
    }
    if (!decision.ok) {
      const { code, quorum } = decision;
      results.push({
        answer: { ok: false, error: { code, ...(quorum && { quorum }) } },
        events: [],
        replayed: false,
      });
      continue;
    }
    const answer: CommandAnswer = { ok: true, seq: head.state.seq };
    answered.set(input.commandId, {
      accountId: input.actor.accountId,
      fingerprint: input.fingerprint,
      answer,
    });
    answerRows.push({
      meetingId,
      commandId: input.commandId,
      actorAccountId: input.actor.accountId,
      fingerprint: input.fingerprint,
      answer: answer as unknown as Record<string, unknown>,
      at: input.now,
    });
    results.push({ answer, events: appended, replayed: false });
  }
  return { results, eventRows, answerRows, head };
}

/**
 * Runs commands for one meeting, in order, as one atomic write; callers acknowledge only
 * after this resolves, that is after commit. Commands that arrive together share the write.
 *
 * First try, when this process holds the meeting's head: decide against it and write events
 * and answers in one statement that writes nothing unless the log still ends at that head's
 * seq, one round trip. Another process having appended since, or a command id answered
 * before, makes that try write nothing; then the commands run again, locked, against what is
 * stored (`runLocked`). So every command is decided against the latest seq, never twice.
 */
export async function runCommands(
  db: Database,
  target: MeetingState['target'],
  inputs: readonly CommandInput[],
  cache: MeetingStateCache,
): Promise<CommandResult[]> {
  try {
    return await runTogether(db, target, inputs, cache);
  } catch (error) {
    if (inputs.length === 1 || error instanceof LogBrokenError) throw error;
    // One command the database refused must not fail the others that came with it: each
    // runs again alone, and only the bad one fails.
    const results: CommandResult[] = [];
    for (const input of inputs) {
      results.push(...(await runCommands(db, target, [input], cache).catch(failedAlone)));
    }
    return results;
  }
}

/** The answer of a command that failed on its own: its data refused, or the database away. */
function failedAlone(error: unknown): CommandResult[] {
  const code = isDataRefused(error) ? 'invalid_input' : 'unavailable';
  return [{ answer: { ok: false, error: { code } }, events: [], replayed: false }];
}

async function runTogether(
  db: Database,
  target: MeetingState['target'],
  inputs: readonly CommandInput[],
  cache: MeetingStateCache,
): Promise<CommandResult[]> {
  const held = cache.held(target.meetingId);
  if (held) {
    const batch = decideBatch(cache.logKey, held, inputs, new Map());
    if (await appendIfHeadIs(db, cache.logKey, held.state.seq, inputs, batch)) {
      cache.remember(batch.head);
      return batch.results;
    }
  }
  return runLocked(db, target, inputs, cache);
}

/**
 * Writes a decided batch in one statement, only if the meeting's last seq is still
 * `expectedSeq` and none of the batch's command ids was answered before (the batch was
 * decided without looking). False when either fails, or when a row already exists (an event
 * at that seq from a writer that raced this one): the statement then wrote nothing.
 */
async function appendIfHeadIs(
  db: Database,
  logKey: Buffer,
  expectedSeq: number,
  inputs: readonly CommandInput[],
  batch: DecidedBatch,
): Promise<boolean> {
  const meetingId = batch.head.state.target.meetingId;
  const events = batch.eventRows.map((row) => ({ ...row, at: row.at.toISOString() }));
  const answers = batch.answerRows.map((row) => ({ ...row, at: row.at.toISOString() }));
  const ids = inputs.map((input) => input.commandId);
  const head = batch.head.state;
  const heads =
    events.length === 0
      ? []
      : [{ seq: head.seq, mac: headMac(logKey, meetingId, head.seq, batch.head.hash) }];
  try {
    const result = await db.execute<{ written: boolean }>(sql`
      with head as (
        select coalesce(max(seq), 0) as seq from meeting_events where meeting_id = ${meetingId}
      ), fresh as (
        select (select seq from head) = ${expectedSeq} and not exists (
          select 1 from meeting_commands
          where meeting_id = ${meetingId}
            and command_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        ) as ok
      ), headed as (
        insert into meeting_heads (meeting_id, seq, mac)
        select ${meetingId}, h.seq, h.mac
        from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as h(seq integer, mac text)
        where (select ok from fresh)
        on conflict (meeting_id) do update set seq = excluded.seq, mac = excluded.mac
      ), appended as (
        insert into meeting_events
          (meeting_id, seq, type, payload, command_id, actor_account_id, at, prev_hash, hash)
        select e."meetingId", e.seq, e.type, e.payload, e."commandId", e."actorAccountId",
          e.at, e."prevHash", e.hash
        from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e(
          "meetingId" uuid, seq integer, type text, payload jsonb, "commandId" uuid,
          "actorAccountId" uuid, at timestamptz, "prevHash" text, hash text)
        where (select ok from fresh)
        returning 1
      ), answered as (
        insert into meeting_commands
          (meeting_id, command_id, actor_account_id, fingerprint, answer, at)
        select a."meetingId", a."commandId", a."actorAccountId", a.fingerprint, a.answer, a.at
        from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as a(
          "meetingId" uuid, "commandId" uuid, "actorAccountId" uuid, fingerprint text,
          answer jsonb, at timestamptz)
        where (select ok from fresh)
        returning 1
      )
      select (select ok from fresh) as written`);
    return rowsOf<{ written: boolean }>(result)[0]?.written === true;
  } catch (error) {
    // unique_violation: a racing writer's seq, or a command id answered before.
    if (postgresErrorCode(error) === '23505') return false;
    throw error;
  }
}

/**
 * The path that always succeeds: in one transaction, the meeting's row is locked so
 * commands take turns with every other process, each command id seen before gets its
 * stored answer, the commands are decided against the events stored up to now, and all
 * events and answers are written together.
 */
async function runLocked(
  db: Database,
  target: MeetingState['target'],
  inputs: readonly CommandInput[],
  cache: MeetingStateCache,
): Promise<CommandResult[]> {
  const batch = await db.transaction(async (tx) => {
    await tx
      .select({ id: schema.meetings.id })
      .from(schema.meetings)
      .where(eq(schema.meetings.id, target.meetingId))
      .for('update');
    const stored = await tx
      .select({
        commandId: schema.meetingCommands.commandId,
        accountId: schema.meetingCommands.actorAccountId,
        fingerprint: schema.meetingCommands.fingerprint,
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
      stored.map((row) => [
        row.commandId,
        { ...row, answer: row.answer as unknown as CommandAnswer },
      ]),
    );
    const decided = decideBatch(cache.logKey, await cache.head(tx, target), inputs, answered);
    if (decided.eventRows.length > 0) {
      await tx.insert(schema.meetingEvents).values(decided.eventRows);
      const { seq } = decided.head.state;
      const mac = headMac(cache.logKey, target.meetingId, seq, decided.head.hash);
      await tx
        .insert(schema.meetingHeads)
        .values({ meetingId: target.meetingId, seq, mac })
        .onConflictDoUpdate({ target: schema.meetingHeads.meetingId, set: { seq, mac } });
    }
    if (decided.answerRows.length > 0)
      await tx.insert(schema.meetingCommands).values(decided.answerRows);
    return decided;
  });
  // Remembered only after commit: a rolled-back command must leave no trace in the cache.
  cache.remember(batch.head);
  return batch.results;
}

/** The fingerprint kept with a command id: SHA-256 of the command as the client sent it (I1). */
export function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(commandFingerprint(request)).digest('hex');
}

/**
 * One command on its own, sent as it is (tests, tools); the server batches through
 * `MeetingRuntime.command`.
 */
export async function runCommand(
  db: Database,
  input: Omit<CommandInput, 'fingerprint'> & { readonly target: MeetingState['target'] },
  cache: MeetingStateCache,
): Promise<CommandResult> {
  const command = { ...input, fingerprint: fingerprintOf(input.command) };
  const [result] = await runCommands(db, input.target, [command], cache);
  if (!result) throw new Error('no result for the command');
  return result;
}

import { randomInt } from 'node:crypto';
import { postgresErrorCode, rowsOf, schema, type Database, type Transaction } from '@hopxa/db';
import { repeatedBallot, type Ballot, type MotionChoice, type PollCount } from '@hopxa/domain';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { receiptHash, sealedSize, type BallotSeal } from './ballot-seal.ts';

/** One ballot on its way into a box, checked against the meeting's rules already. */
export type Cast = {
  readonly personId: string;
  /** Made by the voter's tablet once per ballot; every copy of the ballot carries it (I2). */
  readonly castId: string;
  readonly ballot: Ballot;
  /** The secretary's account, for a show of hands entered for a member without a tablet. */
  readonly enteredBy: string | null;
};

/**
 * What became of a cast: in the box; a resend of the voter's ballot (I2); another ballot
 * from a voter who has voted (V6); a different ballot under the voter's used cast id (I2);
 * or too late.
 */
export type CastOutcome =
  'recorded' | 'replayed' | 'already_voted' | 'cast_id_reused' | 'poll_not_open';

export type CastBatchResult = {
  /** False when the box was closed, or is not there. */
  readonly open: boolean;
  readonly outcomes: readonly CastOutcome[];
  /** How many had voted once this batch was in (as far as this write could see). */
  readonly voted: number;
  /** Voters this batch added. */
  readonly added: readonly string[];
};

/** A poll's box as the server writes to it: whose, whether secret, how many to elect. */
export type Box = {
  readonly meetingId: string;
  readonly pollId: string;
  readonly secret: boolean;
  readonly seats: number;
};

/**
 * The table that holds a secret poll's sealed ballots while it is open: one per poll, so
 * that closing can drop it and leave no sealed ballot, live or dead, in the database's files.
 */
function sealedTableName(pollId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(pollId)) throw new Error('a poll id is a uuid');
  return `sealed_ballots_${pollId.replaceAll('-', '')}`;
}
const sealedTable = (pollId: string): SQL => sql`${sql.identifier(sealedTableName(pollId))}`;

/** Whether a secret poll's sealed table is still there (the poll not yet counted). */
async function stillSealed(db: Pick<Database, 'execute'>, pollId: string): Promise<boolean> {
  const found = await db.execute(
    sql`select to_regclass(${sealedTableName(pollId)}) is not null as here`,
  );
  return rowsOf<{ here: boolean }>(found)[0]?.here === true;
}

/**
 * Makes the poll's box, open (with its sealed table for a secret poll); a retried opening
 * finds it made. False when the id already names a box of another meeting or kind: a poll
 * must never share another's ballots.
 */
export async function openBox(db: Database, box: Box): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx
      .insert(schema.ballotBoxes)
      .values({ meetingId: box.meetingId, pollId: box.pollId, secret: box.secret })
      .onConflictDoNothing();
    const [made] = await tx
      .select()
      .from(schema.ballotBoxes)
      .where(eq(schema.ballotBoxes.pollId, box.pollId));
    const ours = made?.meetingId === box.meetingId && made.secret === box.secret;
    if (ours && box.secret && made.open) {
      await tx.execute(sql`
        create table if not exists ${sealedTable(box.pollId)} (
          retry_key text primary key,
          sealed bytea not null
        )`);
    }
    return ours;
  });
}

/** Whether the poll has a box at all, open or closed. */
export async function boxExists(db: Database, pollId: string): Promise<boolean> {
  const [found] = await db
    .select({ pollId: schema.ballotBoxes.pollId })
    .from(schema.ballotBoxes)
    .where(eq(schema.ballotBoxes.pollId, pollId));
  return found !== undefined;
}

/**
 * Stops the box taking ballots. Waits for every cast holding the box's share lock to commit,
 * so a count read after this sees every ballot that was acknowledged, and none comes after.
 */
export async function closeBox(db: Database, pollId: string): Promise<void> {
  await db
    .update(schema.ballotBoxes)
    .set({ open: false })
    .where(eq(schema.ballotBoxes.pollId, pollId));
}

/**
 * Puts a batch of ballots (one per voter: callers pass each voter once) into a poll's box,
 * under the box's share lock and only while it is open. A voter already in gets `replayed`
 * when this is the same ballot sent again under the same cast id, `cast_id_reused` for
 * another ballot under that id, else `already_voted`: a cast vote is final.
 */
export async function castBallots(
  db: Database,
  seal: BallotSeal,
  box: Box,
  casts: readonly Cast[],
): Promise<CastBatchResult> {
  let written: Written;
  try {
    written = box.secret
      ? await db.transaction((tx) => writeSecret(tx, seal, box, casts))
      : await writeOpen(db, box, casts);
  } catch (error) {
    // The driver's error carries the statement's parameters (voters, sealed ballots): only
    // its code goes on, so no log line ever holds them.
    // eslint-disable-next-line preserve-caught-error -- the cause is left out on purpose
    throw new Error(`writing ballots failed (${postgresErrorCode(error) ?? 'unknown'})`);
  }
  if (!written.open) {
    return {
      open: false,
      outcomes: casts.map(() => 'poll_not_open'),
      voted: written.before,
      added: [],
    };
  }
  const added = new Set(written.inserted);
  const others = casts.filter((cast) => !added.has(cast.personId));
  const repeats = others.length === 0 ? new Map() : await repeatsOf(db, seal, box, others);
  return {
    open: true,
    outcomes: casts.map((cast) =>
      added.has(cast.personId) ? 'recorded' : (repeats.get(cast.personId) ?? 'already_voted'),
    ),
    voted: written.before + added.size,
    added: [...added],
  };
}

type Written = { open: boolean; inserted: string[]; before: number };

/**
 * Adds rows to a poll's box in one statement, only while the box is open (or not this
 * meeting's): the box's share lock taken, the rows inserted, each voter once, and how many
 * had voted before, all in one round trip. A statement sees the table as it was when it
 * began, so the count leaves out its own rows. `values` are (person_id, ...) tuples in the
 * order of `columns` after poll_id.
 */
async function intoOpenBox(
  db: Pick<Database, 'execute'>,
  box: Box,
  table: 'open_ballots' | 'poll_voters',
  columns: readonly string[],
  values: readonly SQL[],
): Promise<Written> {
  const names = sql.raw(columns.join(', '));
  const result = await db.execute(sql`
    with box as (
      select poll_id from ballot_boxes
      where poll_id = ${box.pollId} and meeting_id = ${box.meetingId} and open
      for share
    ), added as (
      insert into ${sql.identifier(table)} (poll_id, ${names})
      select box.poll_id, ${names} from box, (values ${sql.join([...values], sql`, `)}) as v (${names})
      on conflict do nothing
      returning person_id
    )
    select exists (select 1 from box) as open,
      (select count(*)::integer from ${sql.identifier(table)} where poll_id = ${box.pollId}) as before,
      coalesce((select json_agg(person_id) from added), '[]'::json) as inserted`);
  const [row] = rowsOf<{ open: boolean; before: number; inserted: string[] }>(result);
  if (!row?.open) return { open: false, inserted: [], before: 0 };
  return { open: true, inserted: row.inserted, before: Number(row.before) };
}

/** An open vote's ballots go in with who chose what, in one statement. */
function writeOpen(db: Pick<Database, 'execute'>, box: Box, casts: readonly Cast[]) {
  return intoOpenBox(
    db,
    box,
    'open_ballots',
    ['person_id', 'cast_id', 'choice', 'entered_by'],
    casts.map(
      (cast) =>
        sql`(${cast.personId}::uuid, ${cast.castId}::uuid, ${cast.ballot.kind === 'motion' ? cast.ballot.choice : ''}, ${cast.enteredBy}::uuid)`,
    ),
  );
}

/**
 * A secret ballot goes in as two rows that nothing pairs: the voter's participation (no
 * choice), written in the order of voters' ids, not of arrival; and the sealed ballot (no
 * voter), written in a subtransaction of its own, so it carries another transaction id, in
 * shuffled order. Both commit together, or neither.
 */
async function writeSecret(
  tx: Transaction,
  seal: BallotSeal,
  box: Box,
  casts: readonly Cast[],
): Promise<Written> {
  const byVoter = [...casts].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const written = await intoOpenBox(
    tx,
    box,
    'poll_voters',
    ['person_id'],
    byVoter.map((cast) => sql`(${cast.personId}::uuid)`),
  );
  if (!written.open) return written;
  const newVoters = new Set(written.inserted);
  const size = sealedSize(box.seats);
  const sealed = shuffled(casts.filter((cast) => newVoters.has(cast.personId))).map((cast) => {
    const receipt = seal.receiptFor(box.pollId, cast.personId, cast.castId);
    const nonce = seal.nonceOf(box.pollId, cast.personId, receipt) ?? '';
    return sql`(${seal.retryKey(box.pollId, cast.personId, cast.castId)}, ${seal.seal(
      box.pollId,
      { ballot: cast.ballot, receiptHash: receiptHash(box.pollId, nonce) },
      size,
    )})`;
  });
  if (sealed.length > 0) {
    await tx.transaction(async (ballots) => {
      await ballots.execute(
        sql`insert into ${sealedTable(box.pollId)} (retry_key, sealed) values ${sql.join(sealed, sql`, `)}`,
      );
    });
  }
  return written;
}

/**
 * For voters already in the box, what their cast repeats (I2): `replayed` for the same
 * ballot sent again under the same cast id, `cast_id_reused` for another ballot under it; a
 * voter left out sent a ballot under another id (already voted).
 */
async function repeatsOf(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
  casts: readonly Cast[],
): Promise<Map<string, 'replayed' | 'cast_id_reused'>> {
  const repeats = new Map<string, 'replayed' | 'cast_id_reused'>();
  if (box.secret) {
    const keys = new Map(
      casts.map((cast) => [seal.retryKey(box.pollId, cast.personId, cast.castId), cast]),
    );
    const found = await db.execute(
      sql`select retry_key, sealed from ${sealedTable(box.pollId)}
          where retry_key in ${[...keys.keys()]}`,
    );
    for (const row of rowsOf<{ retry_key: string; sealed: Buffer | Uint8Array }>(found)) {
      const cast = keys.get(row.retry_key);
      if (!cast) continue;
      const stored = seal.open(box.pollId, Buffer.from(row.sealed)).ballot;
      repeats.set(cast.personId, sameBallot(stored, cast.ballot));
    }
    return repeats;
  }
  const stored = await db
    .select({
      personId: schema.openBallots.personId,
      castId: schema.openBallots.castId,
      choice: schema.openBallots.choice,
    })
    .from(schema.openBallots)
    .where(
      and(
        eq(schema.openBallots.pollId, box.pollId),
        inArray(
          schema.openBallots.personId,
          casts.map((cast) => cast.personId),
        ),
      ),
    );
  const byVoter = new Map(stored.map((row) => [row.personId, row]));
  for (const cast of casts) {
    const first = byVoter.get(cast.personId);
    if (!first || first.castId !== cast.castId) continue;
    repeats.set(
      cast.personId,
      sameBallot({ kind: 'motion', choice: first.choice as MotionChoice }, cast.ballot),
    );
  }
  return repeats;
}

const sameBallot = (first: Ballot, again: Ballot) =>
  repeatedBallot(first, again, []) === 'replayed' ? 'replayed' : 'cast_id_reused';

/**
 * What the closed box holds, for the result. For a secret poll this first opens the sealed
 * ballots (`unseal`); run again, it finds them opened. The box must be closed first
 * (`closeBox`).
 */
export async function countBox(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
): Promise<PollCount> {
  if (box.secret) await unseal(db, seal, box.pollId);
  return readCount(db, box);
}

/** What a closed and opened box holds, read only (also what verify-log holds a result to). */
export async function readCount(
  db: Pick<Database, 'select'>,
  box: { pollId: string; secret: boolean },
): Promise<PollCount> {
  if (!box.secret) {
    const rows = await db
      .select({
        personId: schema.openBallots.personId,
        choice: schema.openBallots.choice,
        enteredBy: schema.openBallots.enteredBy,
      })
      .from(schema.openBallots)
      .where(eq(schema.openBallots.pollId, box.pollId));
    const votes = rows.map((row) => ({
      personId: row.personId,
      choice: row.choice as MotionChoice,
    }));
    return {
      voters: votes.map((vote) => vote.personId),
      votes,
      tally: tallyOf(votes.map((vote) => vote.choice)),
      perCandidate: {},
      blank: 0,
      // A tablet's ballot is checked before it goes in: none in the box is void.
      invalid: 0,
      entered: rows.flatMap((row) =>
        row.enteredBy ? [{ personId: row.personId, byAccountId: row.enteredBy }] : [],
      ),
    };
  }
  const [voters, ballots] = await Promise.all([
    db
      .select({ personId: schema.pollVoters.personId })
      .from(schema.pollVoters)
      .where(eq(schema.pollVoters.pollId, box.pollId)),
    db
      .select({ ballot: schema.secretBallots.ballot })
      .from(schema.secretBallots)
      .where(eq(schema.secretBallots.pollId, box.pollId)),
  ]);
  const opened = ballots.map((row) => row.ballot as unknown as Ballot);
  const perCandidate: Record<string, number> = {};
  let blank = 0;
  for (const ballot of opened) {
    if (ballot.kind !== 'election') continue;
    if (ballot.candidateIds.length === 0) blank += 1;
    for (const id of ballot.candidateIds) perCandidate[id] = (perCandidate[id] ?? 0) + 1;
  }
  return {
    voters: voters.map((row) => row.personId),
    votes: [],
    tally: tallyOf(opened.flatMap((ballot) => (ballot.kind === 'motion' ? [ballot.choice] : []))),
    perCandidate,
    blank,
    invalid: 0,
    entered: [],
  };
}

/**
 * Opens a closed secret poll's sealed ballots and writes them into `secret_ballots` in random
 * order, in one transaction, then drops the poll's sealed table: the opened ballots share
 * one transaction and no order, and the sealed ones are gone from the database's files
 * (a dropped table's files are removed, dead rows with them).
 */
async function unseal(db: Database, seal: BallotSeal, pollId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const table = sealedTable(pollId);
    if (!(await stillSealed(tx, pollId))) return;
    const found = await tx.execute(sql`select sealed from ${table} for update`);
    const opened = shuffled(
      rowsOf<{ sealed: Buffer | Uint8Array }>(found).map((row) =>
        seal.open(pollId, Buffer.from(row.sealed)),
      ),
    );
    if (opened.length > 0) {
      await tx
        .insert(schema.secretBallots)
        .values(
          opened.map((content) => ({
            pollId,
            receiptHash: content.receiptHash,
            ballot: content.ballot as unknown as Record<string, unknown>,
          })),
        )
        .onConflictDoNothing();
    }
    await tx.execute(sql`drop table ${table}`);
  });
}

/** Fisher-Yates with a cryptographic source: the written order says nothing of the cast order. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

function tallyOf(choices: readonly MotionChoice[]) {
  return {
    inFavour: choices.filter((choice) => choice === 'in_favour').length,
    against: choices.filter((choice) => choice === 'against').length,
    notVoting: choices.filter((choice) => choice === 'not_voting').length,
  };
}

/**
 * What a cast that came too late repeats, if anything: the voter's open vote, or a secret
 * ballot of this voter under this cast id, sealed or opened. A resend after the poll closed
 * is then answered as a resend (or refused as another ballot under a used id).
 */
export async function repeatInBox(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
  cast: Cast,
): Promise<'replayed' | 'cast_id_reused' | null> {
  if (!box.secret) return (await repeatsOf(db, seal, box, [cast])).get(cast.personId) ?? null;
  const [voted] = await db
    .select({ personId: schema.pollVoters.personId })
    .from(schema.pollVoters)
    .where(
      and(eq(schema.pollVoters.pollId, box.pollId), eq(schema.pollVoters.personId, cast.personId)),
    );
  if (!voted) return null;
  const receipt = seal.receiptFor(box.pollId, cast.personId, cast.castId);
  const opened = await ballotOfReceipt(db, seal, box.pollId, cast.personId, receipt);
  if (opened !== null) return sameBallot(opened, cast.ballot);
  // Still sealed: the box closed and the poll is on its way to being counted.
  if (!(await stillSealed(db, box.pollId))) return null;
  return (await repeatsOf(db, seal, box, [cast])).get(cast.personId) ?? null;
}

/**
 * The ballot a receipt was counted as, once its poll is closed: null when none matches, or
 * when the receipt was not given to `personId` (only the account that cast a ballot may check
 * it).
 */
export async function ballotOfReceipt(
  db: Database,
  seal: BallotSeal,
  pollId: string,
  personId: string,
  receipt: string,
): Promise<Ballot | null> {
  const nonce = seal.nonceOf(pollId, personId, receipt);
  if (nonce === null) return null;
  const [row] = await db
    .select({ ballot: schema.secretBallots.ballot })
    .from(schema.secretBallots)
    .where(
      and(
        eq(schema.secretBallots.pollId, pollId),
        eq(schema.secretBallots.receiptHash, receiptHash(pollId, nonce)),
      ),
    );
  return row ? (row.ballot as unknown as Ballot) : null;
}

/** An open poll's progress for a joining client: how many voted, and who for an open vote. */
export async function progressOf(
  db: Database,
  box: { pollId: string; secret: boolean },
): Promise<{ voted: number; voters: string[] }> {
  const table = box.secret ? schema.pollVoters : schema.openBallots;
  const rows = await db
    .select({ personId: table.personId })
    .from(table)
    .where(eq(table.pollId, box.pollId));
  return {
    voted: rows.length,
    voters: box.secret ? [] : rows.map((row) => row.personId),
  };
}

import { randomInt } from 'node:crypto';
import { postgresErrorCode, rowsOf, schema, type Database } from '@hopxa/db';
import { repeatedBallot, type Ballot, type MotionChoice, type PollCount } from '@hopxa/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { receiptHash, sealedSize, type BallotSeal } from './ballot-seal.ts';

/** One ballot on its way into a box, checked against the meeting's rules already. */
export type Cast = {
  readonly personId: string;
  readonly receipt: string;
  readonly ballot: Ballot;
};

/**
 * What became of a cast: in the box; a resend of the voter's ballot (I2); another ballot
 * from a voter who has voted (V6); a different ballot under the voter's used receipt (I2);
 * or too late.
 */
export type CastOutcome =
  'recorded' | 'replayed' | 'already_voted' | 'receipt_reused' | 'poll_not_open';

export type CastBatchResult = {
  readonly outcomes: readonly CastOutcome[];
  /** How many had voted once this batch was in (as far as this write could see). */
  readonly voted: number;
  /** Voters this batch added. */
  readonly added: readonly string[];
};

/** A poll's box as the server writes to it: whose, whether secret, how many seats. */
export type Box = {
  readonly meetingId: string;
  readonly pollId: string;
  readonly secret: boolean;
  readonly seats: number;
};

/**
 * Makes the poll's box, open; a retried opening finds it made. False when the id already
 * names a box of another meeting or kind: a poll must never share another's ballots.
 */
export async function openBox(db: Database, box: Box): Promise<boolean> {
  await db
    .insert(schema.ballotBoxes)
    .values({ meetingId: box.meetingId, pollId: box.pollId, secret: box.secret })
    .onConflictDoNothing();
  const [made] = await db
    .select()
    .from(schema.ballotBoxes)
    .where(eq(schema.ballotBoxes.pollId, box.pollId));
  return made?.meetingId === box.meetingId && made.secret === box.secret;
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
 * Puts a batch of ballots (one per voter: callers pass each voter once) into a poll's box in
 * one statement, under the box's share lock and only while it is open. A voter already in
 * gets `replayed` when this is the same ballot sent again (the same choice; for a secret
 * ballot the same receipt and the same ballot), `receipt_reused` for another ballot under
 * the same receipt, else `already_voted`: a cast vote is final.
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
      ? await writeSecret(db, seal, box, casts)
      : await writeOpen(db, box, casts);
  } catch (error) {
    // The driver's error carries the statement's parameters (voters beside sealed ballots):
    // only its code goes on, so no log line ever holds them.
    // eslint-disable-next-line preserve-caught-error -- the cause is left out on purpose
    throw new Error(`writing ballots failed (${postgresErrorCode(error) ?? 'unknown'})`);
  }
  if (!written.open) {
    return { outcomes: casts.map(() => 'poll_not_open'), voted: written.before, added: [] };
  }
  const added = new Set(written.inserted);
  const others = casts.filter((cast) => !added.has(cast.personId));
  const repeats = others.length === 0 ? new Map() : await repeatsOf(db, seal, box, others);
  return {
    outcomes: casts.map((cast) =>
      added.has(cast.personId) ? 'recorded' : (repeats.get(cast.personId) ?? 'already_voted'),
    ),
    voted: written.before + added.size,
    added: [...added],
  };
}

type Written = { open: boolean; inserted: string[]; before: number };

async function writeOpen(db: Database, box: Box, casts: readonly Cast[]): Promise<Written> {
  const { meetingId, pollId } = box;
  const rows = casts.map((cast) => ({
    personId: cast.personId,
    choice: cast.ballot.kind === 'motion' ? cast.ballot.choice : '',
  }));
  const result = await db.execute(sql`
    with box as (
      select poll_id from ballot_boxes
      where poll_id = ${pollId} and meeting_id = ${meetingId} and open for share
    ), inserted as (
      insert into open_ballots (poll_id, person_id, choice)
      select ${pollId}, c."personId", c.choice
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c("personId" uuid, choice text)
      where exists (select 1 from box)
      on conflict do nothing
      returning person_id
    )
    select exists (select 1 from box) as open,
      coalesce((select json_agg(person_id) from inserted), '[]'::json) as inserted,
      (select count(*) from open_ballots where poll_id = ${pollId})::integer as before`);
  return firstRow(result);
}

/**
 * A secret ballot goes in as two rows written by one statement: the voter's participation
 * (no choice) and the sealed ballot (no voter). The statement's parameters pair them, the
 * tables never do.
 */
async function writeSecret(
  db: Database,
  seal: BallotSeal,
  box: Box,
  casts: readonly Cast[],
): Promise<Written> {
  const { meetingId, pollId } = box;
  const size = sealedSize(box.seats);
  const rows = casts.map((cast) => ({
    personId: cast.personId,
    retryKey: seal.retryKey(pollId, cast.personId, cast.receipt),
    sealed: seal
      .seal(pollId, { ballot: cast.ballot, receiptHash: receiptHash(pollId, cast.receipt) }, size)
      .toString('base64'),
  }));
  const result = await db.execute(sql`
    with box as (
      select poll_id from ballot_boxes
      where poll_id = ${pollId} and meeting_id = ${meetingId} and open for share
    ), cast_rows as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as c("personId" uuid, "retryKey" text, sealed text)
    ), inserted as (
      insert into poll_voters (poll_id, person_id)
      select ${pollId}, "personId" from cast_rows where exists (select 1 from box)
      on conflict do nothing
      returning person_id
    ), sealed as (
      -- Postgres runs every writing WITH part to completion, read or not.
      insert into sealed_ballots (poll_id, retry_key, sealed)
      select ${pollId}, "retryKey", decode(sealed, 'base64') from cast_rows
      where "personId" in (select person_id from inserted)
    )
    select exists (select 1 from box) as open,
      coalesce((select json_agg(person_id) from inserted), '[]'::json) as inserted,
      (select count(*) from poll_voters where poll_id = ${pollId})::integer as before`);
  return firstRow(result);
}

function firstRow(result: unknown): Written {
  const [row] = rowsOf<{ open: boolean; inserted: string[] | string; before: number }>(result);
  if (!row) throw new Error('the ballot statement returned no row');
  const inserted = typeof row.inserted === 'string' ? JSON.parse(row.inserted) : row.inserted;
  return { open: row.open, inserted: inserted as string[], before: Number(row.before) };
}

/**
 * For voters already in the box, what their cast repeats (I2): `replayed` for the same
 * ballot sent again, `receipt_reused` for another ballot under their used receipt; a voter
 * left out sent another ballot under another receipt (already voted).
 */
async function repeatsOf(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
  casts: readonly Cast[],
): Promise<Map<string, 'replayed' | 'receipt_reused'>> {
  const repeats = new Map<string, 'replayed' | 'receipt_reused'>();
  if (box.secret) {
    const keys = new Map(
      casts.map((cast) => [seal.retryKey(box.pollId, cast.personId, cast.receipt), cast]),
    );
    const found = await db
      .select({ retryKey: schema.sealedBallots.retryKey, sealed: schema.sealedBallots.sealed })
      .from(schema.sealedBallots)
      .where(
        and(
          eq(schema.sealedBallots.pollId, box.pollId),
          inArray(schema.sealedBallots.retryKey, [...keys.keys()]),
        ),
      );
    for (const row of found) {
      const cast = keys.get(row.retryKey);
      if (!cast) continue;
      const stored = seal.open(box.pollId, row.sealed).ballot;
      repeats.set(cast.personId, repeatedBallot(stored, cast.ballot, []));
    }
    return repeats;
  }
  const stored = await db
    .select({ personId: schema.openBallots.personId, choice: schema.openBallots.choice })
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
  const choices = new Map(stored.map((row) => [row.personId, row.choice]));
  for (const cast of casts) {
    if (cast.ballot.kind === 'motion' && choices.get(cast.personId) === cast.ballot.choice)
      repeats.set(cast.personId, 'replayed');
  }
  return repeats;
}

/**
 * What the closed box holds, for the result. For a secret poll this first opens the sealed
 * ballots and writes them out in random order in one transaction (so they share one
 * transaction and no order), deleting the sealed rows; run again, it finds them opened.
 * The box must be closed first (`closeBox`).
 */
export async function countBox(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
): Promise<PollCount> {
  if (!box.secret) {
    const rows = await db
      .select({ personId: schema.openBallots.personId, choice: schema.openBallots.choice })
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
    };
  }
  await unseal(db, seal, box.pollId);
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
  };
}

async function unseal(db: Database, seal: BallotSeal, pollId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const sealed = await tx
      .select({ sealed: schema.sealedBallots.sealed })
      .from(schema.sealedBallots)
      .where(eq(schema.sealedBallots.pollId, pollId))
      .for('update');
    if (sealed.length === 0) return;
    const opened = shuffled(sealed.map((row) => seal.open(pollId, row.sealed)));
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
    await tx.delete(schema.sealedBallots).where(eq(schema.sealedBallots.pollId, pollId));
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
 * ballot of this voter under this receipt, sealed or opened. A resend after the poll closed
 * is then answered as a resend (or refused as another ballot under a used receipt).
 */
export async function repeatInBox(
  db: Database,
  seal: BallotSeal,
  box: { pollId: string; secret: boolean },
  cast: Cast,
): Promise<'replayed' | 'receipt_reused' | null> {
  if (box.secret) {
    const [voted] = await db
      .select({ personId: schema.pollVoters.personId })
      .from(schema.pollVoters)
      .where(
        and(
          eq(schema.pollVoters.pollId, box.pollId),
          eq(schema.pollVoters.personId, cast.personId),
        ),
      );
    if (!voted) return null;
    const opened = await ballotOfReceipt(db, box.pollId, cast.receipt);
    if (opened) return repeatedBallot(opened, cast.ballot, []);
  }
  return (await repeatsOf(db, seal, box, [cast])).get(cast.personId) ?? null;
}

/** The ballot a receipt was counted as, once its poll is closed; null if none matches. */
export async function ballotOfReceipt(
  db: Database,
  pollId: string,
  receipt: string,
): Promise<Ballot | null> {
  const [row] = await db
    .select({ ballot: schema.secretBallots.ballot })
    .from(schema.secretBallots)
    .where(
      and(
        eq(schema.secretBallots.pollId, pollId),
        eq(schema.secretBallots.receiptHash, receiptHash(pollId, receipt)),
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

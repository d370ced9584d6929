import { schema, type Database } from '@hopxa/db';
import { and, count, eq, gt, isNull, or, type SQL } from 'drizzle-orm';

export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account from one address within the window... */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** ...for one account from anywhere, so a stranger elsewhere cannot lock the hall out with five... */
export const MAX_FAILURES_PER_ACCOUNT = 20;
/** ...and from one address, which a hall of tablets behind one router shares. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Wrong pairing codes from one address. */
export const MAX_PAIRING_FAILURES_PER_ADDRESS = 10;

type Kind = (typeof schema.signInAttempts.$inferInsert)['kind'];

// Counted in the database, so every server process and a restart see the same numbers.
// `inProgress` also counts attempts still being checked: a burst of parallel guesses at
// one account sees itself and cannot slip past the limit.
async function failuresSince(
  db: Database,
  kind: Kind,
  filter: SQL,
  now: Date,
  inProgress: boolean,
): Promise<number> {
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const failed = inProgress
    ? or(eq(schema.signInAttempts.succeeded, false), isNull(schema.signInAttempts.succeeded))
    : eq(schema.signInAttempts.succeeded, false);
  const [row] = await db
    .select({ n: count() })
    .from(schema.signInAttempts)
    .where(
      and(
        eq(schema.signInAttempts.kind, kind),
        filter,
        failed,
        gt(schema.signInAttempts.at, since),
      ),
    );
  return row?.n ?? 0;
}

export type Attempt = {
  /** Whether the attempt may be checked at all. */
  readonly allowed: boolean;
  /** Records how the check went. */
  readonly finish: (succeeded: boolean) => Promise<void>;
};

/**
 * Records an attempt as in progress BEFORE the secret is checked, then counts. For one
 * account the attempts in progress count as failures, so parallel guesses at a password see
 * each other; across accounts from one address (a hall of tablets behind one router) and
 * for pairing codes (too many to guess) only finished failures count, so a room of people
 * signing in at once is not refused.
 */
export async function beginAttempt(
  db: Database,
  input: { kind: Kind; username: string; address: string },
  now: Date,
): Promise<Attempt> {
  const [row] = await db
    .insert(schema.signInAttempts)
    .values({ ...input, succeeded: null, at: now })
    .returning({ id: schema.signInAttempts.id });
  const byAddress = eq(schema.signInAttempts.address, input.address);
  let allowed: boolean;
  if (input.kind === 'pairing') {
    allowed =
      (await failuresSince(db, 'pairing', byAddress, now, false)) <
      MAX_PAIRING_FAILURES_PER_ADDRESS;
  } else {
    const byAccount = eq(schema.signInAttempts.username, input.username);
    const [accountAndAddress, account, address] = await Promise.all([
      failuresSince(db, 'password', and(byAccount, byAddress) as SQL, now, true),
      failuresSince(db, 'password', byAccount, now, true),
      failuresSince(db, 'password', byAddress, now, false),
    ]);
    // The account counts include this attempt itself.
    allowed =
      accountAndAddress <= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS &&
      account <= MAX_FAILURES_PER_ACCOUNT &&
      address < MAX_FAILURES_PER_ADDRESS;
  }
  const finish = async (succeeded: boolean) => {
    if (row) {
      await db
        .update(schema.signInAttempts)
        .set({ succeeded })
        .where(eq(schema.signInAttempts.id, row.id));
    }
  };
  if (!allowed) await finish(false);
  return { allowed, finish };
}

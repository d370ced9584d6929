import { schema, type Database } from '@hopxa/db';
import { and, count, eq, gt, isNull, or, type SQL } from 'drizzle-orm';

export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account from one address within the window... */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** ...from one address at all, which a hall of tablets behind one router shares... */
export const MAX_FAILURES_PER_ADDRESS = 30;
/**
 * ...and, slower, for one account from everywhere within an hour: a backstop against guessing
 * spread over many addresses, which never holds back an address that signed in to the
 * account before, nor a device already signed in (a paired tablet), so that no stranger can
 * lock the hall out of its own account.
 */
export const MAX_FAILURES_PER_ACCOUNT = 100;
export const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
/** How long an address that signed in to an account stays known to it. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
/** Wrong pairing codes from one address. */
export const MAX_PAIRING_FAILURES_PER_ADDRESS = 10;

type Kind = (typeof schema.signInAttempts.$inferInsert)['kind'];

const attempts = schema.signInAttempts;

/**
 * Attempts that did not succeed since `since`: failed, or still being checked. Counting the
 * ones in progress means a burst of parallel attempts sees itself: 300 sent at once are not
 * all checked. Counted in the database, so every server process and a restart agree.
 */
async function notSucceededSince(db: Database, filter: SQL, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(attempts)
    .where(
      and(
        filter,
        or(eq(attempts.succeeded, false), isNull(attempts.succeeded)),
        gt(attempts.at, since),
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
 * Records an attempt as in progress BEFORE the secret is checked, then counts (this attempt
 * included) against the limits above. A refused attempt is taken back out, so refusals never
 * renew a limit: a stranger who keeps trying does not keep the account shut.
 *
 * `subject` is whom a password attempt is about: an account's id, or a keyed hash of a name
 * no account has (the name itself is never kept). `trusted`: the request carries a valid
 * session (a paired tablet, a signed-in browser), so the account-wide backstop does not apply.
 */
export async function beginAttempt(
  db: Database,
  input: { kind: Kind; subject: string; address: string; trusted: boolean },
  now: Date,
): Promise<Attempt> {
  const [row] = await db
    .insert(attempts)
    .values({ kind: input.kind, subject: input.subject, address: input.address, at: now })
    .returning({ id: attempts.id });
  const window = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const byKind = eq(attempts.kind, input.kind);
  const byAddress = and(byKind, eq(attempts.address, input.address)) as SQL;
  let allowed: boolean;
  if (input.kind === 'pairing') {
    allowed = (await notSucceededSince(db, byAddress, window)) <= MAX_PAIRING_FAILURES_PER_ADDRESS;
  } else {
    const bySubject = and(byKind, eq(attempts.subject, input.subject)) as SQL;
    const [pair, address, account, known] = await Promise.all([
      notSucceededSince(db, and(bySubject, eq(attempts.address, input.address)) as SQL, window),
      notSucceededSince(db, byAddress, window),
      notSucceededSince(db, bySubject, new Date(now.getTime() - ACCOUNT_WINDOW_MS)),
      signedInBefore(db, input, now),
    ]);
    allowed =
      pair <= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS &&
      address <= MAX_FAILURES_PER_ADDRESS &&
      (input.trusted || known || account <= MAX_FAILURES_PER_ACCOUNT);
  }
  const finish = async (succeeded: boolean) => {
    if (row) await db.update(attempts).set({ succeeded }).where(eq(attempts.id, row.id));
  };
  if (!allowed && row) await db.delete(attempts).where(eq(attempts.id, row.id));
  return { allowed, finish };
}

/** Whether this address has signed in to this account before (within `KNOWN_ADDRESS_MS`). */
async function signedInBefore(
  db: Database,
  input: { subject: string; address: string },
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(attempts)
    .where(
      and(
        eq(attempts.kind, 'password'),
        eq(attempts.subject, input.subject),
        eq(attempts.address, input.address),
        eq(attempts.succeeded, true),
        gt(attempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MS)),
      ),
    );
  return (row?.n ?? 0) > 0;
}

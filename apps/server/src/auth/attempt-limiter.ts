import { schema, type Database } from '@hopxa/db';
import { and, count, eq, gt, type SQL } from 'drizzle-orm';

export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords allowed for one account within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Wrong passwords from one address, which a hall of tablets behind one router shares. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Wrong pairing codes from one address. */
export const MAX_PAIRING_FAILURES_PER_ADDRESS = 10;

/** The subject recorded for pairing attempts, which name no account. */
const PAIRING_SUBJECT = 'pairing';

// Counted in the database, so every server process and a restart see the same numbers.
async function failuresSince(db: Database, filter: SQL | undefined, now: Date): Promise<number> {
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(schema.signInAttempts)
    .where(
      and(filter, eq(schema.signInAttempts.succeeded, false), gt(schema.signInAttempts.at, since)),
    );
  return row?.n ?? 0;
}

/** Whether a password attempt for `username` from `address` may be checked at all. */
export async function signInAllowed(
  db: Database,
  username: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const [forAccount, fromAddress] = await Promise.all([
    failuresSince(db, eq(schema.signInAttempts.subject, username), now),
    failuresSince(db, eq(schema.signInAttempts.address, address), now),
  ]);
  return forAccount < MAX_FAILURES_PER_ACCOUNT && fromAddress < MAX_FAILURES_PER_ADDRESS;
}

/** Whether a pairing code from `address` may be checked at all. */
export async function pairingAllowed(db: Database, address: string, now: Date): Promise<boolean> {
  const filter = and(
    eq(schema.signInAttempts.subject, PAIRING_SUBJECT),
    eq(schema.signInAttempts.address, address),
  );
  return (await failuresSince(db, filter, now)) < MAX_PAIRING_FAILURES_PER_ADDRESS;
}

export async function recordSignInAttempt(
  db: Database,
  attempt: { username: string; address: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.insert(schema.signInAttempts).values({
    subject: attempt.username,
    address: attempt.address,
    succeeded: attempt.succeeded,
    at: attempt.at,
  });
}

export async function recordPairingAttempt(
  db: Database,
  attempt: { address: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.insert(schema.signInAttempts).values({ subject: PAIRING_SUBJECT, ...attempt });
}

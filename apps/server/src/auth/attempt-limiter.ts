import { schema, type Database } from '@hopxa/db';
import { and, count, eq, gt, type SQL } from 'drizzle-orm';

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
async function failuresSince(db: Database, kind: Kind, filter: SQL, now: Date): Promise<number> {
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(schema.signInAttempts)
    .where(
      and(
        eq(schema.signInAttempts.kind, kind),
        filter,
        eq(schema.signInAttempts.succeeded, false),
        gt(schema.signInAttempts.at, since),
      ),
    );
  return row?.n ?? 0;
}

export type Attempt = {
  /** Whether the attempt may be checked at all. */
  readonly allowed: boolean;
  /** Marks the attempt as a success once the secret proved right. */
  readonly succeeded: () => Promise<void>;
};

/**
 * Records an attempt as failed BEFORE the secret is checked, then counts: requests racing in
 * parallel each see the others' rows, so no burst gets past the limit. A right secret then
 * marks its own row as a success.
 */
export async function beginAttempt(
  db: Database,
  input: { kind: Kind; username: string; address: string },
  now: Date,
): Promise<Attempt> {
  const [row] = await db
    .insert(schema.signInAttempts)
    .values({ ...input, succeeded: false, at: now })
    .returning({ id: schema.signInAttempts.id });
  const byAddress = eq(schema.signInAttempts.address, input.address);
  let allowed: boolean;
  if (input.kind === 'pairing') {
    allowed =
      (await failuresSince(db, 'pairing', byAddress, now)) <= MAX_PAIRING_FAILURES_PER_ADDRESS;
  } else {
    const byAccount = eq(schema.signInAttempts.username, input.username);
    const [accountAndAddress, account, address] = await Promise.all([
      failuresSince(db, 'password', and(byAccount, byAddress) as SQL, now),
      failuresSince(db, 'password', byAccount, now),
      failuresSince(db, 'password', byAddress, now),
    ]);
    allowed =
      accountAndAddress <= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS &&
      account <= MAX_FAILURES_PER_ACCOUNT &&
      address <= MAX_FAILURES_PER_ADDRESS;
  }
  return {
    allowed,
    succeeded: async () => {
      if (row) {
        await db
          .update(schema.signInAttempts)
          .set({ succeeded: true })
          .where(eq(schema.signInAttempts.id, row.id));
      }
    },
  };
}

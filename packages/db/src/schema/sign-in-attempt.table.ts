import { bigserial, boolean, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const attemptKind = pgEnum('attempt_kind', ['password', 'pairing']);

/**
 * Every password and pairing-code attempt, kept to rate-limit guessing per account and per
 * address across all server processes. Holds no password, no code, and no name that no
 * account has (what people type in the name field may be a password).
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: attemptKind('kind').notNull(),
    /**
     * Whom a password attempt is about: `account:<id>`, or `name:<keyed hash>` of a name no
     * account has; empty for a pairing code.
     */
    subject: text('subject').notNull(),
    address: text('address').notNull(),
    /** Null while the attempt is being checked; then whether the secret was right. */
    succeeded: boolean('succeeded'),
  },
  (table) => [
    index('sign_in_attempts_subject_idx').on(table.subject, table.at),
    index('sign_in_attempts_address_idx').on(table.address, table.at),
  ],
);

import { bigserial, boolean, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const attemptKind = pgEnum('attempt_kind', ['password', 'pairing']);

/**
 * Every password and pairing-code attempt, kept to rate-limit guessing per account and per
 * address across all server processes. Holds no password and no code.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: attemptKind('kind').notNull(),
    /** The username as typed, lower-cased; empty for a pairing code. */
    username: text('username').notNull(),
    address: text('address').notNull(),
    /** Null while the attempt is being checked; then whether the secret was right. */
    succeeded: boolean('succeeded'),
  },
  (table) => [
    index('sign_in_attempts_username_idx').on(table.username, table.at),
    index('sign_in_attempts_address_idx').on(table.address, table.at),
  ],
);

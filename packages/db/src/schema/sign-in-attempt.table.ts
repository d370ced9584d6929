import { bigserial, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every sign-in and pairing attempt, kept to rate-limit guessing per account and per
 * address across all server processes. Holds no password and no code.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The username as typed, lower-cased; 'pairing' for a pairing code. */
    subject: text('subject').notNull(),
    address: text('address').notNull(),
    succeeded: boolean('succeeded').notNull(),
  },
  (table) => [
    index('sign_in_attempts_subject_idx').on(table.subject, table.at),
    index('sign_in_attempts_address_idx').on(table.address, table.at),
  ],
);

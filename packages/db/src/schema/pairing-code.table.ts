import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { organisations } from './organisation.table.ts';
import { sessions } from './session.table.ts';

/**
 * A one-time code that pairs a tablet with a delegate. Only the code's SHA-256 is stored;
 * it works once, for ten minutes, unless revoked first.
 */
export const pairingCodes = pgTable('pairing_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  codeHash: text('code_hash').notNull().unique(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** The commune whose secretariat sees this tablet in its list. */
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  createdByAccountId: uuid('created_by_account_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
});

import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';

export const sessionKind = pgEnum('session_kind', ['browser', 'tablet']);

/**
 * A signed-in device, in the Lucia design: the cookie holds a random token and only its
 * SHA-256 is stored, so a copy of this table signs no one in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: sessionKind('kind').notNull(),
    /** For a tablet: what the secretariat sees in the list of paired tablets. */
    deviceLabel: text('device_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_account_idx').on(table.accountId)],
);

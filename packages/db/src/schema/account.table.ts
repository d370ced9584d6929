import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisation.table.ts';
import { people } from './person.table.ts';

export const accountRole = pgEnum('account_role', ['system_admin', 'secretariat']);

/** Someone who signs in. The password is stored only as an argon2id hash. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: accountRole('role').notNull(),
  personId: uuid('person_id').references(() => people.id),
  /** The commune whose meetings a secretariat account sets up. */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

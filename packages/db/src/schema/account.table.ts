import { ACCOUNT_ROLE_VALUES } from '@hopxa/domain';
import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisation.table.ts';
import { people } from './person.table.ts';

export const accountRole = pgEnum('account_role', ACCOUNT_ROLE_VALUES);

/**
 * Someone who signs in. A password is stored only as an argon2id hash; a delegate who only
 * ever uses a paired tablet has no username and no password.
 */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').unique(),
  passwordHash: text('password_hash'),
  role: accountRole('role').notNull(),
  displayName: text('display_name').notNull(),
  personId: uuid('person_id')
    .unique()
    .references(() => people.id),
  /**
   * The commune of a secretariat or guest; the province or commune a follower follows; the
   * province of a province administrator.
   */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when the account's administrator closed it: it signs in no more. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

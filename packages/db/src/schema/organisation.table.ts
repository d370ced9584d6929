import { pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Two tiers of local government since 1 July 2025: the province and the commune. */
export const organisationKind = pgEnum('organisation_kind', ['province', 'commune']);

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: organisationKind('kind').notNull(),
  name: text('name').notNull(),
  /** A stable short key (e.g. 'thai-nguyen/song-cong'), unique across the system. */
  code: text('code').notNull().unique(),
  parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

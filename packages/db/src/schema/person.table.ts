import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A person the system knows: a delegate, an official, a guest. */
export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  fullName: text('full_name').notNull(),
  /** Their post outside the body, shown beside the name (e.g. 'Trưởng Công an phường'). */
  title: text('title'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

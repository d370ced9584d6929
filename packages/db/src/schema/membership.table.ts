import { MEMBERSHIP_POSITION_VALUES } from '@hopxa/domain';
import { boolean, date, pgEnum, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { bodies } from './body.table.ts';
import { people } from './person.table.ts';

export const membershipPosition = pgEnum('membership_position', MEMBERSHIP_POSITION_VALUES);

/** A person's seat in a body for a term. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    position: membershipPosition('position').notNull().default('member'),
    votingRight: boolean('voting_right').notNull().default(true),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('memberships_person_body_start_unique').on(table.personId, table.bodyId, table.startsOn),
  ],
);

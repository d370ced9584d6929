import { AGENDA_ITEM_KIND_VALUES, MEETING_ROLE_VALUES } from '@hopxa/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { bodies } from './body.table.ts';
import { people } from './person.table.ts';

export const agendaItemKind = pgEnum('agenda_item_kind', AGENDA_ITEM_KIND_VALUES);
export const meetingRole = pgEnum('meeting_role', MEETING_ROLE_VALUES);

/**
 * A meeting of a body (a session, sitting, plenary or conference). Its status is not kept
 * here: it is read from its event log (convened, opened, closed), draft before any event.
 */
export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  bodyId: uuid('body_id')
    .notNull()
    .references(() => bodies.id),
  title: text('title').notNull(),
  place: text('place'),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One line of a meeting's agenda; `parentId` nests it one level under another. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => agendaItems.id, {
      onDelete: 'cascade',
    }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    kind: agendaItemKind('kind').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
  },
  (table) => [
    unique('agenda_items_meeting_parent_position_unique')
      .on(table.meetingId, table.parentId, table.position)
      .nullsNotDistinct(),
    check('agenda_items_duration_nonnegative', sql`${table.durationMinutes} >= 0`),
  ],
);

/** The presiding officer and the secretaries of a meeting. */
export const meetingRoles = pgTable(
  'meeting_roles',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: meetingRole('role').notNull(),
  },
  (table) => [unique('meeting_roles_unique').on(table.meetingId, table.personId, table.role)],
);

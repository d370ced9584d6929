import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meeting.table.ts';

/**
 * The minutes' steps in the order the server accepted them: each is one change a secretary
 * made (or the server, writing the proceedings), stored at the version it produced. A
 * writer's batch keeps its id, so a resend after a lost answer is recognised, not applied
 * twice.
 */
export const minutesSteps = pgTable(
  'minutes_steps',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
    clientId: text('client_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    step: jsonb('step').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.version] }),
    index('minutes_steps_batch_index').on(table.meetingId, table.batchId),
  ],
);

/** The minutes' document every so many steps: a late joiner reads it and the steps since. */
export const minutesSnapshots = pgTable(
  'minutes_snapshots',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
    doc: jsonb('doc').notNull(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.version] })],
);

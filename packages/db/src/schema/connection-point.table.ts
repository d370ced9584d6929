import { CONNECTION_POINT_KINDS } from '@hopxa/domain';
import { pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { meetings } from './meeting.table.ts';

export const connectionPointKind = pgEnum('connection_point_kind', CONNECTION_POINT_KINDS);

/**
 * A place that follows a meeting with linked video (điểm cầu). Only its publish
 * credential's SHA-256 is stored: the credential is shown once, to the secretariat that
 * made it. A revoked point keeps its row (the audit names it) but publishes nothing more.
 */
export const connectionPoints = pgTable(
  'connection_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: connectionPointKind('kind').notNull(),
    name: text('name').notNull(),
    /** Who is there, as the secretariat wrote it (e.g. the province's leaders following). */
    people: text('people').notNull().default(''),
    /** The follower account that watches from here and speaks as this point; cleared on revoke. */
    followerAccountId: uuid('follower_account_id').references(() => accounts.id),
    credentialHash: text('credential_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    unique('connection_points_meeting_follower_unique').on(
      table.meetingId,
      table.followerAccountId,
    ),
  ],
);

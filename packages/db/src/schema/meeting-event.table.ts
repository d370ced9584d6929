import { STATUS_AFTER_EVENT } from '@hopxa/domain';
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { meetings } from './meeting.table.ts';

const STATUS_EVENT_TYPES = Object.keys(STATUS_AFTER_EVENT);

/**
 * A meeting's event log: gapless `seq` from 1, each event carrying the hash of the one
 * before. Hashes are keyed (HMAC-SHA256 under a key made from the server's secret, which the
 * database never holds), so a changed, removed or inserted event is detected even when the
 * one who changed it recomputed every hash after it.
 */
export const meetingEvents = pgTable(
  'meeting_events',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    /** The event without its type and seq, as the domain defines it. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    commandId: uuid('command_id').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The previous event's hash (hex); 64 zeros for seq 1. */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.seq] }),
    // The events that move a meeting's status: a list reads each meeting's last one.
    index('meeting_events_status_idx')
      .on(table.meetingId, table.seq)
      .where(sql.raw(`type in (${STATUS_EVENT_TYPES.map((type) => `'${type}'`).join(', ')})`)),
  ],
);

/**
 * The first answer to every command, by its client-made id: a retry gets this answer back
 * and is never applied twice. `fingerprint` is the SHA-256 of the command as the client
 * sent it, so another command under a used id is told apart and refused (rule I1).
 */
export const meetingCommands = pgTable(
  'meeting_commands',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    commandId: uuid('command_id').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    fingerprint: text('fingerprint').notNull(),
    answer: jsonb('answer').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.commandId] }),
    index('meeting_commands_at_idx').on(table.at),
  ],
);

/**
 * Where each meeting's log ends: the last seq and a keyed check of it and its hash, written
 * with every append. A deleted last event leaves the head pointing past the log; a head moved
 * back by hand fails its check.
 */
export const meetingHeads = pgTable('meeting_heads', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  seq: integer('seq').notNull(),
  /** HMAC-SHA256 (hex) of the meeting, seq and hash, under the log key. */
  mac: text('mac').notNull(),
});

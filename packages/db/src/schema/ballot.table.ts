import { boolean, customType, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meeting.table.ts';
import { people } from './person.table.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * One per poll: whether its box still takes ballots. A cast holds a share lock on this row
 * while it writes, and closing takes the row before counting, so no ballot slips in after
 * the count is read.
 */
export const ballotBoxes = pgTable('ballot_boxes', {
  pollId: uuid('poll_id').primaryKey(),
  meetingId: uuid('meeting_id')
    .notNull()
    .references(() => meetings.id),
  secret: boolean('secret').notNull(),
  open: boolean('open').notNull().default(true),
});

/**
 * Open votes and consultations: who chose what is part of the record. One ballot per voter
 * per poll (a cast vote is final).
 */
export const openBallots = pgTable(
  'open_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => ballotBoxes.pollId),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    choice: text('choice').notNull(),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.personId] })],
);

/**
 * Secret polls, who took part: one row per voter per poll, and nothing about the choice.
 * No time is kept, so these rows cannot be lined up with the ballots.
 */
export const pollVoters = pgTable(
  'poll_voters',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => ballotBoxes.pollId),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.personId] })],
);

/**
 * Secret ballots while the poll is open, sealed (AES-256-GCM under a key the database never
 * sees): a row written with its voter's participation can be told apart, but not read.
 * `retryKey` (an HMAC of the voter's receipt code) lets a resent ballot be recognised.
 * Emptied at closing, when the ballots are opened into `secret_ballots`.
 */
export const sealedBallots = pgTable(
  'sealed_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => ballotBoxes.pollId),
    retryKey: text('retry_key').notNull(),
    sealed: bytea('sealed').notNull(),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.retryKey] })],
);

/**
 * Secret ballots once the poll is closed: written together, in random order, in the
 * closing transaction, so neither time nor order joins one to a voter. `receiptHash` is the
 * SHA-256 of the code only the voter holds, which lets them check their ballot was counted
 * as cast.
 */
export const secretBallots = pgTable(
  'secret_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => ballotBoxes.pollId),
    receiptHash: text('receipt_hash').notNull(),
    ballot: jsonb('ballot').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.receiptHash] })],
);

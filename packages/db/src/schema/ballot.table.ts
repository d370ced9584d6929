import { boolean, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { meetings } from './meeting.table.ts';
import { people } from './person.table.ts';

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
 * per poll (a cast vote is final); `castId`, made by the voter's tablet, tells a resend of
 * the ballot from another ballot. `enteredBy` is the secretary who entered a member's show
 * of hands for a member without a tablet; null for a tablet's own ballot.
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
    castId: uuid('cast_id').notNull(),
    choice: text('choice').notNull(),
    enteredBy: uuid('entered_by').references(() => accounts.id),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.personId] })],
);

/**
 * Secret polls, who took part: one row per voter per poll, and nothing about the choice.
 * No time is kept, so these rows cannot be lined up with the ballots. While a poll is open
 * its sealed ballots are in a table of their own, `sealed_ballots_<poll id>`, made when it
 * opens and dropped when it closes (see the server's ballot box): never in this schema.
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
 * Secret ballots once the poll is closed: written together, in random order, in the
 * closing transaction, so neither time nor order joins one to a voter. `receiptHash` is the
 * SHA-256 of part of the receipt code only the voter's screen shows, which lets the voter's
 * own account check that their ballot was counted as cast.
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

import { DOCUMENT_AUDIENCES, DOCUMENT_KINDS } from '@hopxa/domain';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { agendaItems, meetings } from './meeting.table.ts';

export const documentKind = pgEnum('document_kind', DOCUMENT_KINDS);
export const documentAudience = pgEnum('document_audience', DOCUMENT_AUDIENCES);

/**
 * A paper of a sitting (tờ trình, dự thảo nghị quyết, báo cáo), filed under one of its agenda
 * items or under the meeting as a whole. The file itself is kept content-addressed by its
 * SHA-256 (on disk or in a bucket); a withdrawn paper keeps its row for the audit and the log.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    kind: documentKind('kind').notNull(),
    audience: documentAudience('audience').notNull(),
    fileName: text('file_name').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    pageCount: integer('page_count').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => accounts.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (table) => [index('documents_meeting_idx').on(table.meetingId)],
);

/** Where on a page a note points, as fractions of the page's width and height (0 to 1). */
export type NoteHighlight = {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
};

/** A reader's private note on a page of a paper: served to its author's account only. */
export const documentNotes = pgTable(
  'document_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    page: integer('page').notNull(),
    text: text('text').notNull(),
    highlight: jsonb('highlight').$type<NoteHighlight>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('document_notes_reader_idx').on(table.documentId, table.accountId)],
);

/** Who opened which paper, first and last; each opening is also in the audit log. */
export const documentReads = pgTable(
  'document_reads',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }).notNull().defaultNow(),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.accountId] })],
);

/**
 * A member's opening of a meeting's notice (giấy triệu tập): the notice as it stood (its
 * version counts the changes made after convening), and when it was first opened.
 */
export const noticeReceipts = pgTable(
  'notice_receipts',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    noticeVersion: integer('notice_version').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.accountId, table.noticeVersion] })],
);

import {
  DOCUMENT_AUDIENCES,
  DOCUMENT_KINDS,
  DOCUMENT_NOTE_MAX_LENGTH,
  DOCUMENT_TITLE_MAX_LENGTH,
  NOTICE_CHANGES,
} from '@hopxa/domain';
import { z } from 'zod';
import { typedText } from './typed-text.ts';

/**
 * `POST /api/meetings/:meetingId/documents?title=&kind=&audience=&agendaItemId=&fileName=`:
 * the file is the request body itself (application/pdf), streamed to storage; its
 * description comes in the query, so that nothing waits for a multipart parser.
 */
export const newDocumentQuerySchema = z.strictObject({
  title: typedText(DOCUMENT_TITLE_MAX_LENGTH),
  kind: z.enum(DOCUMENT_KINDS),
  audience: z.enum(DOCUMENT_AUDIENCES),
  agendaItemId: z.uuid().optional(),
  fileName: z.string().min(1).max(400),
});
export type NewDocumentQuery = z.infer<typeof newDocumentQuerySchema>;

/** A paper as a reader lists it. The file is at `/api/documents/:id/file` (Range served). */
export const documentViewSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  audience: z.enum(DOCUMENT_AUDIENCES),
  fileName: z.string(),
  byteSize: z.number(),
  pageCount: z.number(),
  /** The file's SHA-256 in hex: its identity, and the file's ETag. */
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

/** `GET /api/meetings/:meetingId/documents`: the papers the caller may read, in agenda order. */
export const documentsResponseSchema = z.object({ documents: z.array(documentViewSchema) });
export type DocumentsResponse = z.infer<typeof documentsResponseSchema>;

/** Where a note points on its page, as fractions of the page's width and height. */
export const noteHighlightSchema = z.strictObject({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().min(0).max(1),
  height: z.number().min(0).max(1),
});

/** `POST /api/documents/:documentId/notes`: a private note on a page (1-based). */
export const newNoteRequestSchema = z.strictObject({
  page: z.int().min(1).max(100_000),
  text: typedText(DOCUMENT_NOTE_MAX_LENGTH, { multiline: true }),
  highlight: noteHighlightSchema.nullable().optional(),
});
export type NewNoteRequest = z.infer<typeof newNoteRequestSchema>;

/** `PATCH /api/documents/:documentId/notes/:noteId`. */
export const noteChangeRequestSchema = z
  .strictObject({
    text: typedText(DOCUMENT_NOTE_MAX_LENGTH, { multiline: true }).optional(),
    highlight: noteHighlightSchema.nullable().optional(),
  })
  .refine((change) => change.text !== undefined || change.highlight !== undefined, {
    message: 'nothing to change',
  });
export type NoteChangeRequest = z.infer<typeof noteChangeRequestSchema>;

export const noteViewSchema = z.object({
  id: z.string(),
  page: z.number(),
  text: z.string(),
  highlight: noteHighlightSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NoteView = z.infer<typeof noteViewSchema>;

/** `GET /api/documents/:documentId/notes`: the caller's own notes on it, never another's. */
export const notesResponseSchema = z.object({ notes: z.array(noteViewSchema) });

/**
 * `GET /api/meetings/:meetingId/notice`: the notice the members were sent, as it now stands,
 * with the papers of it the caller may read and when the caller opened this version.
 */
export const noticeResponseSchema = z.object({
  version: z.number(),
  title: z.string(),
  startsAt: z.string().nullable(),
  place: z.string().nullable(),
  changes: z.array(z.enum(NOTICE_CHANGES)),
  amendedAt: z.string().nullable(),
  agenda: z.array(z.object({ id: z.string(), parentId: z.string().nullable(), title: z.string() })),
  papers: z.array(documentViewSchema),
  openedAt: z.string().nullable(),
});
export type NoticeResponse = z.infer<typeof noticeResponseSchema>;

/** `POST /api/meetings/:meetingId/notice/opened`: the caller has read this version. */
export const noticeOpenedRequestSchema = z.strictObject({ version: z.int().min(1) });

/** `GET /api/meetings/:meetingId/notice/receipts`: who of the roster has opened the notice. */
export const noticeReceiptsResponseSchema = z.object({
  version: z.number(),
  members: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      /** The latest version the member opened, or null: not opened at all. */
      openedVersion: z.number().nullable(),
      openedAt: z.string().nullable(),
    }),
  ),
});
export type NoticeReceiptsResponse = z.infer<typeof noticeReceiptsResponseSchema>;

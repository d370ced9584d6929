import {
  documentsResponseSchema,
  noteViewSchema,
  notesResponseSchema,
  type DocumentView,
  type NewNoteRequest,
  type NoteChangeRequest,
  type NoteView,
} from '@hopxa/protocol';
import { getJson, send } from '#lib/api.ts';

/**
 * The papers' HTTP contract as the tablet calls it (packages/protocol/src/documents.schema.ts):
 * every path in one place, every answer checked against its schema.
 */

export const meetingDocumentsPath = (meetingId: string) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/documents`;

/** The PDF itself: Range served, ETag = its SHA-256, never changes under the same id. */
export const documentFilePath = (documentId: string) =>
  `/api/documents/${encodeURIComponent(documentId)}/file`;

export const documentNotesPath = (documentId: string) =>
  `/api/documents/${encodeURIComponent(documentId)}/notes`;

const notePath = (documentId: string, noteId: string) =>
  `${documentNotesPath(documentId)}/${encodeURIComponent(noteId)}`;

/** The papers of a meeting the caller may read, in agenda order. */
export async function fetchMeetingDocuments(
  fetch: typeof globalThis.fetch,
  meetingId: string,
): Promise<DocumentView[]> {
  return (await getJson(fetch, meetingDocumentsPath(meetingId), documentsResponseSchema)).documents;
}

/** The caller's own notes on a paper; never another reader's. */
export async function fetchNotes(
  fetch: typeof globalThis.fetch,
  documentId: string,
): Promise<NoteView[]> {
  return (await getJson(fetch, documentNotesPath(documentId), notesResponseSchema)).notes;
}

export async function postNote(documentId: string, note: NewNoteRequest): Promise<NoteView> {
  return noteViewSchema.parse(await send('POST', documentNotesPath(documentId), note));
}

export async function patchNote(
  documentId: string,
  noteId: string,
  change: NoteChangeRequest,
): Promise<NoteView> {
  return noteViewSchema.parse(await send('PATCH', notePath(documentId, noteId), change));
}

export async function deleteNote(documentId: string, noteId: string): Promise<void> {
  await send('DELETE', notePath(documentId, noteId));
}

/**
 * Tells the server a paper was opened from the copy kept on this tablet: a HEAD of the file
 * counts as an opening there, as the first byte of a download does, and costs no bytes. Off
 * the network it fails quietly: the reading itself needs nothing from the server.
 */
export async function recordOpening(documentId: string): Promise<void> {
  try {
    await globalThis.fetch(documentFilePath(documentId), { method: 'HEAD' });
  } catch {
    // Offline: the opening goes unrecorded, the paper still opens.
  }
}

import { schema, type Database } from '@hopxa/db';
import type { NewNoteRequest, NoteChangeRequest, NoteView } from '@hopxa/protocol';
import { and, asc, eq } from 'drizzle-orm';
import { HttpError } from '../http/http-error.ts';

type NoteRow = typeof schema.documentNotes.$inferSelect;

/** A reader's notes per paper: enough for every page of a long paper, not a store of files. */
const NOTES_PER_READER_LIMIT = 2000;

function viewOf(row: NoteRow): NoteView {
  return {
    id: row.id,
    page: row.page,
    text: row.text,
    highlight: row.highlight,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whose note it is and on which paper: every query is bound to both. */
type Owner = { readonly documentId: string; readonly accountId: string };

const ownedBy = (owner: Owner) =>
  and(
    eq(schema.documentNotes.documentId, owner.documentId),
    eq(schema.documentNotes.accountId, owner.accountId),
  );

/** The caller's own notes on a paper, by page; another account's are never read here. */
export async function listNotes(db: Database, owner: Owner): Promise<NoteView[]> {
  const rows = await db
    .select()
    .from(schema.documentNotes)
    .where(ownedBy(owner))
    .orderBy(asc(schema.documentNotes.page), asc(schema.documentNotes.createdAt));
  return rows.map(viewOf);
}

/** A page past the paper's last is refused, as a note on nothing. */
export async function addNote(
  db: Database,
  owner: Owner,
  pageCount: number,
  input: NewNoteRequest,
): Promise<NoteView> {
  if (input.page > pageCount) throw new HttpError(422, 'unknown_page');
  return db.transaction(async (tx) => {
    const held = await tx
      .select({ id: schema.documentNotes.id })
      .from(schema.documentNotes)
      .where(ownedBy(owner))
      .limit(NOTES_PER_READER_LIMIT);
    if (held.length >= NOTES_PER_READER_LIMIT) throw new HttpError(422, 'too_many_notes');
    const [row] = await tx
      .insert(schema.documentNotes)
      .values({ ...owner, page: input.page, text: input.text, highlight: input.highlight ?? null })
      .returning();
    if (!row) throw new Error('the note was not written');
    return viewOf(row);
  });
}

/** Changes one of the caller's notes; another's, or none, is a 404 (nothing to tell). */
export async function changeNote(
  db: Database,
  owner: Owner,
  noteId: string,
  change: NoteChangeRequest,
): Promise<NoteView> {
  const [row] = await db
    .update(schema.documentNotes)
    .set({
      ...(change.text !== undefined && { text: change.text }),
      ...(change.highlight !== undefined && { highlight: change.highlight }),
      updatedAt: new Date(),
    })
    .where(and(eq(schema.documentNotes.id, noteId), ownedBy(owner)))
    .returning();
  if (!row) throw new HttpError(404, 'not_found');
  return viewOf(row);
}

export async function deleteNote(db: Database, owner: Owner, noteId: string): Promise<void> {
  const deleted = await db
    .delete(schema.documentNotes)
    .where(and(eq(schema.documentNotes.id, noteId), ownedBy(owner)))
    .returning({ id: schema.documentNotes.id });
  if (deleted.length === 0) throw new HttpError(404, 'not_found');
}

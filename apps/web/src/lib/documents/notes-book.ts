import {
  newNoteRequestSchema,
  noteChangeRequestSchema,
  type NoteChangeRequest,
  type NoteView,
} from '@hopxa/protocol';
import { ApiRequestError, describeError } from '#lib/api.ts';
import { deleteNote, fetchNotes, patchNote, postNote } from './documents-api.ts';
import type { PaperShelf } from './offline-papers.ts';

/**
 * A member's private notes on one paper: loaded from the server (so they follow the member
 * from tablet to laptop), added, changed and deleted through it, and kept on the shelf for
 * reading when the network drops. Plain TypeScript, so it is tested without a browser;
 * `notes-store.svelte.ts` makes it reactive for the reader.
 *
 * A note the server did not take is never lost: the text typed stays in the form (the book
 * only reports the failure) and in the tab's session storage as a draft, so closing the
 * reader or reloading the page brings it back.
 */

/** Where a note points on its page, as fractions of the page's width and height. */
export type NoteHighlight = NonNullable<NoteView['highlight']>;

export type NotesStatus = 'loading' | 'ready' | 'saved-copy' | 'failed';

export type NotesSnapshot = {
  /** `saved-copy`: the server could not be reached and these are the notes kept on the tablet. */
  readonly status: NotesStatus;
  /** By page, then in the order they were written. */
  readonly notes: readonly NoteView[];
  /** Why the notes could not be loaded at all, or ''. */
  readonly loadError: string;
};

/** What a change came to: the note as the server now has it, or the sentence to show. */
export type NoteOutcome =
  | { readonly ok: true; readonly note: NoteView | null }
  | { readonly ok: false; readonly error: string; readonly offline: boolean };

export type NotesWords = {
  readonly offline: string;
  readonly unexpected: string;
  /** A note not sent for want of a network: says the text is kept, and to try again. */
  readonly notSentOffline: string;
  /** A note with no words. */
  readonly empty: string;
};

/** The part of `Storage` (sessionStorage) the drafts use. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type NotesBookOptions = {
  readonly accountId: string;
  readonly documentId: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly words: () => NotesWords;
  readonly shelf?: PaperShelf | null;
  readonly drafts?: DraftStorage | null;
  readonly onChange?: (snapshot: NotesSnapshot) => void;
};

/** A draft's place: the new note of a page, or the change of a note. */
export type DraftSlot = `new:${number}` | `edit:${string}`;

const byPageThenAge = (a: NoteView, b: NoteView) =>
  a.page - b.page || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Whether a failure means the server was not reached (no network, or a proxy in its place). */
function unreachable(caught: unknown): boolean {
  return (
    caught instanceof ApiRequestError &&
    (caught.code === 'offline' ||
      caught.status === 502 ||
      caught.status === 503 ||
      caught.status === 504)
  );
}

export class NotesBook {
  readonly #options: NotesBookOptions;
  #snapshot: NotesSnapshot = { status: 'loading', notes: [], loadError: '' };

  constructor(options: NotesBookOptions) {
    this.#options = options;
  }

  get snapshot(): NotesSnapshot {
    return this.#snapshot;
  }

  notesOn(page: number): NoteView[] {
    return this.#snapshot.notes.filter((note) => note.page === page);
  }

  /** The pages that carry at least one note, in order. */
  get pagesWithNotes(): number[] {
    return [...new Set(this.#snapshot.notes.map((note) => note.page))];
  }

  /** Loads the member's notes; off the network, the copy kept on the tablet. */
  async load(): Promise<void> {
    this.#set({ status: 'loading', loadError: '' });
    const { documentId, shelf } = this.#options;
    try {
      const notes = await fetchNotes(this.#options.fetch ?? globalThis.fetch, documentId);
      this.#set({ status: 'ready', notes: [...notes].sort(byPageThenAge) });
      await shelf?.keepNotes(documentId, this.#snapshot.notes);
    } catch (caught) {
      const kept = unreachable(caught) ? await shelf?.readNotes(documentId) : null;
      if (kept) this.#set({ status: 'saved-copy', notes: [...kept].sort(byPageThenAge) });
      else this.#set({ status: 'failed', loadError: this.#describe(caught) });
    }
  }

  /** Adds a note on `page`; on success its draft is dropped, on failure it stays. */
  async add(page: number, text: string, highlight: NoteHighlight | null): Promise<NoteOutcome> {
    if (text.trim() === '') return this.#refused(this.#options.words().empty);
    const request = newNoteRequestSchema.safeParse({ page, text, highlight });
    if (!request.success) return this.#refused(request.error.issues[0]?.message ?? '');
    try {
      const note = await postNote(this.#options.documentId, request.data);
      await this.#replace([...this.#snapshot.notes, note]);
      this.dropDraft(`new:${page}`);
      return { ok: true, note };
    } catch (caught) {
      return this.#failed(caught);
    }
  }

  /** Changes a note's text or highlight (`highlight: null` removes the marked area). */
  async change(noteId: string, change: NoteChangeRequest): Promise<NoteOutcome> {
    if (change.text !== undefined && change.text.trim() === '')
      return this.#refused(this.#options.words().empty);
    const request = noteChangeRequestSchema.safeParse(change);
    if (!request.success) return this.#refused(request.error.issues[0]?.message ?? '');
    try {
      const note = await patchNote(this.#options.documentId, noteId, request.data);
      await this.#replace(this.#snapshot.notes.map((old) => (old.id === noteId ? note : old)));
      this.dropDraft(`edit:${noteId}`);
      return { ok: true, note };
    } catch (caught) {
      return this.#failed(caught);
    }
  }

  async remove(noteId: string): Promise<NoteOutcome> {
    try {
      await deleteNote(this.#options.documentId, noteId);
    } catch (caught) {
      // Deleted already, from another device: it is gone either way.
      if (!(caught instanceof ApiRequestError && caught.status === 404))
        return this.#failed(caught);
    }
    await this.#replace(this.#snapshot.notes.filter((note) => note.id !== noteId));
    this.dropDraft(`edit:${noteId}`);
    return { ok: true, note: null };
  }

  /** The text typed into a form and not yet taken by the server, or ''. */
  draft(slot: DraftSlot): string {
    try {
      return this.#options.drafts?.getItem(this.#draftKey(slot)) ?? '';
    } catch {
      return '';
    }
  }

  keepDraft(slot: DraftSlot, text: string): void {
    try {
      if (text === '') this.#options.drafts?.removeItem(this.#draftKey(slot));
      else this.#options.drafts?.setItem(this.#draftKey(slot), text);
    } catch {
      // Storage full or refused: the text is still in the form.
    }
  }

  dropDraft(slot: DraftSlot): void {
    this.keepDraft(slot, '');
  }

  #draftKey(slot: DraftSlot): string {
    const { accountId, documentId } = this.#options;
    return `hopxa-note-draft/${accountId}/${documentId}/${slot}`;
  }

  async #replace(notes: NoteView[]): Promise<void> {
    this.#set({ notes: notes.sort(byPageThenAge) });
    // A change the server took while the list was the tablet's copy: the server is back, so
    // the list is read again from it (another device may have changed notes meanwhile).
    if (this.#snapshot.status !== 'ready') await this.load();
    else await this.#options.shelf?.keepNotes(this.#options.documentId, this.#snapshot.notes);
  }

  #refused(error: string): NoteOutcome {
    return { ok: false, error: error || this.#options.words().unexpected, offline: false };
  }

  #failed(caught: unknown): NoteOutcome {
    const offline = unreachable(caught);
    return {
      ok: false,
      error: offline ? this.#options.words().notSentOffline : this.#describe(caught),
      offline,
    };
  }

  #describe(caught: unknown): string {
    return describeError(caught, this.#options.words());
  }

  #set(change: Partial<NotesSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#options.onChange?.(this.#snapshot);
  }
}

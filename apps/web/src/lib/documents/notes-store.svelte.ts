import type { NoteChangeRequest, NoteView } from '@hopxa/protocol';
import {
  NotesBook,
  type DraftSlot,
  type NoteHighlight,
  type NoteOutcome,
  type NotesBookOptions,
  type NotesSnapshot,
  type NotesStatus,
} from './notes-book.ts';

/**
 * The notes of one paper for the reader, reactive: what `NotesBook` holds (load, add, edit,
 * delete through the API, the tablet's copy off the network, drafts kept), as runes.
 *
 * @example
 * const notes = new NotesStore({ accountId, documentId, words: () => i18n.t.documents.noteWords, shelf, drafts: sessionStorage });
 * $effect(() => notes.start());
 */
export class NotesStore {
  #snapshot = $state.raw<NotesSnapshot>({ status: 'loading', notes: [], loadError: '' });
  readonly #book: NotesBook;

  constructor(options: Omit<NotesBookOptions, 'onChange'>) {
    this.#book = new NotesBook({ ...options, onChange: (snapshot) => (this.#snapshot = snapshot) });
  }

  get status(): NotesStatus {
    return this.#snapshot.status;
  }

  get notes(): readonly NoteView[] {
    return this.#snapshot.notes;
  }

  get loadError(): string {
    return this.#snapshot.loadError;
  }

  /** The pages that carry at least one note, in order. */
  get pagesWithNotes(): number[] {
    // The notes come sorted by page: each page once.
    return this.#snapshot.notes
      .map((note) => note.page)
      .filter((page, index, pages) => page !== pages[index - 1]);
  }

  notesOn(page: number): NoteView[] {
    return this.#snapshot.notes.filter((note) => note.page === page);
  }

  /**
   * Loads the notes, and loads them again when the network comes back while the list is the
   * tablet's copy or could not be read. Returns the cleanup, for `$effect`.
   */
  start(): () => void {
    void this.#book.load();
    const again = () => {
      if (this.#snapshot.status === 'saved-copy' || this.#snapshot.status === 'failed')
        void this.#book.load();
    };
    globalThis.addEventListener?.('online', again);
    return () => globalThis.removeEventListener?.('online', again);
  }

  load(): Promise<void> {
    return this.#book.load();
  }

  add(page: number, text: string, highlight: NoteHighlight | null): Promise<NoteOutcome> {
    return this.#book.add(page, text, highlight);
  }

  change(noteId: string, change: NoteChangeRequest): Promise<NoteOutcome> {
    return this.#book.change(noteId, change);
  }

  remove(noteId: string): Promise<NoteOutcome> {
    return this.#book.remove(noteId);
  }

  draft(slot: DraftSlot): string {
    return this.#book.draft(slot);
  }

  keepDraft(slot: DraftSlot, text: string): void {
    this.#book.keepDraft(slot, text);
  }
}

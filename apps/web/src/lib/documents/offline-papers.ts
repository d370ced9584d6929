import {
  documentViewSchema,
  noteViewSchema,
  type DocumentView,
  type NoteView,
} from '@hopxa/protocol';
import { z } from 'zod';
import { documentFilePath, documentNotesPath, meetingDocumentsPath } from './documents-api.ts';

/**
 * The papers a member opened, kept in the browser for the rest of the sitting so that a
 * hall whose network drops still reads them: the file's bytes, the member's own notes on
 * it and the meeting's list of papers, each on a shelf of its own per account and meeting
 * (an account never sees what another account kept on the same browser; a closed meeting's
 * shelf goes at once).
 *
 * Kept with the Cache API where the page is a secure context (https, or localhost); a
 * commune's server reached over plain http on its own network gets no `caches`, so the same
 * few calls are then answered from IndexedDB. Everything here is best effort: a full disk
 * or a private window means a paper is simply not kept, never that it does not open.
 */

/** The part of the Cache API a shelf uses; the browser's `caches` is one. */
export interface ShelfCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** The part of `CacheStorage` the shelves use. */
export interface ShelfStorage {
  open(name: string): Promise<ShelfCache>;
  delete(name: string): Promise<boolean>;
  keys(): Promise<string[]>;
}

const SHELF_PREFIX = 'hopxa-papers/v1/';

/**
 * The cache that holds one account's papers of one meeting.
 *
 * @example
 * shelfName('acc-1', 'meet-9') // 'hopxa-papers/v1/acc-1/meet-9'
 */
export function shelfName(accountId: string, meetingId: string): string {
  return `${SHELF_PREFIX}${encodeURIComponent(accountId)}/${encodeURIComponent(meetingId)}`;
}

/** The account and meeting a shelf belongs to, or null for a cache that is not a shelf. */
export function parseShelfName(name: string): { accountId: string; meetingId: string } | null {
  if (!name.startsWith(SHELF_PREFIX)) return null;
  const parts = name.slice(SHELF_PREFIX.length).split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { accountId: decodeURIComponent(parts[0]), meetingId: decodeURIComponent(parts[1]) };
}

/** Headers kept beside a file: which version it is, so a changed id is never mixed up. */
const SHA256_HEADER = 'x-hopxa-sha256';

const keptNotesSchema = z.object({ notes: z.array(noteViewSchema), keptAt: z.string() });
const keptDocumentsSchema = z.object({
  documents: z.array(documentViewSchema),
  keptAt: z.string(),
});

/** The SHA-256 of `bytes` in hex, or null where the browser offers no digest (plain http). */
export async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One account's papers of one meeting, kept on this browser. */
export class PaperShelf {
  readonly accountId: string;
  readonly meetingId: string;
  readonly #storage: ShelfStorage | null;
  #cache: Promise<ShelfCache> | null = null;

  constructor(accountId: string, meetingId: string, storage: ShelfStorage | null) {
    this.accountId = accountId;
    this.meetingId = meetingId;
    this.#storage = storage;
  }

  /** Whether this browser can keep anything at all. */
  get available(): boolean {
    return this.#storage !== null;
  }

  /** The kept bytes of a paper, or null when it was never kept (or cannot be read back). */
  async readFile(document: DocumentView): Promise<Uint8Array | null> {
    const response = await this.#match(documentFilePath(document.id));
    if (!response || response.headers.get(SHA256_HEADER) !== document.sha256) return null;
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch {
      return null;
    }
  }

  async hasFile(document: DocumentView): Promise<boolean> {
    const response = await this.#match(documentFilePath(document.id));
    return response?.headers.get(SHA256_HEADER) === document.sha256;
  }

  /**
   * Keeps a paper's bytes, once they are the paper the server described: checked against
   * its SHA-256 where the browser can compute one. Resolves whether it was kept.
   */
  async keepFile(document: DocumentView, bytes: Uint8Array): Promise<boolean> {
    if (bytes.byteLength !== document.byteSize) return false;
    const digest = await sha256Hex(bytes).catch(() => null);
    if (digest !== null && digest !== document.sha256.toLowerCase()) return false;
    return this.#put(
      documentFilePath(document.id),
      new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          'content-type': 'application/pdf',
          [SHA256_HEADER]: document.sha256,
        },
      }),
    );
  }

  /** The member's own notes on a paper as last seen from the server, or null. */
  async readNotes(documentId: string): Promise<NoteView[] | null> {
    const kept = await this.#readJson(documentNotesPath(documentId), keptNotesSchema);
    return kept?.notes ?? null;
  }

  async keepNotes(documentId: string, notes: readonly NoteView[]): Promise<void> {
    await this.#putJson(documentNotesPath(documentId), { notes, keptAt: new Date().toISOString() });
  }

  /** The meeting's list of papers as last seen from the server, or null. */
  async readDocuments(): Promise<DocumentView[] | null> {
    const kept = await this.#readJson(meetingDocumentsPath(this.meetingId), keptDocumentsSchema);
    return kept?.documents ?? null;
  }

  async keepDocuments(documents: readonly DocumentView[]): Promise<void> {
    await this.#putJson(meetingDocumentsPath(this.meetingId), {
      documents,
      keptAt: new Date().toISOString(),
    });
  }

  #open(): Promise<ShelfCache> | null {
    if (!this.#storage) return null;
    this.#cache ??= this.#storage.open(shelfName(this.accountId, this.meetingId));
    // A refused opening (storage disabled) is tried again next time, not remembered.
    this.#cache.catch(() => (this.#cache = null));
    return this.#cache;
  }

  async #match(key: string): Promise<Response | undefined> {
    try {
      return await (await this.#open())?.match(key);
    } catch {
      return undefined;
    }
  }

  async #put(key: string, response: Response): Promise<boolean> {
    try {
      const cache = await this.#open();
      if (!cache) return false;
      await cache.put(key, response);
      return true;
    } catch {
      // Quota exceeded, storage cleared underneath: the paper is just not kept.
      return false;
    }
  }

  async #readJson<T extends z.ZodType>(key: string, schema: T): Promise<z.infer<T> | null> {
    const response = await this.#match(key);
    if (!response) return null;
    try {
      const parsed = schema.safeParse(await response.json());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async #putJson(key: string, value: unknown): Promise<void> {
    await this.#put(
      key,
      new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } }),
    );
  }
}

/** The shelf of one account and meeting on this browser (nothing kept where it cannot be). */
export function paperShelf(
  accountId: string,
  meetingId: string,
  storage: ShelfStorage | null = browserShelfStorage(),
): PaperShelf {
  return new PaperShelf(accountId, meetingId, storage);
}

/**
 * Removes every paper, note and list kept for a meeting, whichever account kept them: for
 * the page to call once the meeting is closed (or the member leaves it for good).
 */
export async function forgetMeetingPapers(
  meetingId: string,
  storage: ShelfStorage | null = browserShelfStorage(),
): Promise<void> {
  await forgetShelves(storage, (shelf) => shelf.meetingId === meetingId);
}

/** Removes what an account kept, e.g. when the tablet is signed out. */
export async function forgetAccountPapers(
  accountId: string,
  storage: ShelfStorage | null = browserShelfStorage(),
): Promise<void> {
  await forgetShelves(storage, (shelf) => shelf.accountId === accountId);
}

/**
 * Removes the shelves of every meeting not in `meetingIds`: a page that knows which
 * meetings are still open or upcoming tidies away the rest in one call.
 */
export async function forgetPapersExcept(
  meetingIds: Iterable<string>,
  storage: ShelfStorage | null = browserShelfStorage(),
): Promise<void> {
  const keep = new Set(meetingIds);
  await forgetShelves(storage, (shelf) => !keep.has(shelf.meetingId));
}

async function forgetShelves(
  storage: ShelfStorage | null,
  doomed: (shelf: { accountId: string; meetingId: string }) => boolean,
): Promise<void> {
  if (!storage) return;
  try {
    const names = await storage.keys();
    await Promise.all(
      names
        .filter((name) => {
          const shelf = parseShelfName(name);
          return shelf !== null && doomed(shelf);
        })
        .map((name) => storage.delete(name)),
    );
  } catch {
    // Storage unavailable: there is nothing of ours to remove.
  }
}

/** This browser's storage for shelves: the Cache API, else IndexedDB, else none. */
export function browserShelfStorage(): ShelfStorage | null {
  if (typeof globalThis.caches !== 'undefined') return globalThis.caches;
  if (typeof globalThis.indexedDB !== 'undefined')
    return indexedDbShelfStorage(globalThis.indexedDB);
  return null;
}

type StoredEntry = {
  shelf: string;
  key: string;
  body: ArrayBuffer;
  headers: [string, string][];
};

/**
 * Shelves in IndexedDB, for pages served over plain http where the Cache API is not offered:
 * one object store of entries keyed by [shelf, key], indexed by shelf.
 */
export function indexedDbShelfStorage(factory: IDBFactory): ShelfStorage {
  const STORE = 'entries';
  let database: Promise<IDBDatabase> | null = null;
  const open = () =>
    (database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('hopxa-papers', 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: ['shelf', 'key'] });
        store.createIndex('shelf', 'shelf');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        database = null;
        reject(request.error);
      };
    }));
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const store = async (mode: IDBTransactionMode) =>
    (await open()).transaction(STORE, mode).objectStore(STORE);
  /** Visits every cursor position of `request`, synchronously within its transaction. */
  const each = <C extends IDBCursor>(request: IDBRequest<C | null>, visit: (cursor: C) => void) =>
    new Promise<void>((resolve, reject) => {
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        visit(cursor);
        cursor.continue();
      };
      request.onerror = () => reject(request.error);
    });

  return {
    async open(shelf) {
      return {
        async match(key) {
          const entry = (await done((await store('readonly')).get([shelf, key]))) as
            StoredEntry | undefined;
          return entry ? new Response(entry.body, { headers: entry.headers }) : undefined;
        },
        async put(key, response) {
          // Read the body first: a transaction closes at the first await that is not its own.
          const body = await response.arrayBuffer();
          const entry: StoredEntry = { shelf, key, body, headers: [...response.headers] };
          await done((await store('readwrite')).put(entry));
        },
        async delete(key) {
          await done((await store('readwrite')).delete([shelf, key]));
          return true;
        },
      };
    },
    async delete(shelf) {
      let found = false;
      const index = (await store('readwrite')).index('shelf');
      await each(index.openCursor(IDBKeyRange.only(shelf)), (cursor) => {
        found = true;
        cursor.delete();
      });
      return found;
    },
    async keys() {
      const names: string[] = [];
      const index = (await store('readonly')).index('shelf');
      await each(index.openKeyCursor(null, 'nextunique'), (cursor) =>
        names.push(String(cursor.key)),
      );
      return names;
    },
  };
}

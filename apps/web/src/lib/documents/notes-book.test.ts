import type { NoteView } from '@hopxa/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotesBook, type NotesWords } from './notes-book.ts';
import { paperShelf, type PaperShelf } from './offline-papers.ts';
import { MemoryCaches } from './test-doubles.ts';

const DOCUMENT_ID = '22222222-2222-4222-8222-222222222222';
const NOTES_PATH = `/api/documents/${DOCUMENT_ID}/notes`;

const words: NotesWords = {
  offline: 'Không kết nối được máy chủ.',
  unexpected: 'Có lỗi không mong đợi.',
  notSentOffline: 'Chưa lưu được vì máy đang mất kết nối. Chữ bạn đã gõ vẫn còn nguyên.',
  empty: 'Hãy viết nội dung ghi chú.',
};

/**
 * The notes API as the server answers it, in memory, behind `fetch`: the one thing stubbed.
 * `down` makes every request fail as a dropped network does; `refuse` answers with an error.
 */
function notesServer() {
  const notes = new Map<string, NoteView>();
  let clock = 0;
  const at = () => new Date(Date.UTC(2026, 10, 30, 2, 0, clock++)).toISOString();
  const server = {
    notes,
    down: false,
    refuse: null as null | { status: number; body: unknown },
    requests: [] as string[],
    add(page: number, text: string, createdAt = at()): NoteView {
      const note = {
        id: `n${notes.size + 1}`,
        page,
        text,
        highlight: null,
        createdAt,
        updatedAt: createdAt,
      };
      notes.set(note.id, note);
      return note;
    },
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const path = String(input);
      const method = init.method ?? 'GET';
      server.requests.push(`${method} ${path}`);
      if (server.down) throw new TypeError('Failed to fetch');
      if (server.refuse) return Response.json(server.refuse.body, { status: server.refuse.status });
      const body = init.body ? JSON.parse(String(init.body)) : null;
      if (path === NOTES_PATH && method === 'GET')
        return Response.json({ notes: [...notes.values()] });
      if (path === NOTES_PATH && method === 'POST') {
        const note = server.add(body.page, body.text);
        const stored = { ...note, highlight: body.highlight ?? null };
        notes.set(note.id, stored);
        return Response.json(stored, { status: 201 });
      }
      const id = path.startsWith(`${NOTES_PATH}/`) ? path.slice(NOTES_PATH.length + 1) : '';
      const note = notes.get(id);
      if (!note)
        return Response.json(
          { code: 'not_found', message: 'Không có ghi chú này.' },
          { status: 404 },
        );
      if (method === 'PATCH') {
        const changed = { ...note, ...body, updatedAt: at() };
        notes.set(id, changed);
        return Response.json(changed);
      }
      if (method === 'DELETE') {
        notes.delete(id);
        return new Response(null, { status: 204 });
      }
      return new Response(null, { status: 405 });
    },
  };
  return server;
}

/** sessionStorage, as the browser's, in memory. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('a member’s notes on a paper', () => {
  let server: ReturnType<typeof notesServer>;
  let shelf: PaperShelf;
  let drafts: ReturnType<typeof memoryStorage>;
  const book = (accountId = 'acc-1') =>
    new NotesBook({ accountId, documentId: DOCUMENT_ID, words: () => words, shelf, drafts });

  beforeEach(() => {
    server = notesServer();
    shelf = paperShelf('acc-1', 'meeting-1', new MemoryCaches());
    drafts = memoryStorage();
    vi.stubGlobal('fetch', server.fetch);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('load from the server by page, and are kept on the tablet for later', async () => {
    server.add(3, 'Trang ba');
    server.add(1, 'Trang một');
    const notes = book();
    const seen: string[] = [];
    const watched = new NotesBook({
      accountId: 'acc-1',
      documentId: DOCUMENT_ID,
      words: () => words,
      onChange: (snapshot) => seen.push(snapshot.status),
    });
    await notes.load();
    await watched.load();
    expect(seen).toEqual(['loading', 'ready']);
    expect(notes.snapshot.status).toBe('ready');
    expect(notes.snapshot.notes.map((note) => note.text)).toEqual(['Trang một', 'Trang ba']);
    expect(notes.pagesWithNotes).toEqual([1, 3]);
    expect(notes.notesOn(3).map((note) => note.text)).toEqual(['Trang ba']);
    expect((await shelf.readNotes(DOCUMENT_ID))?.length).toBe(2);
  });

  it('off the network, show the copy kept on the tablet', async () => {
    server.add(2, 'Đã ghi khi còn mạng');
    await book().load();
    server.down = true;
    const offline = book();
    await offline.load();
    expect(offline.snapshot.status).toBe('saved-copy');
    expect(offline.snapshot.notes.map((note) => note.text)).toEqual(['Đã ghi khi còn mạng']);
  });

  it('off the network with nothing kept, say so in words', async () => {
    server.down = true;
    const notes = book();
    await notes.load();
    expect(notes.snapshot).toMatchObject({ status: 'failed', loadError: words.offline, notes: [] });
  });

  it('refused by the server, are not replaced by the kept copy', async () => {
    server.add(1, 'Riêng tư');
    await book().load();
    server.refuse = {
      status: 403,
      body: { code: 'forbidden', message: 'Bạn không còn quyền xem tài liệu này.' },
    };
    const notes = book();
    await notes.load();
    expect(notes.snapshot.status).toBe('failed');
    expect(notes.snapshot.loadError).toBe('Bạn không còn quyền xem tài liệu này.');
    expect(notes.snapshot.notes).toEqual([]);
  });

  it('take a new note with its marked area, and drop its draft', async () => {
    const notes = book();
    await notes.load();
    notes.keepDraft('new:2', 'Cần làm rõ số liệu');
    const area = { x: 0.1, y: 0.4, width: 0.6, height: 0.02 };
    const outcome = await notes.add(2, 'Cần làm rõ số liệu', area);
    expect(outcome.ok).toBe(true);
    expect(notes.notesOn(2)).toMatchObject([{ text: 'Cần làm rõ số liệu', highlight: area }]);
    expect(notes.draft('new:2')).toBe('');
    expect(await shelf.readNotes(DOCUMENT_ID)).toEqual(notes.snapshot.notes);
  });

  it('not sent for want of a network, keep the text typed and say what happened', async () => {
    const notes = book();
    await notes.load();
    notes.keepDraft('new:1', 'Ý kiến về dự toán');
    server.down = true;
    const outcome = await notes.add(1, 'Ý kiến về dự toán', null);
    expect(outcome).toEqual({ ok: false, error: words.notSentOffline, offline: true });
    expect(notes.snapshot.notes).toEqual([]);
    // The draft is still there for the form, after a reload of the page too.
    expect(notes.draft('new:1')).toBe('Ý kiến về dự toán');
    expect(book().draft('new:1')).toBe('Ý kiến về dự toán');
    // ...but not for another account on the same tab.
    expect(book('acc-2').draft('new:1')).toBe('');

    server.down = false;
    expect((await notes.add(1, notes.draft('new:1'), null)).ok).toBe(true);
    expect(notes.draft('new:1')).toBe('');
  });

  it('with no words is refused at once, without asking the server', async () => {
    const notes = book();
    await notes.load();
    server.requests.length = 0;
    expect(await notes.add(1, '   \n ', null)).toEqual({
      ok: false,
      error: words.empty,
      offline: false,
    });
    expect(await notes.change('n1', { text: '' })).toMatchObject({ ok: false, error: words.empty });
    expect(server.requests).toEqual([]);
  });

  it('refused by the server, carry the server’s sentence and the field’s problem', async () => {
    const notes = book();
    await notes.load();
    server.refuse = {
      status: 400,
      body: {
        code: 'invalid_input',
        message: 'Ghi chú chưa hợp lệ.',
        issues: [{ path: 'page', message: 'Tài liệu không có trang 9.' }],
      },
    };
    expect(await notes.add(9, 'Trang không có', null)).toEqual({
      ok: false,
      error: 'Ghi chú chưa hợp lệ. Tài liệu không có trang 9.',
      offline: false,
    });
  });

  it('change and delete, a note deleted elsewhere counting as deleted', async () => {
    const first = server.add(1, 'Bản đầu');
    const second = server.add(1, 'Bản hai');
    const notes = book();
    await notes.load();

    notes.keepDraft(`edit:${first.id}`, 'Bản đã sửa');
    const changed = await notes.change(first.id, { text: 'Bản đã sửa' });
    expect(changed.ok).toBe(true);
    expect(notes.notesOn(1).map((note) => note.text)).toEqual(['Bản đã sửa', 'Bản hai']);
    expect(notes.draft(`edit:${first.id}`)).toBe('');

    expect((await notes.change(first.id, { highlight: null })).ok).toBe(true);

    expect((await notes.remove(first.id)).ok).toBe(true);
    server.notes.delete(second.id); // deleted on the member's laptop meanwhile
    expect((await notes.remove(second.id)).ok).toBe(true);
    expect(notes.snapshot.notes).toEqual([]);
    expect(await shelf.readNotes(DOCUMENT_ID)).toEqual([]);
  });

  it('read again from the server once a change goes through after the network came back', async () => {
    server.add(1, 'Cũ');
    await book().load();
    server.down = true;
    const notes = book();
    await notes.load();
    expect(notes.snapshot.status).toBe('saved-copy');
    server.down = false;
    server.add(4, 'Ghi trên máy khác trong lúc mất mạng');
    expect((await notes.add(2, 'Mới', null)).ok).toBe(true);
    expect(notes.snapshot.status).toBe('ready');
    expect(notes.pagesWithNotes).toEqual([1, 2, 4]);
  });
});

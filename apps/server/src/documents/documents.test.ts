import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { AccessActor, DocumentAudience } from '@hopxa/domain';
import type { DocumentView, NoteView } from '@hopxa/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { startApi, type ApiResponse } from '../test/api-harness.ts';
import { buildWorld, type World } from '../test/fixtures.ts';
import { pdfFixture, zipFixture } from './pdf-fixtures.ts';
import { describeEachStorage } from './storage/testing.ts';

type Api = Awaited<ReturnType<typeof startApi>>;

describeEachStorage("a sitting's papers over HTTP", (under) => {
  describeEachDatabase('', (database) => {
    let api: Api;
    let world: World;
    const db = () => database.handle().db;
    beforeAll(async () => {
      api = await startApi(database.handle().db, undefined, 1, {
        storage: under.storage,
        sizeLimitBytes: 200_000,
      });
      world = await buildWorld(db(), api.now());
    });
    afterAll(() => api.close());

    const headers = (actor: AccessActor, extra: Record<string, string> = {}) => ({
      origin: api.base,
      ...(world.tokens[actor] && { cookie: `${SESSION_COOKIE}=${world.tokens[actor]}` }),
      ...extra,
    });

    /** Files a paper as `actor`, the file as the body, as the setup page sends it. */
    async function upload(
      file: Uint8Array,
      description: Partial<
        Record<'title' | 'kind' | 'audience' | 'fileName' | 'agendaItemId', string>
      > = {},
      actor: AccessActor = 'secretariat',
    ): Promise<ApiResponse> {
      const query = new URLSearchParams({
        title: 'Dự thảo Nghị quyết về kế hoạch năm 2027',
        kind: 'draft_resolution',
        audience: 'members',
        fileName: 'Dự thảo NQ.pdf',
        agendaItemId: world.agendaItemId,
        ...description,
      });
      const response = await fetch(
        `${api.base}/api/meetings/${world.meetingId}/documents?${query}`,
        {
          method: 'POST',
          headers: headers(actor, { 'content-type': 'application/pdf' }),
          // A copy on an ArrayBuffer of its own, as fetch's types want.
          body: new Uint8Array(file),
        },
      );
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : null,
        setCookie: [],
      };
    }
    const file = (id: string, actor: AccessActor, extra: Record<string, string> = {}) =>
      fetch(`${api.base}/api/documents/${id}/file`, { headers: headers(actor, extra) });
    const listed = async (actor: AccessActor) =>
      (
        (
          await api.request('GET', `/api/meetings/${world.meetingId}/documents`, {
            token: world.tokens[actor],
          })
        ).body as { documents: DocumentView[] }
      ).documents.map((document) => document.id);
    const filed = async (audience: DocumentAudience) => {
      const answer = await upload(pdfFixture({ pages: 3, text: `Audience ${audience}` }), {
        audience,
        title: `Tài liệu cho ${audience}`,
      });
      expect(answer.status).toBe(201);
      return answer.body as DocumentView;
    };

    it('files a PDF streamed as the body, lists it in agenda order and serves it whole', async () => {
      const bytes = pdfFixture({ pages: 3 });
      const answer = await upload(bytes);
      expect(answer.status).toBe(201);
      const document = answer.body as DocumentView;
      expect(document).toMatchObject({
        pageCount: 3,
        byteSize: bytes.length,
        kind: 'draft_resolution',
        agendaItemId: world.agendaItemId,
        fileName: 'Dự thảo NQ.pdf',
      });
      expect(await listed('delegate')).toContain(document.id);
      const whole = await file(document.id, 'delegate');
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('application/pdf');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.headers.get('etag')).toBe(`"${document.sha256}"`);
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('D2 serves byte ranges (206), a range past the end as 416, and a known version as 304', async () => {
      const bytes = pdfFixture({ pages: 2, text: 'Ranges' });
      const document = (await upload(bytes, { title: 'Báo cáo', kind: 'report' }))
        .body as DocumentView;
      const middle = await file(document.id, 'delegate', { range: 'bytes=10-99' });
      expect(middle.status).toBe(206);
      expect(middle.headers.get('content-range')).toBe(`bytes 10-99/${bytes.length}`);
      expect(Buffer.from(await middle.arrayBuffer()).equals(bytes.subarray(10, 100))).toBe(true);
      const tail = await file(document.id, 'delegate', { range: 'bytes=-20' });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 20))).toBe(
        true,
      );
      const past = await file(document.id, 'delegate', { range: `bytes=${bytes.length + 5}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
      // An If-Range naming another version gets the whole file, never a piece of this one.
      const stale = await file(document.id, 'delegate', {
        range: 'bytes=0-9',
        'if-range': '"other"',
      });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();
      const known = await file(document.id, 'delegate', {
        'if-none-match': `"${document.sha256}"`,
      });
      expect(known.status).toBe(304);
    });

    it('goes on serving when a reader leaves in the middle of a long paper', async () => {
      const bytes = pdfFixture({ pages: 4, padding: 800_000 });
      const large = await startApi(database.handle().db, api.now(), 1, {
        storage: under.storage,
        sizeLimitBytes: 10_000_000,
      });
      try {
        const query = new URLSearchParams({
          title: 'Báo cáo dài',
          kind: 'report',
          audience: 'members',
          fileName: 'Báo cáo dài.pdf',
        });
        const cookie = `${SESSION_COOKIE}=${world.tokens.secretariat}`;
        const filed = await fetch(
          `${large.base}/api/meetings/${world.meetingId}/documents?${query}`,
          {
            method: 'POST',
            headers: { cookie, origin: large.base, 'content-type': 'application/pdf' },
            body: new Uint8Array(bytes),
          },
        );
        const document = (await filed.json()) as DocumentView;
        const leaving = new AbortController();
        const started = await fetch(`${large.base}/api/documents/${document.id}/file`, {
          headers: { cookie },
          signal: leaving.signal,
        });
        const reader = started.body?.getReader();
        await reader?.read();
        leaving.abort();
        await reader?.cancel().catch(() => {});
        const again = await fetch(`${large.base}/api/documents/${document.id}/file`, {
          headers: { cookie },
        });
        expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
      } finally {
        await large.close();
      }
    });

    it('D1 each audience reads its papers and nobody else: not another body, another province, a signed-out tablet', async () => {
      const members = await filed('members');
      const guests = await filed('guests');
      const open = await filed('public');
      const readers: Record<DocumentAudience, readonly AccessActor[]> = {
        members: [
          'secretariat',
          'delegate',
          'delegateWithoutVote',
          'presidingOfficer',
          'secretary',
          'systemAdmin',
        ],
        guests: ['guest'],
        public: ['follower', 'provinceAdmin'],
      };
      const mayRead = (actor: AccessActor, audience: DocumentAudience) =>
        readers.members.includes(actor) ||
        (audience !== 'members' && actor === 'guest') ||
        (audience === 'public' && readers.public.includes(actor));
      const papers = { members, guests, public: open };
      for (const actor of Object.keys(world.tokens) as AccessActor[]) {
        const list = actor === 'nobody' ? [] : await listed(actor).catch(() => []);
        for (const audience of ['members', 'guests', 'public'] as const) {
          const response = await file(papers[audience].id, actor);
          await response.arrayBuffer();
          const allowed = mayRead(actor, audience);
          expect(response.status, `${actor} reading a paper for ${audience}`).toBe(
            allowed ? 200 : actor === 'nobody' ? 401 : 403,
          );
          if (actor !== 'nobody' && response.status !== 403)
            expect(list.includes(papers[audience].id), `${actor} listing`).toBe(allowed);
        }
      }
      // Nor do its notes open to someone who may not read it.
      const notes = await api.request('GET', `/api/documents/${members.id}/notes`, {
        token: world.tokens.follower,
      });
      expect(notes.status).toBe(403);
    });

    it('D2 refuses a file that is no readable, unencrypted PDF within the limit, each with its message, and keeps nothing', async () => {
      const keptBefore = under.keptFiles().length;
      const rowsBefore = (await db().select().from(schema.documents)).length;
      const refusals: [string, Uint8Array, Record<string, string>, number, string, RegExp][] = [
        ['a Word file renamed', zipFixture(), {}, 415, 'document_not_pdf', /không phải PDF/],
        [
          'an encrypted PDF',
          pdfFixture({ encryption: { userPassword: '' } }),
          {},
          422,
          'document_pdf_encrypted',
          /mật khẩu hoặc bị mã hóa/,
        ],
        [
          'a truncated PDF',
          pdfFixture({ pages: 3 }).subarray(0, 300),
          {},
          422,
          'document_pdf_malformed',
          /bị hỏng/,
        ],
        [
          'a file over the limit',
          Buffer.concat([pdfFixture(), Buffer.alloc(250_000, 32)]),
          {},
          413,
          'document_too_large',
          /quá lớn/,
        ],
        ['an empty file', new Uint8Array(), {}, 400, 'document_empty_file', /rỗng/],
        [
          'a name with a path',
          pdfFixture(),
          { fileName: '../../etc/tờ trình.pdf' },
          400,
          'document_bad_file_name',
          /Tên tệp không hợp lệ/,
        ],
        [
          'a name that reads backwards',
          pdfFixture(),
          { fileName: 'tờ trình\u202Efdp.exe' },
          400,
          'document_bad_file_name',
          /Tên tệp không hợp lệ/,
        ],
      ];
      for (const [what, bytes, description, status, code, message] of refusals) {
        const answer = await upload(bytes, description);
        expect(answer.status, what).toBe(status);
        expect(answer.body, what).toMatchObject({ code, message: expect.stringMatching(message) });
      }
      expect(under.keptFiles()).toHaveLength(keptBefore);
      expect(await db().select().from(schema.documents)).toHaveLength(rowsBefore);
    });

    it('refuses bad descriptions and papers from anyone but the secretariat', async () => {
      for (const description of [
        { kind: 'minutes' },
        { audience: 'everyone' },
        { title: '' },
        { agendaItemId: 'not-an-id' },
      ]) {
        const answer = await upload(pdfFixture(), description);
        expect(answer.status, JSON.stringify(description)).toBe(400);
        expect((answer.body as { code: string }).code).toBe('invalid_input');
      }
      const elsewhere = await upload(pdfFixture(), { agendaItemId: crypto.randomUUID() });
      expect(elsewhere.status).toBe(422);
      for (const actor of ['delegate', 'presidingOfficer', 'otherSecretariat', 'follower'] as const)
        expect((await upload(pdfFixture(), {}, actor)).status, actor).toBe(403);
      expect((await upload(pdfFixture(), {}, 'nobody')).status).toBe(401);
    });

    it('D3 keeps each reader’s notes to that reader: never listed, changed or deleted by another', async () => {
      const document = await filed('members');
      const notesPath = `/api/documents/${document.id}/notes`;
      const added = await api.request('POST', notesPath, {
        token: world.tokens.delegate,
        body: {
          page: 2,
          text: 'Đề nghị sửa Điều 2.\nXem lại số liệu.',
          highlight: { x: 0.1, y: 0.2, width: 0.5, height: 0.1 },
        },
      });
      expect(added.status).toBe(201);
      const note = added.body as NoteView;
      expect(note).toMatchObject({ page: 2, text: 'Đề nghị sửa Điều 2.\nXem lại số liệu.' });
      const mine = await api.request('GET', notesPath, { token: world.tokens.delegate });
      expect((mine.body as { notes: NoteView[] }).notes.map((each) => each.id)).toEqual([note.id]);
      for (const other of ['presidingOfficer', 'secretariat', 'systemAdmin'] as const) {
        const theirs = await api.request('GET', notesPath, { token: world.tokens[other] });
        expect(theirs.status).toBe(200);
        expect(JSON.stringify(theirs.body)).not.toContain('Điều 2');
        const change = await api.request('PATCH', `${notesPath}/${note.id}`, {
          token: world.tokens[other],
          body: { text: 'Sửa trộm' },
        });
        expect(change.status, other).toBe(404);
        const removal = await api.request('DELETE', `${notesPath}/${note.id}`, {
          token: world.tokens[other],
        });
        expect(removal.status, other).toBe(404);
      }
      const changed = await api.request('PATCH', `${notesPath}/${note.id}`, {
        token: world.tokens.delegate,
        body: { text: 'Đề nghị sửa Điều 3.' },
      });
      expect(changed.body).toMatchObject({ text: 'Đề nghị sửa Điều 3.' });
      expect(
        (
          await api.request('POST', notesPath, {
            token: world.tokens.delegate,
            body: { page: 4, text: 'Trang không có' },
          })
        ).body,
      ).toMatchObject({ code: 'unknown_page' });
      for (const bad of [
        {},
        { page: 0, text: 'x' },
        { page: 1, text: '' },
        { page: 1, text: 'x', highlight: { x: 2, y: 0, width: 1, height: 1 } },
        { page: 1, text: 'x'.repeat(4001) },
      ]) {
        const refused = await api.request('POST', notesPath, {
          token: world.tokens.delegate,
          body: bad,
        });
        expect(refused.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      }
      const deleted = await api.request('DELETE', `${notesPath}/${note.id}`, {
        token: world.tokens.delegate,
      });
      expect(deleted.status).toBe(204);
    });

    it('records who opened which paper in the audit log, once per reading', async () => {
      const document = await filed('members');
      const openings = async () =>
        (
          await db()
            .select()
            .from(schema.auditEvents)
            .where(eq(schema.auditEvents.targetId, document.id))
        ).filter((event) => event.action === 'document.open');
      await (await file(document.id, 'delegate')).arrayBuffer();
      await (await file(document.id, 'delegate', { range: 'bytes=100-200' })).arrayBuffer();
      await (await file(document.id, 'delegate')).arrayBuffer();
      const [opening, ...more] = await openings();
      expect(more).toHaveLength(0);
      expect(opening).toMatchObject({
        organisationId: world.communeId,
        detail: { meetingId: world.meetingId },
      });
      // The next reading, after a pause, is another opening.
      api.advance(11 * 60 * 1000);
      await (
        await fetch(`${api.base}/api/documents/${document.id}/file`, {
          method: 'HEAD',
          headers: headers('delegate'),
        })
      ).arrayBuffer();
      expect(await openings()).toHaveLength(2);
      const audit = await api.request('GET', `/api/organisations/${world.communeId}/audit`, {
        token: world.tokens.secretariat,
      });
      expect(JSON.stringify(audit.body)).toContain('document.open');
    });

    it('withdraws a paper: no longer listed or served, its file kept for the record', async () => {
      const document = await filed('public');
      const refused = await api.request('POST', `/api/documents/${document.id}/withdraw`, {
        token: world.tokens.delegate,
      });
      expect(refused.status).toBe(403);
      const withdrawn = await api.request('POST', `/api/documents/${document.id}/withdraw`, {
        token: world.tokens.secretariat,
      });
      expect(withdrawn.status).toBe(204);
      expect(await listed('follower')).not.toContain(document.id);
      expect((await file(document.id, 'secretariat')).status).toBe(404);
      expect(await under.storage.size(document.sha256)).toBe(document.byteSize);
    });
  });
});

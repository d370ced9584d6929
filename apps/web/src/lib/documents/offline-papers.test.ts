import type { NoteView } from '@hopxa/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  forgetAccountPapers,
  forgetMeetingPapers,
  forgetPapersExcept,
  paperShelf,
  parseShelfName,
  shelfName,
} from './offline-papers.ts';
import { MemoryCaches, paperFor } from './test-doubles.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const note: NoteView = {
  id: 'note-1',
  page: 2,
  text: 'Hỏi lại khoản chi sửa đường thôn Đồng Tâm',
  highlight: { x: 0.1, y: 0.2, width: 0.5, height: 0.05 },
  createdAt: '2026-11-30T02:00:00.000Z',
  updatedAt: '2026-11-30T02:00:00.000Z',
};

describe('the shelf a paper is kept on', () => {
  it('is named per account and meeting, and read back from its name', () => {
    expect(shelfName('acc-1', 'meet-9')).toBe('hopxa-papers/v1/acc-1/meet-9');
    expect(parseShelfName(shelfName('a/b c', 'm%1'))).toEqual({
      accountId: 'a/b c',
      meetingId: 'm%1',
    });
    expect(parseShelfName('workbox-precache-v2')).toBeNull();
    expect(parseShelfName('hopxa-papers/v1/only-one-part')).toBeNull();
  });
});

describe('a paper kept for reading offline', () => {
  let caches: MemoryCaches;
  beforeEach(() => {
    caches = new MemoryCaches();
  });

  it('reads back byte for byte once kept', async () => {
    const paper = await paperFor(PDF);
    const shelf = paperShelf('acc-1', 'meeting-1', caches);
    expect(await shelf.readFile(paper)).toBeNull();
    expect(await shelf.hasFile(paper)).toBe(false);

    expect(await shelf.keepFile(paper, PDF)).toBe(true);
    expect(await shelf.hasFile(paper)).toBe(true);
    expect(await shelf.readFile(paper)).toEqual(PDF);
    // Under the file's own path, so one paper is one entry however often it is kept.
    expect([...(caches.caches.get(shelfName('acc-1', 'meeting-1'))?.keys() ?? [])]).toEqual([
      `/api/documents/${paper.id}/file`,
    ]);
  });

  it('is not kept when the bytes are not the paper the server described', async () => {
    const paper = await paperFor(PDF);
    const shelf = paperShelf('acc-1', 'meeting-1', caches);
    const changed = PDF.slice();
    changed[10] = 0x21;
    expect(await shelf.keepFile(paper, changed)).toBe(false);
    expect(await shelf.keepFile(paper, PDF.slice(0, 20))).toBe(false);
    expect(await shelf.readFile(paper)).toBeNull();
  });

  it('is not handed out for another version of the paper', async () => {
    const paper = await paperFor(PDF);
    const shelf = paperShelf('acc-1', 'meeting-1', caches);
    await shelf.keepFile(paper, PDF);
    expect(await shelf.readFile({ ...paper, sha256: 'f'.repeat(64) })).toBeNull();
  });

  it('is one account’s own: another account on the same browser does not get it', async () => {
    const paper = await paperFor(PDF);
    await paperShelf('acc-1', 'meeting-1', caches).keepFile(paper, PDF);
    expect(await paperShelf('acc-2', 'meeting-1', caches).readFile(paper)).toBeNull();
    await paperShelf('acc-1', 'meeting-1', caches).keepNotes(paper.id, [note]);
    expect(await paperShelf('acc-2', 'meeting-1', caches).readNotes(paper.id)).toBeNull();
  });

  it('keeps the member’s notes and the meeting’s list of papers as last seen', async () => {
    const paper = await paperFor(PDF);
    const shelf = paperShelf('acc-1', 'meeting-1', caches);
    expect(await shelf.readNotes(paper.id)).toBeNull();
    await shelf.keepNotes(paper.id, [note]);
    expect(await shelf.readNotes(paper.id)).toEqual([note]);
    await shelf.keepDocuments([paper]);
    expect(await shelf.readDocuments()).toEqual([paper]);
  });

  it('fails quietly when the browser keeps nothing: no storage, or a full disk', async () => {
    const paper = await paperFor(PDF);
    const nowhere = paperShelf('acc-1', 'meeting-1', null);
    expect(nowhere.available).toBe(false);
    expect(await nowhere.keepFile(paper, PDF)).toBe(false);
    expect(await nowhere.readFile(paper)).toBeNull();
    await nowhere.keepNotes(paper.id, [note]);
    expect(await nowhere.readNotes(paper.id)).toBeNull();

    caches.full = true;
    const full = paperShelf('acc-1', 'meeting-1', caches);
    expect(await full.keepFile(paper, PDF)).toBe(false);
    await expect(full.keepNotes(paper.id, [note])).resolves.toBeUndefined();
  });
});

describe('removing what was kept', () => {
  async function keptEverywhere(caches: MemoryCaches) {
    const paper = await paperFor(PDF);
    for (const [account, meeting] of [
      ['acc-1', 'meeting-1'],
      ['acc-2', 'meeting-1'],
      ['acc-1', 'meeting-2'],
    ] as const)
      await paperShelf(account, meeting, caches).keepFile(paper, PDF);
    await caches.open('someone-elses-cache');
    return paper;
  }

  it('removes a closed meeting’s papers, whoever kept them, and nothing else', async () => {
    const caches = new MemoryCaches();
    const paper = await keptEverywhere(caches);
    await forgetMeetingPapers('meeting-1', caches);
    expect(await caches.keys()).toEqual([shelfName('acc-1', 'meeting-2'), 'someone-elses-cache']);
    expect(await paperShelf('acc-1', 'meeting-2', caches).readFile(paper)).toEqual(PDF);
  });

  it('removes what an account kept, for a tablet signed out', async () => {
    const caches = new MemoryCaches();
    await keptEverywhere(caches);
    await forgetAccountPapers('acc-1', caches);
    expect(await caches.keys()).toEqual([shelfName('acc-2', 'meeting-1'), 'someone-elses-cache']);
  });

  it('keeps only the meetings still to come', async () => {
    const caches = new MemoryCaches();
    await keptEverywhere(caches);
    await forgetPapersExcept(['meeting-2'], caches);
    expect(await caches.keys()).toEqual([shelfName('acc-1', 'meeting-2'), 'someone-elses-cache']);
    await expect(forgetPapersExcept([], null)).resolves.toBeUndefined();
  });
});

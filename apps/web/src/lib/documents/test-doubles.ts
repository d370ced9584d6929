import type { DocumentView } from '@hopxa/protocol';
import type { ShelfCache, ShelfStorage } from './offline-papers.ts';

/**
 * Stand-ins for what only a browser has, for the tests of the documents folder: the Cache
 * API kept in memory (real `Response` objects in and out, as the browser's), and a paper.
 */

/** The Cache API in memory: each put stores the body's bytes and headers, each match a new Response. */
export class MemoryCaches implements ShelfStorage {
  readonly caches = new Map<
    string,
    Map<string, { body: ArrayBuffer; headers: [string, string][] }>
  >();
  /** Makes every put fail, as a full disk does. */
  full = false;

  async open(name: string): Promise<ShelfCache> {
    let entries = this.caches.get(name);
    if (!entries) this.caches.set(name, (entries = new Map()));
    const cache = entries;
    return {
      match: async (key) => {
        const entry = cache.get(key);
        return entry ? new Response(entry.body.slice(0), { headers: entry.headers }) : undefined;
      },
      put: async (key, response) => {
        if (this.full) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        cache.set(key, { body: await response.arrayBuffer(), headers: [...response.headers] });
      },
      delete: async (key) => cache.delete(key),
    };
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
}

export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A paper described as the server lists it, for `bytes`. */
export async function paperFor(
  bytes: Uint8Array,
  change: Partial<DocumentView> = {},
): Promise<DocumentView> {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    meetingId: 'meeting-1',
    agendaItemId: null,
    title: 'Tờ trình về dự toán ngân sách xã năm 2027',
    kind: 'submission',
    audience: 'members',
    fileName: 'to-trinh.pdf',
    byteSize: bytes.byteLength,
    pageCount: 3,
    sha256: await sha256Of(bytes),
    uploadedAt: '2026-11-30T01:00:00.000Z',
    ...change,
  };
}

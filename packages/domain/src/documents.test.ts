import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_AUDIENCES,
  DOCUMENT_KINDS,
  DOCUMENT_KIND_NAMES,
  DOCUMENT_REFUSAL_MESSAGES,
  DOCUMENT_REFUSALS,
  documentReadAction,
  isValidDocumentFileName,
  startsLikePdf,
} from './documents.ts';
import { ACCESS_MATRIX } from './access-matrix.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('papers of a sitting', () => {
  it('D1: each audience is read by everyone the narrower one is, and more', () => {
    const readers = DOCUMENT_AUDIENCES.map(
      (audience) => ACCESS_MATRIX[documentReadAction(audience)],
    );
    for (let index = 1; index < readers.length; index += 1) {
      const narrower = readers[index - 1] ?? [];
      const wider = readers[index] ?? [];
      for (const reader of narrower) expect(wider).toContain(reader);
      expect(wider.length).toBeGreaterThan(narrower.length);
    }
    expect(ACCESS_MATRIX[documentReadAction('members')]).not.toContain('guest');
    expect(ACCESS_MATRIX[documentReadAction('guests')]).toContain('guest');
    expect(ACCESS_MATRIX[documentReadAction('guests')]).not.toContain('follower');
    expect(ACCESS_MATRIX[documentReadAction('public')]).toContain('follower');
    for (const audience of DOCUMENT_AUDIENCES) {
      const allowed = ACCESS_MATRIX[documentReadAction(audience)];
      for (const stranger of [
        'nobody',
        'otherSecretariat',
        'otherBodyDelegate',
        'otherProvinceFollower',
        'hallDisplay',
      ] as const)
        expect(allowed).not.toContain(stranger);
    }
  });

  it('D2: a paper is known by its content: "%PDF-" within the first 1024 bytes', () => {
    expect(startsLikePdf(bytes('%PDF-1.7\n%âãÏÓ'))).toBe(true);
    expect(startsLikePdf(bytes(`${' '.repeat(100)}%PDF-1.4`))).toBe(true);
    expect(startsLikePdf(bytes(`${' '.repeat(1020)}%PDF-1.4`))).toBe(false);
    // A Word file renamed .pdf: a ZIP.
    expect(startsLikePdf(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBe(false);
    expect(startsLikePdf(bytes('%PDF'))).toBe(false);
    expect(startsLikePdf(new Uint8Array())).toBe(false);
  });

  it('D3: a file name carries no path and no control character', () => {
    for (const good of [
      'Tờ trình số 01.pdf',
      'Dự thảo NQ (lần 2).pdf',
      'a',
      '..pdf',
      'x'.repeat(200),
    ])
      expect(isValidDocumentFileName(good), good).toBe(true);
    for (const bad of [
      '',
      ' ',
      '../etc/passwd',
      'thư mục/tờ trình.pdf',
      'C:\\tờ trình.pdf',
      '..',
      '.',
      'tờ trình\u0000.pdf',
      'dòng\nmới.pdf',
      'nửa\uD800ký tự.pdf',
      'tờ trình\u202Efdp.exe',
      ' khoảng trắng đầu.pdf',
      'x'.repeat(201),
    ])
      expect(isValidDocumentFileName(bad), JSON.stringify(bad)).toBe(false);
  });

  it('names every kind and every refusal in Vietnamese first and English', () => {
    for (const kind of DOCUMENT_KINDS) expect(DOCUMENT_KIND_NAMES[kind].vi).not.toBe('');
    for (const refusal of DOCUMENT_REFUSALS) {
      expect(DOCUMENT_REFUSAL_MESSAGES[refusal].vi).toMatch(/[ạ-ỹđ]/u);
      expect(DOCUMENT_REFUSAL_MESSAGES[refusal].en).not.toBe('');
    }
  });
});

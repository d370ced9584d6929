import { LAYOUTS, renderDocx, renderPdf, type Paper } from '@hopxa/papers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { documentRefusalOf } from './document-refusal.ts';
import { inspectPdf } from './pdf-inspection.ts';
import { PNG_FIXTURE, pdfFixture, zipFixture } from './pdf-fixtures.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-pdf-inspection-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let written = 0;
/** The bytes as an uploaded file (the name ends .pdf: the name is never what is checked). */
function uploaded(bytes: Uint8Array): string {
  written += 1;
  const file = path.join(folder, `upload-${written}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The refusal inspecting these bytes ends in, or 'taken' with the page count. */
async function verdict(bytes: Uint8Array): Promise<string> {
  try {
    const { pageCount } = await inspectPdf(uploaded(bytes));
    return `taken, ${pageCount} pages`;
  } catch (error) {
    const refusal = documentRefusalOf(error);
    if (refusal === undefined) throw error;
    return refusal;
  }
}

/** A one-paragraph paper in the official layout, as the server's own papers are made. */
const paper: Paper = {
  layout: Object.values(LAYOUTS)[0]!,
  issuer: { above: null, name: 'HỘI ĐỒNG NHÂN DÂN XÃ THỬ NGHIỆM' },
  number: 'Số: /TTr-HĐND',
  placeAndDate: 'Thử Nghiệm, ngày 15 tháng 12 năm 2026',
  title: 'TỜ TRÌNH',
  subject: 'Về dự toán ngân sách xã năm 2027',
  blocks: [{ kind: 'paragraph', runs: [{ text: 'Kính trình Hội đồng nhân dân xã xem xét.' }] }],
  signatures: [{ role: 'CHỦ TỊCH', name: 'Nguyễn Văn Thử' }],
  recipients: ['Như trên;', 'Lưu: VT.'],
  recordNote: '',
};

describe('checking an uploaded PDF', () => {
  it('takes a PDF and counts its pages', async () => {
    expect(await verdict(pdfFixture({ pages: 2 }))).toBe('taken, 2 pages');
    expect(await verdict(pdfFixture({ pages: 1 }))).toBe('taken, 1 pages');
  });

  it('takes a PDF as a real writer makes it (pdfmake: compressed streams, embedded fonts)', async () => {
    expect(await verdict(await renderPdf(paper))).toBe('taken, 1 pages');
  });

  it('takes a PDF with junk before its header, as some tools write it', async () => {
    expect(await verdict(pdfFixture({ junkBefore: 600 }))).toBe('taken, 2 pages');
  });

  it('refuses by content what is not a PDF, whatever its name', async () => {
    expect(await verdict(await renderDocx(paper))).toBe('not_pdf'); // a Word file renamed
    expect(await verdict(zipFixture())).toBe('not_pdf');
    expect(await verdict(PNG_FIXTURE)).toBe('not_pdf');
    expect(await verdict(Buffer.from('Tờ trình về dự toán ngân sách\n', 'utf8'))).toBe('not_pdf');
    // The header too far in: readers look within the first 1024 bytes only.
    expect(await verdict(pdfFixture({ junkBefore: 1100 }))).toBe('not_pdf');
  });

  it('refuses a PDF encrypted with an empty user password, which pdf.js opens silently', async () => {
    const bytes = pdfFixture({ encryption: { userPassword: '' }, title: 'Tờ trình mật' });
    // The fixture is really encrypted, and really opens: pdf.js decrypts its title.
    const task = getDocument({ data: new Uint8Array(bytes) });
    const pdf = await task.promise;
    expect((await pdf.getMetadata()).info).toMatchObject({ Title: 'Tờ trình mật' });
    expect(await pdf.getPermissions()).not.toBeNull();
    await task.destroy();
    expect(bytes.includes('Tờ trình mật')).toBe(false);
    expect(await verdict(bytes)).toBe('pdf_encrypted');
    const ownerOnly = pdfFixture({ encryption: { userPassword: '', ownerPassword: 'chủ' } });
    expect(await verdict(ownerOnly)).toBe('pdf_encrypted');
  });

  it('refuses a PDF that asks for a password, or whose encryption pdf.js cannot read', async () => {
    expect(await verdict(pdfFixture({ encryption: { userPassword: 'mật khẩu' } }))).toBe(
      'pdf_encrypted',
    );
    expect(
      await verdict(pdfFixture({ encryption: { userPassword: '', omitPermissions: true } })),
    ).toBe('pdf_encrypted');
    expect(await verdict(pdfFixture({ foreignEncryption: true }))).toBe('pdf_encrypted');
  });

  it('refuses a PDF cut short, anywhere', async () => {
    const whole = pdfFixture({ pages: 2 });
    for (const kept of [0.3, 0.6, 0.9, 0.99])
      expect(await verdict(whole.subarray(0, Math.floor(whole.length * kept)))).toBe(
        'pdf_malformed',
      );
    const real = await renderPdf(paper);
    expect(await verdict(real.subarray(0, real.length - 200))).toBe('pdf_malformed');
  });

  it('refuses a header followed by garbage, a PDF without pages, and a page that is not there', async () => {
    const garbage = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(4000, 0x5a),
      Buffer.from('\n%%EOF\n'),
    ]);
    expect(await verdict(garbage)).toBe('pdf_malformed');
    expect(await verdict(pdfFixture({ pages: 0 }))).toBe('pdf_malformed');
    expect(await verdict(pdfFixture({ pages: 2, missingPage: true }))).toBe('pdf_malformed');
  });

  it('does not mistake a page about encryption for an encrypted PDF', async () => {
    const bytes = pdfFixture({ text: 'The /Encrypt key (in the trailer) names the handler' });
    expect(bytes.includes('/Encrypt')).toBe(true);
    expect(await verdict(bytes)).toBe('taken, 2 pages');
  });
});

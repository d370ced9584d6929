import { startsLikePdf } from '@hopxa/domain';
import fs from 'node:fs/promises';
import { refuseDocument } from './document-refusal.ts';

/** What the checks learnt of a PDF that passed them. */
export type PdfInspection = { readonly pageCount: number };

/** How far from the start a reader looks for "%PDF-", and from the end for "%%EOF". */
const HEAD_WINDOW = 1024;
const TAIL_WINDOW = 1024;

/**
 * Checks that an uploaded file is a PDF every tablet can open, or refuses it with its own
 * message: `not_pdf` when its content does not start as a PDF whatever its name,
 * `pdf_encrypted` when it has any encryption (even one that opens without a password: its
 * writer meant to restrict it, and readers do not all open or honour it alike),
 * `pdf_malformed` when pdf.js cannot read it, a page of it, or it has none.
 *
 * The file is read into memory once (at most the upload limit, 50 MB by default) and
 * parsed on this thread: uploads are rare, a secretariat's few per sitting, and only the
 * pages' dictionaries are read, not their drawing.
 */
export async function inspectPdf(file: string): Promise<PdfInspection> {
  // The head first: a 50 MB video renamed .pdf is refused without reading it all.
  const handle = await fs.open(file);
  try {
    const head = new Uint8Array(HEAD_WINDOW);
    const { bytesRead } = await handle.read(head, 0, HEAD_WINDOW, 0);
    if (!startsLikePdf(head.subarray(0, bytesRead))) throw refuseDocument('not_pdf');
  } finally {
    await handle.close();
  }

  const bytes = await fs.readFile(file);
  // Before pdf.js, which takes the buffer over (it is moved to its worker side, detached).
  if (declaresEncryption(bytes)) throw refuseDocument('pdf_encrypted');
  if (!endsLikePdf(bytes)) throw refuseDocument('pdf_malformed');

  // pdf.js is loaded with the first upload, not with the server: most starts file nothing.
  const { getDocument, PasswordException, VerbosityLevel } =
    await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    // A damaged file is the uploader's problem and gets its answer, not lines in our log.
    verbosity: VerbosityLevel.ERRORS,
    // Nothing is drawn: no fonts to load, no canvas, no fetching.
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw error instanceof PasswordException
        ? refuseDocument('pdf_encrypted')
        : refuseDocument('pdf_malformed');
    });
    // Permissions are read from the /Encrypt dictionary: any at all means encryption.
    if ((await pdf.getPermissions()) !== null) throw refuseDocument('pdf_encrypted');
    if (pdf.numPages < 1) throw refuseDocument('pdf_malformed');
    // A page tree naming objects that are not there would show blank pages on a tablet.
    for (let number = 1; number <= pdf.numPages; number += 1) {
      await pdf.getPage(number).catch(() => {
        throw refuseDocument('pdf_malformed');
      });
    }
    return { pageCount: pdf.numPages };
  } finally {
    await task.destroy();
  }
}

const ENCRYPT_KEY = Buffer.from('/Encrypt', 'latin1');

/**
 * Whether a trailer names an /Encrypt dictionary (ISO 32000-1, 7.5.5): the key followed by
 * a dictionary or a reference to one. This catches what pdf.js cannot tell us itself: a
 * handler it does not have (certificate encryption), or a dictionary without permissions.
 * The trailer is never compressed, so the key is in the bytes as written.
 */
function declaresEncryption(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(ENCRYPT_KEY); at !== -1; at = bytes.indexOf(ENCRYPT_KEY, at + 1)) {
    const after = bytes.toString('latin1', at + ENCRYPT_KEY.length, at + ENCRYPT_KEY.length + 40);
    if (/^\s*(<<|\d+\s+\d+\s+R)/.test(after)) return true;
  }
  return false;
}

/**
 * Whether the file ends as every PDF writer ends it, with "%%EOF" near the end. A file cut
 * short (a dropped connection, a failing USB stick) loses its end first; pdf.js would rebuild
 * what it could and show a paper with pages missing, so such a file is refused instead.
 */
function endsLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - TAIL_WINDOW)).includes('%%EOF', 0, 'latin1');
}

// Reading a paper's files back, as a reader's software does: the text a PDF shows and the
// text and parts of a .docx, for the papers' tests.
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { paperText, type Paper } from './paper.ts';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';

/** The XML parts of a .docx, by name. */
export function docxParts(file: Buffer): Record<string, string> {
  const parts = unzipSync(new Uint8Array(file));
  return Object.fromEntries(
    Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}
/** Every text run of the document's body, in order, a line break within a paragraph as one. */
export const docxText = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((match) =>
    match[0] === '<w:br/>' ? '\n' : unescapeXml(match[1] ?? ''),
  );
const unescapeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
/** Text compared without its line breaks and spacing, which the two formats set differently. */
export const squeezed = (parts: readonly string[]) => parts.join('').replace(/\s+/g, '');

/**
 * The text both files print: the paper's, with the Party's star, which both renderers draw
 * under a Party committee's name from its layout and `paperText` does not list.
 */
export const printedText = (paper: Paper) => {
  const text = paperText(paper);
  if (paper.layout.issuerMark !== 'star') return text;
  const issuer = text.indexOf(paper.issuer.name.normalize('NFC'));
  return [...text.slice(0, issuer + 1), '*', ...text.slice(issuer + 1)];
};

/** A PDF's pages: size, text below the top margin, and whether each font used is embedded. */
export async function readPdf(file: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(file).slice() }).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const items = (await page.getTextContent()).items as TextItem[];
    // The page number sits in the top margin (20 mm = 57 pt); the paper's text below it.
    const inMargin = (item: TextItem) => (item.transform[5] as number) > height - 57;
    pages.push({
      width,
      height,
      text: items.filter((item) => !inMargin(item)).map((item) => item.str),
      marginText: items
        .filter(inMargin)
        .map((item) => item.str.trim())
        .filter(Boolean),
    });
  }
  return pages;
}

/** A PDF file's text below the top margin, its spacing made single. */
export const pdfFileText = async (file: Buffer) =>
  (await readPdf(file))
    .flatMap((page) => page.text)
    .join(' ')
    .replace(/\s+/g, ' ');

/** A paper's PDF text, its spacing made single. */
export const pdfText = async (paper: Paper) => pdfFileText(await renderPdf(paper));

/** A .docx file's text, its spacing made single. */
export const docxFileText = (file: Buffer) =>
  docxText(docxParts(file)['word/document.xml'] ?? '')
    .join('')
    .replace(/\s+/g, ' ');

/** A paper's DOCX text, its spacing made single. */
export const docxWords = async (paper: Paper) => docxFileText(await renderDocx(paper));

import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { normalized, type Block, type Paper } from './paper.ts';
import { A4_MM, pointsOf } from './units.ts';

/**
 * Liberation Serif, metric-compatible with Times New Roman (the DOCX's font) and shipped in
 * this package under the SIL Open Font License, so every PDF embeds the same letters with
 * all of Vietnamese's marks on any server.
 */
const fontFile = (name: string) =>
  fileURLToPath(new URL(`../fonts/LiberationSerif-${name}.ttf`, import.meta.url));
const FONTS_FOLDER = fileURLToPath(new URL('../fonts/', import.meta.url));

pdfmake.setFonts({
  LiberationSerif: {
    normal: fontFile('Regular'),
    bold: fontFile('Bold'),
    italics: fontFile('Italic'),
    bolditalics: fontFile('BoldItalic'),
  },
});
// A paper reads nothing from the network and only its own fonts from the disk.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONTS_FOLDER));

/** A solid line `share` of `width` long, centred under a heading line. */
const rule = (width: number, share: number): Content => {
  const length = width * share;
  const start = (width - length) / 2;
  return {
    canvas: [{ type: 'line', x1: start, y1: 0, x2: start + length, y2: 0, lineWidth: 0.6 }],
    margin: [0, 5, 0, 5],
  };
};

/**
 * The paper as a PDF: A4, the layout's margins, every font embedded (subsets of Liberation
 * Serif), the number centred in the top margin from page 2 on.
 */
export async function renderPdf(input: Paper): Promise<Buffer> {
  const paper = normalized(input);
  const { layout } = paper;
  const margins = layout.marginsMm;
  const textWidth = pointsOf(A4_MM.width - margins.left - margins.right);
  const issuerWidth = pointsOf(layout.issuerColumnMm);
  const nationWidth = textWidth - issuerWidth;
  const body = layout.bodySizePt;

  const issuer: Content[] = [
    ...(paper.issuer.above
      ? [
          {
            text: paper.issuer.above,
            fontSize: layout.issuerSizePt,
            alignment: 'center',
          } satisfies Content,
        ]
      : []),
    { text: paper.issuer.name, fontSize: layout.issuerSizePt, bold: true, alignment: 'center' },
    layout.issuerMark === 'line'
      ? rule(issuerWidth, 0.35)
      : { text: '*', fontSize: layout.issuerSizePt, alignment: 'center' },
    { text: paper.number, fontSize: 13, alignment: 'center' },
  ];
  const nation: Content[] = [
    ...layout.nation.lines.map((line): Content => ({
      text: line.text,
      fontSize: line.sizePt,
      bold: true,
      alignment: 'center',
    })),
    ...(layout.nation.underlined ? [rule(nationWidth, 0.6)] : []),
    ...(paper.placeAndDate
      ? [
          {
            text: paper.placeAndDate,
            fontSize: layout.dateSizePt,
            italics: true,
            alignment: 'center',
          } satisfies Content,
        ]
      : []),
  ];
  const signatureWidth = textWidth / Math.max(1, paper.signatures.length);

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [
      pointsOf(margins.left),
      pointsOf(margins.top),
      pointsOf(margins.right),
      pointsOf(margins.bottom),
    ],
    defaultStyle: { font: 'LiberationSerif', fontSize: body },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            text: String(currentPage),
            fontSize: 13,
            alignment: 'center',
            margin: [0, pointsOf(10), 0, 0],
          },
    info: { title: `${paper.title} – ${paper.subject}` },
    content: [
      {
        layout: 'noBorders',
        table: {
          widths: [issuerWidth, nationWidth],
          body: [[{ stack: issuer }, { stack: nation }]],
        },
      },
      {
        text: paper.title,
        fontSize: layout.titleSizePt,
        bold: true,
        alignment: 'center',
        margin: [0, 12, 0, 0],
      },
      {
        text: paper.subject,
        fontSize: body,
        bold: true,
        alignment: 'center',
        margin: [0, 0, 0, 12],
      },
      ...paper.blocks.map((block) => blockContent(block, paper)),
      {
        layout: 'noBorders',
        margin: [0, 12, 0, 0],
        table: {
          widths: paper.signatures.map(() => signatureWidth),
          body: [
            paper.signatures.map((signature): Content => ({
              stack: [
                { text: signature.role, bold: true, alignment: 'center', margin: [0, 0, 0, 60] },
                { text: signature.name, bold: true, alignment: 'center' },
              ],
            })),
          ],
        },
      },
      ...(paper.recipients.length === 0
        ? []
        : [
            {
              text: 'Nơi nhận:',
              fontSize: layout.recipientsLabelSizePt,
              bold: true,
              italics: true,
              margin: [0, 12, 0, 0],
            } satisfies Content,
            ...paper.recipients.map((recipient): Content => ({
              text: recipient,
              fontSize: layout.recipientsSizePt,
            })),
          ]),
      { text: paper.recordNote, fontSize: 11, italics: true, margin: [0, 12, 0, 0] },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}

function blockContent(block: Block, paper: Paper): Content {
  const { layout } = paper;
  switch (block.kind) {
    case 'paragraph':
      return {
        text: block.runs.map((run) => ({
          text: run.text,
          bold: run.bold ?? false,
          italics: run.italic ?? false,
        })),
        alignment: 'justify',
        leadingIndent: pointsOf(layout.firstLineIndentMm),
        margin: [0, 0, 0, layout.paragraphAfterPt],
      };
    case 'heading':
      return { text: block.text, bold: true, margin: [0, 6, 0, 6] };
    case 'table': {
      const width = pointsOf(A4_MM.width - layout.marginsMm.left - layout.marginsMm.right);
      return {
        fontSize: layout.bodySizePt - 1,
        margin: [0, 0, 0, 6],
        table: {
          headerRows: 1,
          widths: block.columns.map((column) => width * column.share - 8),
          body: [
            block.columns.map((column): Content => ({ text: column.title, bold: true })),
            ...block.rows.map((row) => row.map((text): Content => ({ text }))),
          ],
        },
      };
    }
  }
}

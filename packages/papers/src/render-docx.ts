import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Layout } from './layouts.ts';
import { normalized, type Block, type Paper } from './paper.ts';
import { A4_MM, twipsOf } from './units.ts';

/** The font Word is told to use; the PDF embeds its metric twin, Liberation Serif. */
const FONT = 'Times New Roman';
const halfPoints = (pt: number) => pt * 2;
const pointTwips = (pt: number) => pt * 20;

type Line = { text: string; sizePt: number; bold?: boolean; italic?: boolean };

/**
 * A line's runs. A line break in the text ("TM. THƯỜNG TRỰC HĐND" over "CHỦ TỊCH", a table
 * cell's second line) is a break in Word too, as it is in the PDF.
 */
const runsOf = (line: Line) =>
  line.text.split('\n').map(
    (part, index) =>
      new TextRun({
        text: part,
        break: index > 0 ? 1 : 0,
        size: halfPoints(line.sizePt),
        bold: line.bold ?? false,
        italics: line.italic ?? false,
      }),
  );

const centred = (line: Line, after = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: pointTwips(after) },
    children: runsOf(line),
  });

/** A solid line under a heading line, about as long as `share` of its column. */
const rule = (columnTwips: number, share: number) => {
  const inset = Math.round((columnTwips * (1 - share)) / 2);
  return new Paragraph({
    indent: { left: inset, right: inset },
    spacing: { after: pointTwips(6) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
};

const cell = (widthTwips: number, children: Paragraph[]) =>
  new TableCell({ width: { size: widthTwips, type: WidthType.DXA }, children });

/** A borderless table of fixed columns, the way official headers and signatures are set. */
const grid = (widths: readonly number[], cells: readonly Paragraph[][]) =>
  new Table({
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: cells.map((children, index) => cell(widths[index] ?? 0, children)),
      }),
    ],
  });

/**
 * The paper as a .docx: A4 in twips, the layout's margins, a first page without a number and
 * the number centred in the top margin after it, Times New Roman in every run.
 */
export async function renderDocx(input: Paper): Promise<Buffer> {
  const paper = normalized(input);
  const { layout } = paper;
  const margins = layout.marginsMm;
  const textTwips = twipsOf(A4_MM.width - margins.left - margins.right);
  const issuerTwips = twipsOf(layout.issuerColumnMm);
  const nationTwips = textTwips - issuerTwips;
  const body = layout.bodySizePt;

  const issuer = [
    ...(paper.issuer.above
      ? [centred({ text: paper.issuer.above, sizePt: layout.issuerSizePt })]
      : []),
    centred({ text: paper.issuer.name, sizePt: layout.issuerSizePt, bold: true }),
    layout.issuerMark === 'line'
      ? rule(issuerTwips, 0.35)
      : centred({ text: '*', sizePt: layout.issuerSizePt }, 6),
    centred({ text: paper.number, sizePt: 13 }),
  ];
  const nation = [
    ...layout.nation.lines.map((line) => centred({ ...line, bold: true })),
    ...(layout.nation.underlined ? [rule(nationTwips, 0.6)] : []),
    ...(paper.placeAndDate
      ? [centred({ text: paper.placeAndDate, sizePt: layout.dateSizePt, italic: true })]
      : []),
  ];

  const blocks = paper.blocks.flatMap((block) => blockParagraphs(block, layout, textTwips));
  const signatureWidth = Math.floor(textTwips / Math.max(1, paper.signatures.length));
  const signatures = grid(
    paper.signatures.map(() => signatureWidth),
    paper.signatures.map((signature) => [
      centred({ text: signature.role, sizePt: body, bold: true }, 60),
      centred({ text: signature.name, sizePt: body, bold: true }),
    ]),
  );
  const recipients =
    paper.recipients.length === 0
      ? []
      : [
          new Paragraph({
            spacing: { before: pointTwips(12) },
            children: [
              new TextRun({
                text: 'Nơi nhận:',
                size: halfPoints(layout.recipientsLabelSizePt),
                bold: true,
                italics: true,
              }),
            ],
          }),
          ...paper.recipients.map(
            (recipient) =>
              new Paragraph({
                children: [
                  new TextRun({ text: recipient, size: halfPoints(layout.recipientsSizePt) }),
                ],
              }),
          ),
        ];

  const document = new Document({
    styles: { default: { document: { run: { font: FONT, size: halfPoints(body) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twipsOf(A4_MM.width), height: twipsOf(A4_MM.height) },
            margin: {
              top: twipsOf(margins.top),
              bottom: twipsOf(margins.bottom),
              left: twipsOf(margins.left),
              right: twipsOf(margins.right),
              header: twipsOf(10),
            },
          },
        },
        headers: {
          // The page number, centred in the top margin, from page 2 on.
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(13) })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({})] }),
        },
        children: [
          grid([issuerTwips, nationTwips], [issuer, nation]),
          centred({ text: paper.title, sizePt: layout.titleSizePt, bold: true }),
          centred({ text: paper.subject, sizePt: body, bold: true }, 12),
          ...blocks,
          new Paragraph({ spacing: { after: pointTwips(12) } }),
          signatures,
          ...recipients,
          new Paragraph({
            spacing: { before: pointTwips(12) },
            children: [
              new TextRun({ text: paper.recordNote, size: halfPoints(11), italics: true }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function blockParagraphs(block: Block, layout: Layout, textTwips: number): (Paragraph | Table)[] {
  const sizePt = layout.bodySizePt;
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: twipsOf(layout.firstLineIndentMm) },
          spacing: { after: pointTwips(layout.paragraphAfterPt) },
          children: block.runs.map(
            (run) =>
              new TextRun({
                text: run.text,
                size: halfPoints(sizePt),
                bold: run.bold ?? false,
                italics: run.italic ?? false,
              }),
          ),
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: pointTwips(6), after: pointTwips(6) },
          children: [new TextRun({ text: block.text, size: halfPoints(sizePt), bold: true })],
        }),
      ];
    case 'table': {
      const widths = block.columns.map((column) => Math.floor(textTwips * column.share));
      const line = (text: string, bold: boolean) =>
        new Paragraph({ children: runsOf({ text, sizePt: sizePt - 1, bold }) });
      const row = (texts: readonly string[], bold: boolean) =>
        new TableRow({
          tableHeader: bold,
          children: texts.map((text, index) => cell(widths[index] ?? 0, [line(text, bold)])),
        });
      return [
        new Table({
          width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          rows: [
            row(
              block.columns.map((column) => column.title),
              true,
            ),
            ...block.rows.map((texts) => row(texts, false)),
          ],
        }),
        new Paragraph({ spacing: { after: pointTwips(6) } }),
      ];
    }
  }
}

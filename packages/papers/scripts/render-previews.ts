// Renders page 1 of each paper of the sample sitting to a PNG under docs/papers, so a reader
// of the repository sees the layout without opening a file: `pnpm --filter @hopxa/papers previews`.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../src/render-pdf.ts';
import { minutesPaper } from '../src/minutes-paper.ts';
import { closedSitting, facts, minutesDoc, signedOffSitting } from '../src/sitting.fixture.ts';
import { agendaPaper, attendancePaper, pollPaper } from '../src/sitting-papers.ts';

const folder = fileURLToPath(new URL('../../../docs/papers/', import.meta.url));
fs.mkdirSync(folder, { recursive: true });
const sitting = closedSitting();
const pollOf = (id: string) => {
  const poll = sitting.polls.find((each) => each.pollId === id);
  if (!poll) throw new Error(`the sample sitting has no poll ${id}`);
  return poll;
};
const signedOff = signedOffSitting();
const papers = {
  minutes: minutesPaper(signedOff, facts, minutesDoc(signedOff)),
  'attendance-list': attendancePaper(sitting, facts),
  agenda: agendaPaper(sitting, facts),
  'open-vote-result': pollPaper(sitting, pollOf('vote'), facts),
  'tellers-report': pollPaper(sitting, pollOf('election'), facts),
};
for (const [name, paper] of Object.entries(papers)) {
  const pdf = await getDocument({ data: new Uint8Array(await renderPdf(paper)) }).promise;
  const page = await pdf.getPage(1);
  const viewport = page.getViewport({ scale: 1.5 });
  const canvas = createCanvas(viewport.width, viewport.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, viewport.width, viewport.height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  fs.writeFileSync(`${folder}${name}.png`, canvas.toBuffer('image/png'));
  console.log(`docs/papers/${name}.png`);
}

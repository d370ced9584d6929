// Forty tablets open one 20 MB paper at once, from the real server in its own process.
// Run: pnpm bench:papers [runs] [tablets] [megabytes]   (DATABASE_URL: Postgres, else PGlite)
// Each tablet does what pdf.js does with a server that serves ranges: it starts the whole
// file as a stream and, at once, asks for the file's last 256 KB by range (where a PDF keeps
// its cross-reference table); the first page can be drawn once that range and the stream's
// first megabyte have come. Measured: the server's resident memory (before, highest while
// the forty download, after), each tablet's first page and whole download, and every byte
// checked against the file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pdfFixture } from '../apps/server/src/documents/pdf-fixtures.ts';
import { DEMO_ACCOUNT } from '../apps/server/src/seed/demo-commune.ts';
import { getOver, signInOver } from '../apps/server/src/test/http-session.ts';
import {
  startServerProcess,
  temporaryDataDir,
  type ServerProcess,
} from '../apps/server/src/test/server-process.ts';
import { median, percentile, rssOf } from './process-figures.ts';

const runs = Number(process.argv[2] ?? 3);
const tablets = Number(process.argv[3] ?? 40);
const megabytes = Number(process.argv[4] ?? 20);
const TAIL_BYTES = 256 * 1024;
const FIRST_BYTES = 1024 * 1024;

type Tablet = { firstPageMs: number; wholeMs: number };
type Run = {
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  tablets: Tablet[];
  wallMs: number;
};

/** The paper: a valid PDF of 12 pages, padded to the size asked. */
function paperOf(size: number): Buffer {
  const small = pdfFixture({ pages: 12 });
  return pdfFixture({ pages: 12, padding: Math.max(0, Math.floor((size - small.length) / 12)) });
}

/** Files the paper as the secretariat; answers its id. */
async function filePaper(server: ServerProcess, office: string, paper: Buffer): Promise<string> {
  const overview = (await (await fetch(`${server.url}/api/overview`)).json()) as {
    communes: { id: string }[];
  };
  const setup = await getOver<{ meetings: { id: string }[] }>(
    server.url,
    `/api/organisations/${overview.communes[0]?.id}/setup`,
    office,
  );
  const meetingId = setup.meetings[0]?.id ?? '';
  const query = new URLSearchParams({
    title: 'Báo cáo kinh tế - xã hội năm 2026',
    kind: 'report',
    audience: 'members',
    fileName: 'Báo cáo KT-XH 2026.pdf',
  });
  const response = await fetch(`${server.url}/api/meetings/${meetingId}/documents?${query}`, {
    method: 'POST',
    headers: { cookie: office, origin: server.url, 'content-type': 'application/pdf' },
    body: new Uint8Array(paper),
  });
  if (response.status !== 201) throw new Error(`upload: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** One tablet opening the paper, as pdf.js does; checks every byte it got. */
async function openAsTablet(url: string, cookie: string, paper: Buffer): Promise<Tablet> {
  const started = performance.now();
  const tail = fetch(url, {
    headers: { cookie, range: `bytes=${paper.length - TAIL_BYTES}-${paper.length - 1}` },
  }).then(async (response) => {
    if (response.status !== 206) throw new Error(`range: HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!bytes.equals(paper.subarray(paper.length - TAIL_BYTES))) throw new Error('tail differs');
    return performance.now();
  });
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`file: HTTP ${response.status}`);
  const hash = createHash('sha256');
  let received = 0;
  let firstBytesAt = 0;
  for await (const chunk of response.body) {
    hash.update(chunk);
    received += chunk.length;
    if (!firstBytesAt && received >= FIRST_BYTES) firstBytesAt = performance.now();
  }
  const wholeAt = performance.now();
  if (hash.digest('hex') !== createHash('sha256').update(paper).digest('hex'))
    throw new Error('the file differs');
  const tailAt = await tail;
  return {
    firstPageMs: Math.max(tailAt, firstBytesAt) - started,
    wholeMs: wholeAt - started,
  };
}

async function run(
  server: ServerProcess,
  fileUrl: string,
  office: string,
  paper: Buffer,
): Promise<Run> {
  const rssBefore = rssOf(server.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(server.pid))), 20);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: tablets }, () => openAsTablet(fileUrl, office, paper)),
  );
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { rssBefore, rssPeak, rssAfter: rssOf(server.pid), tablets: results, wallMs };
}

const dataDir = temporaryDataDir();
const settings = {
  DATA_DIR: dataDir,
  VIDEO: 'false',
  ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }),
};
const paper = paperOf(megabytes * 1024 * 1024);
// The paper is filed the day before; the server that serves the sitting starts without the
// upload's checking in its memory.
const filing = await startServerProcess(settings);
let documentId: string;
try {
  const office = await signInOver(filing.url, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
  documentId = await filePaper(filing, office, paper);
} finally {
  await filing.stop();
}
const server = await startServerProcess(settings);
try {
  const office = await signInOver(server.url, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
  const fileUrl = `${server.url}/api/documents/${documentId}/file`;
  // One opening first, so that what is measured is serving, not the first read's warm-up.
  await openAsTablet(fileUrl, office, paper);
  const measured: Run[] = [];
  for (let index = 0; index < runs; index += 1) {
    const result = await run(server, fileUrl, office, paper);
    measured.push(result);
    const first = result.tablets.map((tablet) => tablet.firstPageMs);
    const whole = result.tablets.map((tablet) => tablet.wholeMs);
    console.log(
      `run ${index + 1}: RSS ${result.rssBefore.toFixed(0)} → peak ${result.rssPeak.toFixed(0)} → ${result.rssAfter.toFixed(0)} MB; ` +
        `first page p50 ${percentile(first, 50).toFixed(0)} ms p99 ${percentile(first, 99).toFixed(0)} ms; ` +
        `whole file p50 ${percentile(whole, 50).toFixed(0)} ms p99 ${percentile(whole, 99).toFixed(0)} ms; ` +
        `${tablets} x ${(paper.length / 1e6).toFixed(1)} MB in ${(result.wallMs / 1000).toFixed(2)} s`,
    );
  }
  const pick = (figure: (result: Run) => number) => median(measured.map(figure));
  const growth = pick((result) => result.rssPeak - result.rssBefore);
  const growthMax = Math.max(...measured.map((result) => result.rssPeak - result.rssBefore));
  const firstP99 = pick((result) =>
    percentile(
      result.tablets.map((tablet) => tablet.firstPageMs),
      99,
    ),
  );
  const wholeP50 = pick((result) =>
    percentile(
      result.tablets.map((tablet) => tablet.wholeMs),
      50,
    ),
  );
  const earlier = pick(
    (result) =>
      result.tablets.filter((tablet) => tablet.firstPageMs < tablet.wholeMs).length /
      result.tablets.length,
  );
  console.log(`\n${tablets} tablets, one ${megabytes} MB paper, ${runs} runs, medians:\n`);
  console.log('| figure | measured | target |');
  console.log('| --- | ---: | ---: |');
  console.log(
    `| server RSS growth while serving (median; highest) | ${growth.toFixed(1)} MB; ${growthMax.toFixed(1)} MB | < 50 MB |`,
  );
  console.log(`| first page ready, p99 | ${firstP99.toFixed(0)} ms | before the whole file |`);
  console.log(`| whole file, p50 | ${wholeP50.toFixed(0)} ms | |`);
  console.log(`| tablets whose first page came first | ${(earlier * 100).toFixed(0)} % | 100 % |`);
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

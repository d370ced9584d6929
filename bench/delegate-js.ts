// How much JavaScript the delegate's tablet screen loads, gzipped, against the 150 KB budget.
// Run: pnpm bench:delegate-js (needs the web app built, and Chromium at CHROMIUM_PATH or
// /usr/bin/chromium). Starts the real server on a throwaway data folder with the demo ward,
// pairs a tablet for a delegate and opens the tablet screen of the council's meeting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@hopxa/testing';
import { demoCouncilTablets } from '../apps/server/src/test/demo-council.ts';
import { startServerProcess } from '../apps/server/src/test/server-process.ts';

const BUDGET_KB = 150;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-bench-'));
const server = await startServerProcess({ DATA_DIR: dataDir });
const browser = await launchChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
try {
  const council = await demoCouncilTablets(server.url);
  const delegate = council.memberIds.find((personId) => personId !== council.presidingId) ?? '';
  const [name, value] = (await council.pair(delegate)).split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 } });
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const scripts: { url: string; bytes: number; gzipped: number }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body();
    scripts.push({ url: response.url(), bytes: body.length, gzipped: gzipSync(body).length });
  });
  await page.goto(`${server.url}/meetings/${council.meetingId}/tablet`, {
    waitUntil: 'networkidle',
  });
  const total = scripts.reduce((sum, script) => sum + script.gzipped, 0) / 1024;
  const raw = scripts.reduce((sum, script) => sum + script.bytes, 0) / 1024;
  console.log(`\ndelegate tablet screen: ${scripts.length} scripts\n`);
  console.log('| figure | measured | budget |');
  console.log('| --- | ---: | ---: |');
  console.log(`| JavaScript, gzipped | ${total.toFixed(1)} KB | ${BUDGET_KB} KB |`);
  console.log(`| JavaScript, as sent | ${raw.toFixed(1)} KB | |`);
  if (total > BUDGET_KB) process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Viewers coming and going through the SFU in its child process, one after another, while a
// point publishes: what each cycle takes, whether any fails, and whether anything is left
// behind (the child's sessions, sockets, threads and memory).
// Run: pnpm bench:video-cycles [cycles] [rounds] [pauseMs]
// A cycle: a new viewer of the point (its offer, the SFU's answer, ICE and DTLS until its
// tracks are open), its first video packet, then the viewer closes and the router closes its
// session; the next starts `pauseMs` later (at once by default). After each round of
// `cycles`, the child's figures are read again once its peer connections have had a moment
// to close their sockets (they do so on their own threads).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { startSfu } from '@hopxa/sfu';
import { PeerScene, point } from '../packages/sfu/src/testing/peer-scene.ts';
import { percentile, rssOf } from './process-figures.ts';

const cycles = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 3);
const pauseMs = Number(process.argv[4] ?? 0);
/** How long a cycle may wait for the first packet before it counts as failed. */
const FIRST_PACKET_TIMEOUT_MS = 5000;
/** How long sockets may take to close after a round before they count as leaked. */
const SETTLE_MS = 5000;

/** The sockets a process holds open (UDP for ICE, the IPC channel). */
function socketsOf(pid: number): number {
  const directory = `/proc/${pid}/fd`;
  return readdirSync(directory).filter((fd) => {
    try {
      return readlinkSync(`${directory}/${fd}`).startsWith('socket:');
    } catch {
      return false; // closed while listed
    }
  }).length;
}

function threadsOf(pid: number): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const router = await startSfu();
const scene = new PeerScene(router, 'cycles');
const childPid = router.pid;
if (childPid === null) throw new Error('the SFU has no process');
const pid: number = childPid;
const { sessionId: publisherSession } = await scene.publisher('hall');

type Figures = {
  readonly sessions: number;
  readonly sockets: number;
  readonly threads: number;
  readonly rssMb: number;
  readonly benchSockets: number;
};
const figures = async (): Promise<Figures> => ({
  sessions: (await router.sessions()).length,
  sockets: socketsOf(pid),
  threads: threadsOf(pid),
  rssMb: rssOf(pid),
  benchSockets: socketsOf(process.pid),
});

/** Waits until the sockets of both processes are back to `before` (or the time is up). */
async function settled(before: Figures): Promise<{ figures: Figures; afterMs: number }> {
  const started = performance.now();
  while (
    performance.now() - started < SETTLE_MS &&
    (socketsOf(pid) > before.sockets || socketsOf(process.pid) > before.benchSockets)
  )
    await sleep(50);
  return { figures: await figures(), afterMs: performance.now() - started };
}

const before = await figures();
const setUp: number[] = [];
const firstPacket: number[] = [];
const closing: number[] = [];
const failures: string[] = [];
const afterRounds: { figures: Figures; afterMs: number }[] = [];

for (let round = 0; round < rounds; round += 1) {
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    const started = performance.now();
    let sessionId: string | undefined;
    let close = () => {};
    try {
      const viewer = await scene.viewer(point('hall'), { countOnly: true });
      sessionId = viewer.sessionId;
      close = () => viewer.peer.close();
      const connected = performance.now();
      let packets = 0;
      viewer.peer.onVideo = () => (packets += 1);
      await viewer.peer.waitFor(() => packets > 0, 'the first packet', FIRST_PACKET_TIMEOUT_MS);
      const received = performance.now();
      close();
      await router.close(sessionId);
      setUp.push(connected - started);
      firstPacket.push(received - started);
      closing.push(performance.now() - received);
    } catch (error) {
      failures.push(`round ${round + 1}, cycle ${cycle + 1}: ${String(error)}`);
      close();
      if (sessionId) await router.close(sessionId).catch(() => {});
    }
    if (pauseMs > 0) await sleep(pauseMs);
  }
  afterRounds.push(await settled(before));
  const last = afterRounds.at(-1)?.figures;
  process.stderr.write(
    `round ${round + 1}/${rounds}: ${failures.length} failures so far; ${last?.sessions} sessions, ` +
      `${last?.sockets} sockets, ${last?.threads} threads, ${last?.rssMb.toFixed(0)} MB\n`,
  );
}

const stillPublishing = (await router.sessions()).map((session) => session.sessionId);
const [stats] = await router.stats(scene.meetingId);
scene.close();
await router.stop();

for (const failure of failures) console.error(failure);
const ms = (values: readonly number[], p: number) => `${percentile(values, p).toFixed(0)} ms`;
console.log(
  `\n${rounds} rounds of ${cycles} viewer cycles, one at a time${pauseMs > 0 ? ` ${pauseMs} ms apart` : ''}, beside one publisher (30 fps); ` +
    `${failures.length} failed; the child's figures before, and after each round once settled:\n`,
);
console.log(
  `| figure | before | ${afterRounds.map((_, index) => `after ${(index + 1) * cycles} cycles`).join(' | ')} |`,
);
console.log(`| --- | ---: | ${afterRounds.map(() => '---:').join(' | ')} |`);
const row = (name: string, pick: (figures: Figures) => string) =>
  console.log(
    `| ${name} | ${pick(before)} | ${afterRounds.map((after) => pick(after.figures)).join(' | ')} |`,
  );
row('sessions in the SFU', (f) => String(f.sessions));
row('open sockets of the SFU process', (f) => String(f.sockets));
row('threads of the SFU process', (f) => String(f.threads));
row('SFU process memory (RSS)', (f) => `${f.rssMb.toFixed(0)} MB`);
row('open sockets of this process (the peers)', (f) => String(f.benchSockets));
console.log(
  `| sockets back to before after | | ${afterRounds.map((after) => `${after.afterMs.toFixed(0)} ms`).join(' | ')} |`,
);
console.log('\n| per cycle | p50 | p99 | max |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, values] of [
  ['set-up (offer to tracks open)', setUp],
  ['to the first video packet', firstPacket],
  ['closing (viewer and session)', closing],
] as const)
  console.log(`| ${name} | ${ms(values, 50)} | ${ms(values, 99)} | ${ms(values, 100)} |`);
console.log(
  `\nfailures: ${failures.length} of ${rounds * cycles}; sessions left: ${stillPublishing.length} ` +
    `(${stillPublishing.includes(publisherSession) ? 'the publisher' : 'not the publisher!'}), viewers of the point: ${stats?.viewers}`,
);
process.exit(failures.length > 0 ? 1 : 0);

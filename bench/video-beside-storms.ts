// The vote storm and the check-in storm, each alone and each while the 40-point sitting's
// video goes through an SFU on the same machine, interleaved; compares their medians.
// Run: DATABASE_URL=postgres://... pnpm bench:video-storms [runs] [meetings]
//      [--sfu-priority <idle|0-19>]
// Each run starts `vote-storm.ts 1 <meetings> --json` and `meeting-storm.ts 1 <meetings>
// --json` twice: alone, and beside `video-sitting.ts --hold --idle-peers --sfu-priority <p>`
// (started before the storm and stopped after it), the SFU at the priority the meeting server
// gives it (VIDEO_PRIORITY, idle unless --sfu-priority says otherwise). The sitting's 146
// peers run in the idle class: in a real sitting they are the points' browsers, elsewhere.
// The order of the two turns each run. Every storm invocation runs its floor (baseline-server.ts) and
// then the engine, as it does alone: the floor, which has nothing to do with video, shows what
// the CPU the video takes does to any server.
import { lastJson, startNode } from './child-runs.ts';
import { median } from './process-figures.ts';
import type { Sample } from './storm-kit.ts';
import type { Measured } from './video-sitting.ts';

const runs = Number(process.argv[2] ?? 5);
const meetings = Number(process.argv[3] ?? 40);
const sfuPriorityAt = process.argv.indexOf('--sfu-priority');
/** The SFU's priority beside the storms: the meeting server's VIDEO_PRIORITY by default. */
const sfuPriority = sfuPriorityAt > 0 ? (process.argv[sfuPriorityAt + 1] ?? 'idle') : 'idle';
if (!process.env.DATABASE_URL)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

/** Longer than any storm: the sitting is stopped by this benchmark once its storm is done. */
const HOLD_SECONDS = 1800;

const STORMS = [
  {
    name: 'vote storm',
    file: 'vote-storm.ts',
    ack: 'cast acknowledgement',
    delivery: 'final count reaching every follower',
  },
  {
    name: 'check-in storm',
    file: 'meeting-storm.ts',
    ack: 'acknowledgement',
    delivery: 'reaching every follower',
  },
] as const;

type StormName = (typeof STORMS)[number]['name'];
const CONDITIONS = ['alone', 'beside video'] as const;
type Condition = (typeof CONDITIONS)[number];
type StormResult = { readonly baseline: Sample[]; readonly engine: Sample[] };

async function storm(file: string): Promise<StormResult> {
  const { lines, exited } = startNode(file, ['1', String(meetings), '--json']);
  await exited;
  return lastJson<StormResult>(lines, file);
}

/** A storm while the sitting's video runs: the video is up before it starts. */
async function besideVideo(file: string): Promise<{ result: StormResult; video: Measured }> {
  const video = startNode(
    'video-sitting.ts',
    ['--hold', String(HOLD_SECONDS), '--idle-peers', '--sfu-priority', sfuPriority],
    /^video sitting holding/,
  );
  video.exited.catch(() => {});
  await video.started;
  try {
    const result = await storm(file);
    video.stop();
    await video.exited;
    return { result, video: lastJson<Measured>(video.lines, 'video-sitting.ts') };
  } finally {
    video.stop();
    await video.exited.catch(() => {});
  }
}

const results = new Map<string, StormResult[]>(); // `${storm}|${condition}` -> one per run
const videos = new Map<Condition, Measured[]>();
const keyOf = (name: StormName, condition: Condition) => `${name}|${condition}`;
const started = performance.now();
for (let run = 0; run < runs; run += 1) {
  for (const { name, file } of STORMS) {
    const order = CONDITIONS.map((_, index) => CONDITIONS[(index + run) % CONDITIONS.length]);
    for (const condition of order) {
      if (!condition) continue;
      process.stderr.write(`run ${run + 1}/${runs}: ${name}, ${condition}\n`);
      let result: StormResult;
      if (condition === 'alone') result = await storm(file);
      else {
        const beside = await besideVideo(file);
        result = beside.result;
        videos.set(condition, [...(videos.get(condition) ?? []), beside.video]);
        process.stderr.write(
          `  video meanwhile: SFU ${beside.video.cores.toFixed(2)} cores, the peers ${beside.video.benchCores.toFixed(2)} cores, ` +
            `${beside.video.packetsIn.toFixed(0)} packets/s in, latency p99 ${beside.video.p99.toFixed(1)} ms, ` +
            `delivered ${(beside.video.delivered * 100).toFixed(3)}%\n`,
        );
      }
      const p99s = (samples: Sample[]) =>
        samples.map((each) => `${each.ackP99.toFixed(0)}/${each.deliveryP99.toFixed(0)} ms`);
      process.stderr.write(
        `  p99 acknowledgement/delivery: engine ${p99s(result.engine).join(', ')}; floor ${p99s(result.baseline).join(', ')}\n`,
      );
      const key = keyOf(name, condition);
      results.set(key, [...(results.get(key) ?? []), result]);
    }
  }
}

const figure = (
  name: StormName,
  condition: Condition,
  side: 'baseline' | 'engine',
  pick: (sample: Sample) => number,
) =>
  median((results.get(keyOf(name, condition)) ?? []).flatMap((result) => result[side].map(pick)));

console.log(
  `\n${meetings} meetings x (25 members + 75 followers); ${runs} runs of each storm in each condition, interleaved, medians (${((performance.now() - started) / 60_000).toFixed(0)} min)`,
);
for (const side of ['engine', 'baseline'] as const) {
  console.log(`\n${side === 'engine' ? 'The engine' : 'The floor (baseline-server.ts)'}:\n`);
  console.log(
    `| storm | figure | alone | beside video, SFU at priority ${sfuPriority} | ratio | target |`,
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const { name, ack, delivery } of STORMS) {
    for (const [label, pick, target] of [
      [`${ack} p50`, (s: Sample) => s.ackP50, ''],
      [`${ack} p99`, (s: Sample) => s.ackP99, '1.10x'],
      [`${delivery} p50`, (s: Sample) => s.deliveryP50, ''],
      [`${delivery} p99`, (s: Sample) => s.deliveryP99, '1.10x'],
    ] as const) {
      const [alone, beside] = CONDITIONS.map((condition) => figure(name, condition, side, pick));
      const ms = (value = NaN) => `${value.toFixed(0)} ms`;
      const ratio = (value = NaN) => `${(value / (alone ?? NaN)).toFixed(2)}x`;
      console.log(
        `| ${name} | ${label} | ${ms(alone)} | ${ms(beside)} | ${ratio(beside)} | ${side === 'engine' ? target : ''} |`,
      );
    }
  }
}
console.log('\nThe video meanwhile (medians of the holds):\n');
console.log(
  "| condition | SFU CPU | the peers' CPU | packets into the SFU | latency p99 | delivered |",
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [condition, held] of videos) {
  const of = (pick: (video: Measured) => number) => median(held.map(pick));
  console.log(
    `| ${condition} | ${of((v) => v.cores).toFixed(2)} cores | ${of((v) => v.benchCores).toFixed(2)} cores | ` +
      `${of((v) => v.packetsIn).toFixed(0)} /s | ${of((v) => v.p99).toFixed(1)} ms | ${(of((v) => v.delivered) * 100).toFixed(3)}% |`,
  );
}
process.exit(0);

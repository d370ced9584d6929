// The vote storm alone and while forty tablets download a 20 MB paper from the same server
// over and over, interleaved; compares their medians.
// Run: DATABASE_URL=postgres://... pnpm bench:papers-votes [runs] [meetings]
// Each run starts `vote-storm.ts 1 <meetings> --json` and the same with --beside-papers, the
// order turning each run. The floor (baseline-server.ts) runs in both without papers: it
// shows how much the machine itself moves from one run to the next.
import { lastJson, startNode } from './child-runs.ts';
import { median } from './process-figures.ts';
import type { Sample } from './storm-kit.ts';

const runs = Number(process.argv[2] ?? 3);
const meetings = Number(process.argv[3] ?? 40);
if (!process.env.DATABASE_URL)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

const CONDITIONS = ['alone', 'beside the papers'] as const;
type Condition = (typeof CONDITIONS)[number];
type StormResult = { readonly baseline: Sample[]; readonly engine: Sample[] };

async function storm(condition: Condition): Promise<StormResult> {
  const extra = condition === 'alone' ? [] : ['--beside-papers'];
  const { lines, exited } = startNode('vote-storm.ts', ['1', String(meetings), '--json', ...extra]);
  await exited;
  return lastJson<StormResult>(lines, 'vote-storm.ts');
}

const results = new Map<Condition, StormResult[]>();
const started = performance.now();
for (let run = 0; run < runs; run += 1) {
  const order = run % 2 === 0 ? CONDITIONS : [...CONDITIONS].reverse();
  for (const condition of order) {
    process.stderr.write(`run ${run + 1}/${runs}: vote storm, ${condition}\n`);
    results.set(condition, [...(results.get(condition) ?? []), await storm(condition)]);
  }
}

const figure = (condition: Condition, side: 'baseline' | 'engine', pick: (s: Sample) => number) =>
  median((results.get(condition) ?? []).flatMap((result) => result[side].map(pick)));
console.log(
  `\n${meetings} meetings x (25 members + 75 followers); ${runs} runs each, interleaved, medians (${((performance.now() - started) / 60_000).toFixed(0)} min)\n`,
);
console.log('| figure | alone | beside the papers | ratio | target |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, side, pick, target] of [
  ['engine: cast acknowledgement p50', 'engine', (s: Sample) => s.ackP50, ''],
  ['engine: cast acknowledgement p99', 'engine', (s: Sample) => s.ackP99, '1.10x'],
  ['engine: final count at every follower p50', 'engine', (s: Sample) => s.deliveryP50, ''],
  ['engine: final count at every follower p99', 'engine', (s: Sample) => s.deliveryP99, '1.10x'],
  ['floor (no papers in either): cast p99', 'baseline', (s: Sample) => s.ackP99, ''],
  ['floor (no papers in either): final count p99', 'baseline', (s: Sample) => s.deliveryP99, ''],
] as const) {
  const alone = figure('alone', side, pick);
  const beside = figure('beside the papers', side, pick);
  console.log(
    `| ${label} | ${alone.toFixed(0)} ms | ${beside.toFixed(0)} ms | ${(beside / alone).toFixed(2)}x | ${target} |`,
  );
}
process.exit(0);

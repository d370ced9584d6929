// The vote storm alone and beside another load, interleaved: what papers-beside-votes.ts and
// board-beside-votes.ts share. Each run starts `vote-storm.ts 1 <meetings> --json` and the
// same with the load's flag, the order turning each run. The floor (baseline-server.ts) runs
// in both without the load: it shows how much the machine itself moves from one run to the
// next.
import os from 'node:os';
import { lastJson, startNode } from './child-runs.ts';
import { median } from './process-figures.ts';
import type { Sample } from './storm-kit.ts';

type StormResult = { readonly baseline: Sample[]; readonly engine: Sample[] };

/**
 * Runs the storm `runs` times alone and `runs` times with `flag` (named `beside` in the
 * table), interleaved, and prints the medians and their ratios as a Markdown table.
 */
export async function stormAloneAndBeside(options: {
  readonly runs: number;
  readonly meetings: number;
  /** vote-storm.ts's flag for the load, e.g. --beside-papers. */
  readonly flag: string;
  /** The load, as the table's column names it: 'beside the papers'. */
  readonly beside: string;
}): Promise<void> {
  const { runs, meetings, flag, beside } = options;
  const conditions = ['alone', beside] as const;
  const storm = async (condition: string): Promise<StormResult> => {
    const extra = condition === 'alone' ? [] : [flag];
    const { lines, exited } = startNode('vote-storm.ts', [
      '1',
      String(meetings),
      '--json',
      ...extra,
    ]);
    await exited;
    return lastJson<StormResult>(lines, 'vote-storm.ts');
  };
  const results = new Map<string, StormResult[]>();
  const started = performance.now();
  for (let run = 0; run < runs; run += 1) {
    const order = run % 2 === 0 ? conditions : [...conditions].reverse();
    for (const condition of order) {
      // The machine's own load, for reading the figures: the storm alone moves with it.
      const load = os.loadavg()[0]?.toFixed(1);
      process.stderr.write(
        `run ${run + 1}/${runs}: vote storm, ${condition} (load average ${load})\n`,
      );
      results.set(condition, [...(results.get(condition) ?? []), await storm(condition)]);
    }
  }

  const figure = (condition: string, side: 'baseline' | 'engine', pick: (s: Sample) => number) =>
    median((results.get(condition) ?? []).flatMap((result) => result[side].map(pick)));
  console.log(
    `\n${meetings} meetings x (25 members + 75 followers); ${runs} runs each, interleaved, medians (${((performance.now() - started) / 60_000).toFixed(0)} min)\n`,
  );
  console.log(`| figure | alone | ${beside} | ratio | target |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label, side, pick, target] of [
    ['engine: cast acknowledgement p50', 'engine', (s: Sample) => s.ackP50, ''],
    ['engine: cast acknowledgement p99', 'engine', (s: Sample) => s.ackP99, '1.10x'],
    ['engine: final count at every follower p50', 'engine', (s: Sample) => s.deliveryP50, ''],
    ['engine: final count at every follower p99', 'engine', (s: Sample) => s.deliveryP99, '1.10x'],
    [`floor (alone in both): cast p99`, 'baseline', (s: Sample) => s.ackP99, ''],
    [`floor (alone in both): final count p99`, 'baseline', (s: Sample) => s.deliveryP99, ''],
  ] as const) {
    const alone = figure('alone', side, pick);
    const loaded = figure(beside, side, pick);
    console.log(
      `| ${label} | ${alone.toFixed(0)} ms | ${loaded.toFixed(0)} ms | ${(loaded / alone).toFixed(2)}x | ${target} |`,
    );
  }
}

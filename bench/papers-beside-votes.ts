// The vote storm alone and while forty tablets download a 20 MB paper from the same server
// over and over, interleaved; compares their medians.
// Run: DATABASE_URL=postgres://... pnpm bench:papers-votes [runs] [meetings]
// Each run starts `vote-storm.ts 1 <meetings> --json` and the same with --beside-papers, the
// order turning each run. The floor (baseline-server.ts) runs in both without papers: it
// shows how much the machine itself moves from one run to the next.
import { stormAloneAndBeside } from './storm-beside.ts';

if (!process.env.DATABASE_URL)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');
await stormAloneAndBeside({
  runs: Number(process.argv[2] ?? 3),
  meetings: Number(process.argv[3] ?? 40),
  flag: '--beside-papers',
  beside: 'beside the papers',
});
process.exit(0);

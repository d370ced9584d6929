// The vote storm alone and while 200 viewers watch the province board of its meetings,
// interleaved; compares their medians.
// Run: DATABASE_URL=postgres://... pnpm bench:board-votes [runs] [meetings]
// Each run starts `vote-storm.ts 1 <meetings> --json` and the same with --beside-board (the
// storm's communes a province's, its board joined by 200 of the province's followers before
// the meetings are convened, so they hear every sitting come onto it and change), the order
// turning each run. The floor (baseline-server.ts) runs in both without a board.
import { stormAloneAndBeside } from './storm-beside.ts';

if (!process.env.DATABASE_URL)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');
await stormAloneAndBeside({
  runs: Number(process.argv[2] ?? 3),
  meetings: Number(process.argv[3] ?? 40),
  flag: '--beside-board',
  beside: 'beside the board',
});
process.exit(0);

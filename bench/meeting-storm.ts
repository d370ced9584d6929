// The check-in storm of the meeting engine, beside the floor of this stack (baseline-server.ts)
// run the same way. Run: DATABASE_URL=postgres://... pnpm bench:storm [runs] [meetings]
// Each meeting has 25 members (each sends one command within the same second) and 75
// followers watching; 40 meetings make 4,000 clients. Prints medians and ratios; with
// --json, also every run's samples as a last line of JSON (for video-beside-storms.ts).
import { fileURLToPath } from 'node:url';
import { createThrowawayPostgres } from '@hopxa/testing';
import {
  conveneAll,
  createMeetingsWorld,
  sleep,
  startProcess,
  stopProcess,
} from './bench-world.ts';
import {
  printTable,
  runFloorStorm,
  summarize,
  joinEngineClients,
  withinOneSecond,
  type Sample,
} from './storm-kit.ts';

const runs = Number(process.argv[2] ?? 3);
const meetings = Number(process.argv[3] ?? 40);
const json = process.argv.includes('--json');
const MEMBERS = 25;
const FOLLOWERS = 75;
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

async function runEngine(): Promise<Sample> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startProcess(
    fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url)),
    {
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  );
  const url = `http://127.0.0.1:${server.port}`;
  const world = await createMeetingsWorld(database.url, meetings, MEMBERS, FOLLOWERS);

  const { members, followers, memberEntries, rssPerClientKb } = await joinEngineClients(
    url,
    server.child.pid ?? 0,
    world,
  );

  // The secretariats convene the meetings: the roll call opens.
  await conveneAll(url, world);
  await sleep(500);

  const sentAt = new Map<string, number>(); // personId -> send time
  const delivery: number[] = [];
  for (const follower of followers) {
    follower.on('meeting:events', (message: { events: { type: string; personId?: string }[] }) => {
      const at = performance.now();
      for (const event of message.events) {
        const sent =
          event.type === 'attendance_recorded' ? sentAt.get(event.personId ?? '') : undefined;
        if (sent !== undefined) delivery.push(at - sent);
      }
    });
  }
  const ackTimes: number[] = [];
  let refused = 0;
  await withinOneSecond(
    members.map((socket, index) => ({ socket, entry: memberEntries[index] })),
    async ({ socket, entry }) => {
      const sent = performance.now();
      sentAt.set(entry?.personId ?? '', sent);
      const answer = await socket.emitWithAck('meeting:command', {
        meetingId: entry?.meetingId,
        commandId: crypto.randomUUID(),
        command: { type: 'check_in', status: 'present_in_hall' },
      });
      ackTimes.push(performance.now() - sent);
      if (!answer.ok) refused += 1;
    },
  );
  const expected = memberEntries.length * FOLLOWERS;
  for (let waited = 0; delivery.length < expected && waited < 30_000; waited += 100)
    await sleep(100);
  if (refused > 0 || delivery.length < expected) {
    process.stderr.write(
      `warning: ${refused} refused, ${delivery.length}/${expected} deliveries\n`,
    );
  }
  for (const socket of [...members, ...followers]) socket.disconnect();
  await stopProcess(server.child);
  await database.drop();
  return summarize(ackTimes, delivery, rssPerClientKb);
}

const baseline: Sample[] = [];
const engine: Sample[] = [];
for (let run = 0; run < runs; run += 1) {
  const floor = await runFloorStorm({ baseUrl, meetings, members: MEMBERS, followers: FOLLOWERS });
  baseline.push(summarize(floor.ackTimes, floor.delivery, floor.rssPerClientKb));
  engine.push(await runEngine());
  const [floorRun, ours] = [baseline.at(-1), engine.at(-1)];
  process.stderr.write(
    `run ${run + 1}/${runs}: ack p99 ${floorRun?.ackP99.toFixed(0)} / ${ours?.ackP99.toFixed(0)} ms, ` +
      `followers p99 ${floorRun?.deliveryP99.toFixed(0)} / ${ours?.deliveryP99.toFixed(0)} ms (floor / engine)\n`,
  );
}
printTable(
  `${meetings} meetings x (${MEMBERS} members + ${FOLLOWERS} followers) = ${meetings * (MEMBERS + FOLLOWERS)} clients; ${runs} runs, medians`,
  baseline,
  engine,
  [
    { name: 'acknowledgement p50', pick: (s) => s.ackP50, unit: 'ms' },
    { name: 'acknowledgement p99', pick: (s) => s.ackP99, unit: 'ms' },
    { name: 'reaching every follower p50', pick: (s) => s.deliveryP50, unit: 'ms' },
    { name: 'reaching every follower p99', pick: (s) => s.deliveryP99, unit: 'ms' },
    { name: 'server memory per client', pick: (s) => s.rssPerClientKb, unit: 'KB' },
  ],
);
if (json) console.log(JSON.stringify({ baseline, engine }));

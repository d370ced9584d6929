// The province board live, beside the floor of this stack (baseline-server.ts) run the same way.
// Run: DATABASE_URL=postgres://... pnpm bench:board [runs] [windowSeconds]
// A province of 175 communes with 4 bodies each: 700 sittings in session on one server
// process and real Postgres (convened, everyone present, opened, the first item taken up and
// a first poll held, written through `runCommands` as the server writes them; the server
// then starts cold on that database). Connected: 3,000 meeting followers spread over the sittings, the presiding
// officers of 168 of them, and 200 board viewers (the province's own followers). Then 168
// polls open within one window (60 s unless told; each at a random moment in it), and 50
// late joiners, evenly over the window, each a fresh socket, take the whole board.
// Measured: for each poll, from its commit (the presiding officer's client receiving the
// command's acknowledgement, sent after the commit) to each board viewer receiving the
// sitting with that poll open; the late joiners' snapshot time and its size (the answer's
// JSON, UTF-8); the first board join after the start (it reads the 700 logs); the server's
// CPU over the window.
// The floor: the same clients joined to the same rooms, each poll one durable insert then the
// acknowledgement, the change to the sitting's room at once and to the board's room on a
// 200 ms tick as the board's desk does, and a late joiner given the board held whole (the
// engine's snapshot of the same run).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createDatabase, schema, type Database } from '@hopxa/db';
import type { Actor, MeetingCommand } from '@hopxa/domain';
import {
  unpackBoardSnapshot,
  type BoardSitting,
  type BoardSnapshot,
  type PackedBoardSnapshot,
} from '@hopxa/protocol';
import { createThrowawayPostgres } from '@hopxa/testing';
import { inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { loadActor } from '../apps/server/src/auth/actor.service.ts';
import { meetingTarget } from '../apps/server/src/auth/authorize.ts';
import { MeetingStateCache } from '../apps/server/src/meetings/event-log.ts';
import { fingerprintOf, runCommands } from '../apps/server/src/meetings/run-commands.ts';
import { loadConvening } from '../apps/server/src/meetings/sitting-setup.ts';
import { secretariatOf } from '../apps/server/src/test/secretariat.ts';
import {
  benchKeys,
  connectAll,
  createMeetingsWorld,
  createProvince,
  sleep,
  startEngine,
  startFloor,
  type BenchMeeting,
} from './bench-world.ts';
import { cpuSecondsOf, median, percentile } from './process-figures.ts';
import { engineSocket, type BoardAnswer } from './storm-kit.ts';

const runs = Number(process.argv[2] ?? 3);
const windowMs = Number(process.argv[3] ?? 60) * 1000;
const COMMUNES = 175;
const BODIES_PER_COMMUNE = 4;
const SITTINGS = COMMUNES * BODIES_PER_COMMUNE;
const MEMBERS = 15;
const FOLLOWERS = 3000;
const VIEWERS = 200;
const POLLS = 168;
const LATE_JOINS = 50;
const FIRST_POLL_TITLE = 'Biểu quyết thông qua chương trình kỳ họp';
const POLL_TITLE = 'Biểu quyết thông qua Nghị quyết về kế hoạch đầu tư công năm 2027';
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

/** How many followers follow the sitting of `index`: 3,000 spread evenly over 700. */
const followersOf = (index: number) =>
  Math.floor(((index + 1) * FOLLOWERS) / SITTINGS) - Math.floor((index * FOLLOWERS) / SITTINGS);
/** The sittings whose polls open: 168 spread over the communes. */
const POLLED = Array.from({ length: POLLS }, (_, index) => Math.floor((index * SITTINGS) / POLLS));

/** What the scenario asks of a server, the engine's or the floor's. */
type Side = {
  readonly pid: number;
  /** A new socket of a board viewer (`index`: whose session), not yet connected. */
  readonly viewer: (index: number) => Socket;
  readonly joinBoard: (socket: Socket) => Promise<BoardAnswer>;
  /** The event that brings the board's changes. */
  readonly changes: string;
  /** Every meeting follower connected and following its sitting. */
  readonly followers: () => Promise<Socket[]>;
  /** The presiding officers of `sittings`, connected and following their sitting. */
  readonly chairs: (sittings: readonly number[]) => Promise<Socket[]>;
  readonly meetingIdOf: (sitting: number) => string;
  /** Opens a poll in `sitting`; resolves with the acknowledgement, after the commit. */
  readonly openPoll: (chair: Socket, sitting: number) => Promise<boolean>;
  readonly stop: () => Promise<void>;
};

type Run = {
  /** Per poll: from its acknowledgement to each viewer receiving it. */
  readonly perViewer: number[];
  /** Per poll: from its acknowledgement to the last viewer receiving it. */
  readonly everyViewer: number[];
  /** Per poll: from its send to the last viewer receiving it. */
  readonly everyViewerFromSend: number[];
  readonly ack: number[];
  readonly lateJoin: number[];
  readonly snapshotBytes: number;
  /** The same snapshot as objects, one per sitting, unpacked. */
  readonly unpackedBytes: number;
  readonly firstJoin: number;
  readonly serverCores: number;
  /** Board changes (sittings) each viewer received over the window. */
  readonly sittingsPerViewer: number;
  /** Viewer deliveries that never came, of POLLS x VIEWERS. */
  readonly missing: number;
};

/** `socket` connected, or the reason it was not. */
function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The scenario on one server: the board viewers, followers and chairs, then the window. */
async function live(side: Side): Promise<{ run: Run; snapshot: PackedBoardSnapshot }> {
  // The first viewer alone: on the engine, its join reads the sittings' logs.
  const first = await connected(side.viewer(0));
  const firstStarted = performance.now();
  const firstAnswer = await side.joinBoard(first);
  const firstJoin = performance.now() - firstStarted;
  if (!firstAnswer.ok) throw new Error(`the board join was refused: ${firstAnswer.error.code}`);
  const snapshot = firstAnswer.data;
  const { sittings } = unpackBoardSnapshot(snapshot);
  if (sittings.length !== SITTINGS)
    process.stderr.write(`warning: ${sittings.length} sittings on the board\n`);
  const others = await connectAll(VIEWERS - 1, (index) => side.viewer(index + 1));
  await Promise.all(others.map((socket) => side.joinBoard(socket)));
  const viewers = [first, ...others];
  const followers = await side.followers();
  const chairs = await side.chairs(POLLED);

  // When each viewer first heard of each sitting's poll.
  const heard = new Map<string, number[]>(); // meetingId -> arrival per viewer
  let sittingsReceived = 0;
  viewers.forEach((viewer, index) =>
    viewer.on(side.changes, (message: { sittings: readonly BoardSitting[] }) => {
      const at = performance.now();
      sittingsReceived += message.sittings.length;
      for (const sitting of message.sittings) {
        if (sitting.openPoll === null) continue;
        const arrivals = heard.get(sitting.meetingId) ?? [];
        arrivals[index] ??= at;
        heard.set(sitting.meetingId, arrivals);
      }
    }),
  );
  await sleep(1000);

  const cpuBefore = cpuSecondsOf(side.pid);
  const windowStarted = performance.now();
  const sent = new Map<string, { sent: number; acked: number }>();
  let refused = 0;
  const burst = Promise.all(
    POLLED.map(async (sitting, index) => {
      await sleep(Math.random() * windowMs);
      const chair = chairs[index];
      if (!chair) return;
      const started = performance.now();
      const ok = await side.openPoll(chair, sitting);
      sent.set(side.meetingIdOf(sitting), { sent: started, acked: performance.now() });
      if (!ok) refused += 1;
    }),
  );
  const lateJoin: number[] = [];
  let snapshotBytes = 0;
  const lateJoiners = (async () => {
    for (let index = 0; index < LATE_JOINS; index += 1) {
      const due = windowStarted + ((index + 0.5) * windowMs) / LATE_JOINS;
      await sleep(Math.max(0, due - performance.now()));
      const socket = await connected(side.viewer(index % VIEWERS));
      const started = performance.now();
      const answer = await side.joinBoard(socket);
      lateJoin.push(performance.now() - started);
      snapshotBytes = Buffer.byteLength(JSON.stringify(answer));
      socket.disconnect();
    }
  })();
  await Promise.all([burst, lateJoiners]);
  const complete = () =>
    [...sent.keys()].every(
      (meetingId) =>
        (heard.get(meetingId) ?? []).filter((at) => at !== undefined).length === VIEWERS,
    );
  for (let waited = 0; !complete() && waited < 10_000; waited += 100) await sleep(100);
  const serverCores =
    (cpuSecondsOf(side.pid) - cpuBefore) / ((performance.now() - windowStarted) / 1000);

  const perViewer: number[] = [];
  const everyViewer: number[] = [];
  const everyViewerFromSend: number[] = [];
  let missing = (POLLS - sent.size) * VIEWERS;
  for (const [meetingId, times] of sent) {
    const arrivals = (heard.get(meetingId) ?? []).filter((at) => at !== undefined);
    missing += VIEWERS - arrivals.length;
    if (arrivals.length === 0) continue;
    for (const at of arrivals) perViewer.push(at - times.acked);
    const last = Math.max(...arrivals);
    everyViewer.push(last - times.acked);
    everyViewerFromSend.push(last - times.sent);
  }
  if (refused > 0 || missing > 0)
    process.stderr.write(
      `warning: ${refused} polls refused, ${missing} viewer deliveries missing\n`,
    );
  for (const socket of [...viewers, ...followers, ...chairs]) socket.disconnect();
  await side.stop();
  return {
    snapshot,
    run: {
      perViewer,
      everyViewer,
      everyViewerFromSend,
      ack: [...sent.values()].map((times) => times.acked - times.sent),
      lateJoin,
      snapshotBytes,
      unpackedBytes: Buffer.byteLength(JSON.stringify(unpackBoardSnapshot(snapshot))),
      firstJoin,
      serverCores,
      sittingsPerViewer: sittingsReceived / VIEWERS,
      missing,
    },
  };
}

/** Members of `meeting` as the server knows them: the presiding officer and the secretary. */
async function chairAndSecretary(
  db: Database,
  meeting: BenchMeeting,
  now: Date,
): Promise<[Actor, Actor]> {
  const people = meeting.members.slice(0, 2).map((member) => member.personId);
  const accounts = await db
    .select()
    .from(schema.accounts)
    .where(inArray(schema.accounts.personId, people));
  const [chair, secretary] = await Promise.all(
    people.map((personId) => {
      const account = accounts.find((candidate) => candidate.personId === personId);
      if (!account) throw new Error('member without an account');
      return loadActor(db, account, now);
    }),
  );
  if (!chair || !secretary) throw new Error('no presiding officer or secretary');
  return [chair, secretary];
}

/** A show of hands where every voter is in favour, as the ballot box counts it. */
const everyoneInFavour = (voters: readonly string[]) => ({
  voters: [...voters],
  votes: voters.map((personId) => ({ personId, choice: 'in_favour' as const })),
  tally: { inFavour: voters.length, against: 0, notVoting: 0 },
  perCandidate: {},
  blank: 0,
  invalid: 0,
  entered: [],
});

/**
 * Every sitting of `world` convened by its commune's secretariat, everyone marked present by
 * the secretary, opened, its first item taken up and a first poll held (so the board shows a
 * last result) by the presiding officer: written through `runCommands` as the server writes
 * them, eight meetings at a time.
 */
async function openSittings(databaseUrl: string, world: readonly BenchMeeting[]): Promise<void> {
  const handle = await createDatabase({ driver: 'postgres', url: databaseUrl });
  const cache = new MeetingStateCache(benchKeys.log);
  const now = new Date();
  let next = 0;
  const open = async (meeting: BenchMeeting) => {
    const { db } = handle;
    const target = await meetingTarget(db, meeting.meetingId);
    const [chair, secretary] = await chairAndSecretary(db, meeting, now);
    const convening = await loadConvening(db, target.bodyId, meeting.meetingId, now);
    const voters = convening.roster
      .filter((member) => member.votingRight)
      .map((member) => member.personId);
    const pollId = randomUUID();
    const input = (command: MeetingCommand, actor: Actor) => ({
      commandId: randomUUID(),
      fingerprint: fingerprintOf(command),
      command,
      actor,
      now,
    });
    const results = await runCommands(
      db,
      target,
      [
        input(
          { type: 'convene', setup: convening },
          await secretariatOf(db, target.organisationId, now),
        ),
        input({ type: 'record_all_present' }, secretary),
        input({ type: 'open_sitting', setup: { roster: convening.roster } }, chair),
        input({ type: 'set_current_item', itemId: convening.agenda[0]?.id ?? '' }, chair),
        input({ type: 'open_poll', pollId, kind: 'open_vote', title: FIRST_POLL_TITLE }, chair),
        input({ type: 'close_poll', pollId, count: everyoneInFavour(voters) }, chair),
      ],
      cache,
    );
    const refusal = results.find((result) => !result.answer.ok)?.answer;
    if (refusal && !refusal.ok) throw new Error(`a sitting did not open: ${refusal.error.code}`);
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < world.length) {
        const meeting = world[next];
        next += 1;
        if (meeting) await open(meeting);
      }
    }),
  );
  await handle.close();
}

/** The engine: the province made and its sittings opened, then the real server started cold. */
async function engineSide(): Promise<Side> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const handle = await createDatabase({ driver: 'postgres', url: database.url });
  await handle.migrate();
  await handle.close();
  const made = performance.now();
  const province = await createProvince(database.url, VIEWERS);
  const world = await createMeetingsWorld(database.url, SITTINGS, MEMBERS, followersOf, {
    provinceId: province.provinceId,
    bodiesPerCommune: BODIES_PER_COMMUNE,
  });
  await openSittings(database.url, world);
  process.stderr.write(
    `  engine: ${SITTINGS} sittings made and opened in ${((performance.now() - made) / 1000).toFixed(0)} s\n`,
  );
  const server = await startEngine(database.url);
  const { url } = server;
  const following = (entries: readonly { token: string; meetingId: string }[]) =>
    connectAll(entries.length, (index) => engineSocket(url, entries[index]?.token ?? '')).then(
      async (sockets) => {
        await Promise.all(
          sockets.map((socket, index) =>
            socket.emitWithAck('meeting:join', {
              meetingId: entries[index]?.meetingId,
              sinceSeq: null,
            }),
          ),
        );
        return sockets;
      },
    );
  const meetingIdOf = (sitting: number) => world[sitting]?.meetingId ?? '';
  return {
    pid: server.pid,
    viewer: (index) => engineSocket(url, province.viewers[index] ?? ''),
    joinBoard: async (socket) =>
      (await socket.emitWithAck('board:join', { provinceId: province.provinceId })) as BoardAnswer,
    changes: 'board:changes',
    followers: () =>
      following(
        world.flatMap((meeting) =>
          meeting.followers.map((token) => ({ token, meetingId: meeting.meetingId })),
        ),
      ),
    chairs: (sittings) =>
      following(
        sittings.map((sitting) => ({
          token: world[sitting]?.presiding ?? '',
          meetingId: meetingIdOf(sitting),
        })),
      ),
    meetingIdOf,
    openPoll: async (chair, sitting) => {
      const answer = (await chair.emitWithAck('meeting:command', {
        meetingId: meetingIdOf(sitting),
        commandId: randomUUID(),
        command: {
          type: 'open_poll',
          pollId: randomUUID(),
          kind: 'open_vote',
          title: POLL_TITLE,
        },
      })) as { ok: boolean };
      return answer.ok;
    },
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** The floor, holding `packed` as its board (as sent); the sitting of index n is its n-th. */
async function floorSide(packed: PackedBoardSnapshot): Promise<Side> {
  const snapshot: BoardSnapshot = unpackBoardSnapshot(packed);
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startFloor(database.url);
  const open = server.open;
  const keeper = await connected(open());
  await keeper.emitWithAck('board-store', packed);
  keeper.disconnect();
  const room = (sitting: number) => `room-${sitting}`;
  const joined = async (rooms: readonly string[]) => {
    const sockets = await connectAll(rooms.length, open);
    await Promise.all(sockets.map((socket, index) => socket.emitWithAck('join', rooms[index])));
    return sockets;
  };
  const sittingOf = (sitting: number) => snapshot.sittings[sitting % snapshot.sittings.length];
  return {
    pid: server.pid,
    viewer: open,
    joinBoard: async (socket) => (await socket.emitWithAck('board-join', {})) as BoardAnswer,
    changes: 'board-changes',
    followers: () =>
      joined(
        Array.from({ length: SITTINGS }, (_, sitting) =>
          Array.from({ length: followersOf(sitting) }, () => room(sitting)),
        ).flat(),
      ),
    chairs: (sittings) => joined(sittings.map(room)),
    meetingIdOf: (sitting) => sittingOf(sitting)?.meetingId ?? '',
    openPoll: async (chair, sitting) => {
      const held = sittingOf(sitting);
      if (!held) return false;
      return (await chair.emitWithAck('sitting', {
        id: randomUUID(),
        room: room(sitting),
        sitting: { ...held, seq: held.seq + 1, openPoll: POLL_TITLE },
      })) as boolean;
    },
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

const engineRuns: Run[] = [];
const floorRuns: Run[] = [];
const started = performance.now();
for (let run = 0; run < runs; run += 1) {
  const engine = await live(await engineSide());
  engineRuns.push(engine.run);
  floorRuns.push((await live(await floorSide(engine.snapshot))).run);
  const [floor, ours] = [floorRuns.at(-1), engineRuns.at(-1)];
  process.stderr.write(
    `run ${run + 1}/${runs}: to every viewer p99 ${percentile(floor?.everyViewer ?? [], 99).toFixed(0)} / ` +
      `${percentile(ours?.everyViewer ?? [], 99).toFixed(0)} ms, late join p99 ` +
      `${percentile(floor?.lateJoin ?? [], 99).toFixed(1)} / ${percentile(ours?.lateJoin ?? [], 99).toFixed(1)} ms, ` +
      `snapshot ${ours?.snapshotBytes} bytes, first join ${ours?.firstJoin.toFixed(0)} ms (floor / engine; ` +
      `load average ${os.loadavg()[0]?.toFixed(1)})\n`,
  );
}

const figures: readonly {
  readonly name: string;
  readonly pick: (run: Run) => number;
  readonly unit: 'ms' | 'bytes' | 'cores' | '';
  readonly target?: string;
}[] = [
  { name: 'poll opened: acknowledgement p50', pick: (r) => percentile(r.ack, 50), unit: 'ms' },
  { name: 'poll opened: acknowledgement p99', pick: (r) => percentile(r.ack, 99), unit: 'ms' },
  { name: 'commit to a viewer p50', pick: (r) => percentile(r.perViewer, 50), unit: 'ms' },
  { name: 'commit to a viewer p99', pick: (r) => percentile(r.perViewer, 99), unit: 'ms' },
  { name: 'commit to every viewer p50', pick: (r) => percentile(r.everyViewer, 50), unit: 'ms' },
  {
    name: 'commit to every viewer p99',
    pick: (r) => percentile(r.everyViewer, 99),
    unit: 'ms',
    target: '1,500 ms',
  },
  { name: 'commit to every viewer max', pick: (r) => Math.max(...r.everyViewer), unit: 'ms' },
  {
    name: 'send to every viewer p99',
    pick: (r) => percentile(r.everyViewerFromSend, 99),
    unit: 'ms',
  },
  { name: 'late join p50', pick: (r) => percentile(r.lateJoin, 50), unit: 'ms' },
  {
    name: 'late join p99',
    pick: (r) => percentile(r.lateJoin, 99),
    unit: 'ms',
    target: 'under 200 ms',
  },
  {
    name: 'snapshot size',
    pick: (r) => r.snapshotBytes,
    unit: 'bytes',
    target: 'under 150 KB',
  },
  { name: 'the same as objects (unpacked)', pick: (r) => r.unpackedBytes, unit: 'bytes' },
  { name: 'first board join after the start', pick: (r) => r.firstJoin, unit: 'ms' },
  { name: 'server CPU over the window', pick: (r) => r.serverCores, unit: 'cores' },
  { name: 'sittings sent to each viewer', pick: (r) => r.sittingsPerViewer, unit: '' },
];
console.log(
  `\nprovince board: ${SITTINGS} sittings (${COMMUNES} communes x ${BODIES_PER_COMMUNE} bodies), ` +
    `${FOLLOWERS} meeting followers, ${VIEWERS} board viewers, ${POLLS} polls opening within ` +
    `${windowMs / 1000} s, ${LATE_JOINS} late joiners; ${runs} runs, medians ` +
    `(${((performance.now() - started) / 60_000).toFixed(0)} min)\n`,
);
console.log('| figure | floor | engine | ratio | target |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const { name, pick, unit, target } of figures) {
  const floor = median(floorRuns.map(pick));
  const ours = median(engineRuns.map(pick));
  const shown = (value: number) =>
    unit === 'ms'
      ? `${value.toFixed(value < 10 ? 1 : 0)} ms`
      : unit === 'bytes'
        ? `${value.toFixed(0)} B (${(value / 1024).toFixed(1)} KB)`
        : unit === 'cores'
          ? `${value.toFixed(2)} cores`
          : value.toFixed(0);
  console.log(
    `| ${name} | ${shown(floor)} | ${shown(ours)} | ${(ours / floor).toFixed(2)}x | ${target ?? ''} |`,
  );
}
const missing = engineRuns.reduce((sum, run) => sum + run.missing, 0);
if (missing > 0) console.log(`\n${missing} deliveries to viewers never came (engine, all runs)`);
process.exit(0);

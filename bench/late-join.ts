// A late joiner's snapshot of a long meeting: 10,000 events, 100 agenda items and 50 closed polls. Baseline:
// a bare Socket.IO server answering with a blob of the same size, the transport's floor.
// Run: DATABASE_URL=postgres://... pnpm bench:late-join [joins]
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createDatabase, schema } from '@hopxa/db';
import { eq, inArray } from 'drizzle-orm';
import type { Actor, MeetingCommand } from '@hopxa/domain';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { createThrowawayPostgres } from '@hopxa/testing';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { loadActor } from '../apps/server/src/auth/actor.service.ts';
import { meetingTarget } from '../apps/server/src/auth/authorize.ts';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { MeetingStateCache } from '../apps/server/src/meetings/event-log.ts';
import { fingerprintOf, runCommands } from '../apps/server/src/meetings/run-commands.ts';
import { loadConvening, loadRoster } from '../apps/server/src/meetings/sitting-setup.ts';
import { secretariatOf } from '../apps/server/src/test/secretariat.ts';
import {
  benchKeys,
  createMeetingsWorld,
  percentile,
  startProcess,
  stopProcess,
} from './bench-world.ts';

const joins = Number(process.argv[2] ?? 200);
const EVENTS = 10_000;
const AGENDA_ITEMS = 100;
const POLLS = 50;
const MEMBERS = 25;
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

/** Times `joins` fresh sockets each asking once; the first is the cold one. */
async function timeJoins(
  open: () => Socket,
  ask: (socket: Socket) => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < joins; index += 1) {
    const socket = open();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const started = performance.now();
    await ask(socket);
    times.push(performance.now() - started);
    socket.disconnect();
  }
  return times;
}

// A meeting of 25 members, 100 agenda items, 50 closed polls and 10,000 events, written as the server writes them.
const database = await createThrowawayPostgres(baseUrl);
const handle = await createDatabase({ driver: 'postgres', url: database.url });
await handle.migrate();
const now = new Date();
const [meeting] = await createMeetingsWorld(database.url, 1, MEMBERS, 0);
if (!meeting) throw new Error('no meeting was made');
const { meetingId } = meeting;
// The template's agenda makes way for a hundred items.
await handle.db.delete(schema.agendaItems).where(eq(schema.agendaItems.meetingId, meetingId));
await handle.db.insert(schema.agendaItems).values(
  Array.from({ length: AGENDA_ITEMS }, (_, position) => ({
    meetingId,
    position,
    title: `Mục ${position + 1}`,
    kind: 'report' as const,
    durationMinutes: 10,
  })),
);
const target = await meetingTarget(handle.db, meetingId);
const accounts = await handle.db
  .select()
  .from(schema.accounts)
  .where(
    inArray(
      schema.accounts.personId,
      meeting.members.map((member) => member.personId),
    ),
  );
// In the members' order: the first presides.
const actorsLoaded: Actor[] = await Promise.all(
  meeting.members.map((member) => {
    const account = accounts.find((candidate) => candidate.personId === member.personId);
    if (!account) throw new Error('member without an account');
    return loadActor(handle.db, account, now);
  }),
);
const cache = new MeetingStateCache(benchKeys.log);
await runCommands(
  handle.db,
  target,
  [
    {
      commandId: crypto.randomUUID(),
      fingerprint: fingerprintOf({ type: 'convene' }),
      command: {
        type: 'convene',
        setup: await loadConvening(handle.db, target.bodyId, meetingId, now),
      },
      actor: await secretariatOf(handle.db, target.organisationId, now),
      now,
    },
  ],
  cache,
);
// Everyone checks in, the first item is taken up, the tellers are appointed, and 50 polls
// are opened and closed (every fifth an election), as counted by the ballot box; then
// check-ins fill the log up to 10,000 events.
const presiding = actorsLoaded[0] as Actor;
const voterIds = meeting.members.map((member) => member.personId);
const input = (command: MeetingCommand, actor: Actor = presiding) => ({
  commandId: crypto.randomUUID(),
  fingerprint: fingerprintOf(command),
  command,
  actor,
  now,
});
const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng cử viên ${id}` }));
const setupCommands = [
  ...actorsLoaded.map((actor) => input({ type: 'check_in', status: 'present_in_hall' }, actor)),
  input({
    type: 'open_sitting',
    setup: { roster: await loadRoster(handle.db, target.bodyId, now) },
  }),
  input({
    type: 'set_current_item',
    itemId: (await cache.current(handle.db, target)).agenda[0]?.id ?? '',
  }),
  input({ type: 'appoint_tellers', personIds: voterIds.slice(1, 3) }),
  ...Array.from({ length: POLLS }, (_, index) => {
    const pollId = crypto.randomUUID();
    const election = index % 5 === 4;
    return [
      input({
        type: 'open_poll',
        pollId,
        kind: election ? 'election' : 'open_vote',
        title: `Biểu quyết ${index + 1}`,
        ...(election && { candidates, seats: 1 }),
      }),
      input({
        type: 'close_poll',
        pollId,
        count: {
          voters: voterIds,
          votes: election
            ? []
            : voterIds.map((personId) => ({ personId, choice: 'in_favour' as const })),
          tally: election
            ? { inFavour: 0, against: 0, notVoting: 0 }
            : { inFavour: MEMBERS, against: 0, notVoting: 0 },
          perCandidate: election ? { a: 20, b: 5 } : {},
          blank: 0,
          invalid: 0,
          entered: [],
        },
      }),
    ];
  }).flat(),
];
await runCommands(handle.db, target, setupCommands, cache);
for (let written = 1 + setupCommands.length; written < EVENTS; written += 200) {
  const batch = Array.from({ length: Math.min(200, EVENTS - written) }, (_, index) =>
    input(
      {
        type: 'check_in',
        status: index % 2 ? 'present_in_hall' : 'present_online',
        connectionPoint: 'Điểm cầu thôn',
      },
      actorsLoaded[(written + index) % MEMBERS] as Actor,
    ),
  );
  await runCommands(handle.db, target, batch, cache);
}
const built = await cache.current(handle.db, target);
if (built.seq !== EVENTS || built.polls.filter((poll) => poll.status === 'closed').length !== POLLS)
  throw new Error(`the meeting was not built as meant: ${built.seq} events`);
const snapshotBytes = JSON.stringify(await cache.current(handle.db, target)).length;
await handle.close();

// The engine: the real server, started cold on that database.
const server = await startProcess(
  fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url)),
  {
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  },
);
const port = server.port;
const engine = await timeJoins(
  () =>
    io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie: `${SESSION_COOKIE}=${meeting.presiding}` },
    }),
  (socket) => socket.emitWithAck('meeting:join', { meetingId, sinceSeq: null }),
);
await stopProcess(server.child);
await database.drop();

// The floor: a bare Socket.IO server answering with a blob of the snapshot's size.
const blob = 'x'.repeat(snapshotBytes);
const floorServer = http.createServer();
const floorIo = new Server(floorServer, { transports: ['websocket'] });
floorIo.on('connection', (socket) =>
  socket.on('join', (_request: unknown, ack: (data: string) => void) => ack(blob)),
);
await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
const floorPort = (floorServer.address() as { port: number }).port;
const floor = await timeJoins(
  () =>
    io(`http://127.0.0.1:${floorPort}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    }),
  (socket) => socket.emitWithAck('join', {}),
);
floorIo.close();

const warm = engine.slice(1);
console.log(
  `\nlate join of a meeting with ${EVENTS} events, ${AGENDA_ITEMS} agenda items and ${POLLS} closed polls (snapshot ${(snapshotBytes / 1024).toFixed(0)} KB), ${joins} joins\n`,
);
console.log('| figure | baseline | engine | ratio |');
console.log('| --- | ---: | ---: | ---: |');
console.log(
  `| first join after a restart | ${floor[0]?.toFixed(1)} ms | ${engine[0]?.toFixed(1)} ms | ${((engine[0] ?? 0) / (floor[0] ?? 1)).toFixed(1)}x |`,
);
console.log(
  `| join p50 | ${percentile(floor.slice(1), 50).toFixed(1)} ms | ${percentile(warm, 50).toFixed(1)} ms | ${(percentile(warm, 50) / percentile(floor.slice(1), 50)).toFixed(1)}x |`,
);
console.log(
  `| join p99 | ${percentile(floor.slice(1), 99).toFixed(1)} ms | ${percentile(warm, 99).toFixed(1)} ms | ${(percentile(warm, 99) / percentile(floor.slice(1), 99)).toFixed(1)}x |`,
);
process.exit(0);

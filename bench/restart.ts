// A server restart with 4,000 clients connected: the time from SIGTERM until every client is
// connected again and has rejoined its meeting in sync (the seq it holds is the server's).
// Baseline: the bare Socket.IO floor restarted the same way, clients rejoining their rooms.
// Run: DATABASE_URL=postgres://... pnpm bench:restart [meetings]
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { createThrowawayPostgres } from '@hopxa/testing';
import { io, type Socket } from 'socket.io-client';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { freePort } from '../apps/server/src/test/server-process.ts';
import {
  conveneAll,
  connectAll,
  createMeetingsWorld,
  sleep,
  startProcess,
  stopProcess,
} from './bench-world.ts';

const meetings = Number(process.argv[2] ?? 40);
const MEMBERS = 25;
const FOLLOWERS = 75;
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

const reconnecting = {
  transports: ['websocket'],
  forceNew: true,
  reconnectionDelay: 250,
  reconnectionDelayMax: 2000,
};

/** Restarts the server at `port` and resolves with the seconds until `inSync()` holds. */
async function restart(
  stop: () => Promise<void>,
  start: () => Promise<unknown>,
  inSync: () => boolean,
): Promise<number> {
  const began = performance.now();
  await stop();
  await start();
  while (!inSync()) {
    if (performance.now() - began > 60_000)
      throw new Error('clients did not come back within 60 s');
    await sleep(50);
  }
  return (performance.now() - began) / 1000;
}

async function engine(): Promise<number> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const port = await freePort();
  const main = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
  const env = {
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    PORT: String(port),
  };
  let server = await startProcess(main, env);
  const world = await createMeetingsWorld(database.url, meetings, MEMBERS, FOLLOWERS);
  const entries = world.flatMap((meeting) =>
    [...meeting.members.map((member) => member.token), ...meeting.followers].map((token) => ({
      token,
      meetingId: meeting.meetingId,
    })),
  );
  // Each client holds the seq it has and, on every connection, rejoins from it.
  const held = entries.map(() => ({ seq: -1, synced: false }));
  const sockets = await connectAll(entries.length, (index) => {
    const entry = entries[index];
    const socket: Socket = io(`http://127.0.0.1:${port}`, {
      ...reconnecting,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie: `${SESSION_COOKIE}=${entry?.token}` },
    });
    const state = held[index] ?? { seq: -1, synced: false };
    socket.on('meeting:events', (message: { events: { seq: number }[] }) => {
      for (const event of message.events) state.seq = Math.max(state.seq, event.seq);
    });
    socket.on('connect', () => {
      state.synced = false;
      socket
        .timeout(10_000)
        .emitWithAck('meeting:join', {
          meetingId: entry?.meetingId,
          sinceSeq: state.seq < 0 ? null : state.seq,
        })
        .then((answer: { ok: boolean; seq: number }) => {
          if (answer.ok) {
            state.seq = Math.max(state.seq, answer.seq);
            state.synced = state.seq === answer.seq;
          }
        })
        .catch(() => undefined);
    });
    return socket;
  });
  while (held.some((state) => !state.synced)) await sleep(50);
  // The meetings are convened, so every client holds events from before the restart.
  await conveneAll(`http://127.0.0.1:${port}`, world);
  while (held.some((state) => state.seq < 1)) await sleep(50);
  const seconds = await restart(
    () => stopProcess(server.child),
    async () => {
      server = await startProcess(main, env);
    },
    () => sockets.every((socket) => socket.connected) && held.every((state) => state.synced),
  );
  for (const socket of sockets) socket.disconnect();
  await stopProcess(server.child);
  await database.drop();
  return seconds;
}

async function floor(): Promise<number> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const port = await freePort();
  const file = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
  const env = { DATABASE_URL: database.url, PORT: String(port) };
  let server = await startProcess(file, env);
  const joined = Array.from({ length: meetings * (MEMBERS + FOLLOWERS) }, () => false);
  const sockets = await connectAll(joined.length, (index) => {
    const socket: Socket = io(`http://127.0.0.1:${port}`, reconnecting);
    socket.on('connect', () => {
      joined[index] = false;
      socket
        .timeout(10_000)
        .emitWithAck('join', `room-${index % meetings}`)
        .then(() => {
          joined[index] = true;
        })
        .catch(() => undefined);
    });
    return socket;
  });
  while (joined.some((done) => !done)) await sleep(50);
  const seconds = await restart(
    () => stopProcess(server.child),
    async () => {
      server = await startProcess(file, env);
    },
    () => sockets.every((socket) => socket.connected) && joined.every(Boolean),
  );
  for (const socket of sockets) socket.disconnect();
  await stopProcess(server.child);
  await database.drop();
  return seconds;
}

const floorSeconds = await floor();
const engineSeconds = await engine();
console.log(
  `\nrestart with ${meetings * (MEMBERS + FOLLOWERS)} clients connected: seconds until all are back in sync\n`,
);
console.log('| figure | baseline | engine | ratio | target |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(
  `| back in sync after a restart | ${floorSeconds.toFixed(1)} s | ${engineSeconds.toFixed(1)} s | ${(engineSeconds / floorSeconds).toFixed(2)}x | 15 s |`,
);
process.exit(0);

// What the meeting benchmarks share: starting servers, a world of meetings with sessions,
// connecting many sockets, and reading the results.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, schema, type Transaction } from '@hopxa/db';
import { MeetingClient } from '@hopxa/client';
import { BODY_KIND_NAMES, BODY_KIND_VALUES, DEFAULT_BODY_RULES, vietnamDay } from '@hopxa/domain';
import { io, type Socket } from 'socket.io-client';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { createSession } from '../apps/server/src/auth/session.service.ts';
import { createMeetingFromTemplate } from '../apps/server/src/meetings/meeting.service.ts';
import { deriveServerKeys } from '../apps/server/src/server-key.ts';

/**
 * One server key for every server this benchmark starts (a restart opens what was sealed and
 * checks the log that was written), and no key file left behind.
 */
const SERVER_KEY = randomBytes(32).toString('hex');

/** The keys of the servers this benchmark starts, for writing a world they will accept. */
export const benchKeys = deriveServerKeys(Buffer.from(SERVER_KEY, 'hex'));

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `file` with Node and resolves once it prints the port it listens on. */
export function startProcess(
  file: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_PROFILE_DIR=dir writes a CPU profile of every started server there, on its exit.
  const profile = process.env.BENCH_PROFILE_DIR;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, file], {
    env: { ...process.env, PORT: '0', SERVER_KEY, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(?:listening |localhost:)(\d+)/.exec(output);
      if (match?.[1]) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const MAIN_SCRIPT = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));

/** The real server in a process of its own on `databaseUrl`; its papers' folder goes with it. */
export async function startEngine(databaseUrl: string): Promise<{
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly stop: () => Promise<void>;
}> {
  // Where papers are kept; the benchmarks' servers keep nothing else there.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-bench-'));
  const { child, port } = await startProcess(MAIN_SCRIPT, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  return {
    child,
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const FLOOR_SCRIPT = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));

/** The floor (baseline-server.ts) in a process of its own on `databaseUrl`. */
export async function startFloor(databaseUrl: string): Promise<{
  readonly pid: number;
  readonly url: string;
  /** A new WebSocket-only connection to it, as the benchmarks' clients make. */
  readonly open: () => Socket;
  readonly stop: () => Promise<void>;
}> {
  const { child, port } = await startProcess(FLOOR_SCRIPT, { DATABASE_URL: databaseUrl });
  const url = `http://127.0.0.1:${port}`;
  return {
    pid: child.pid ?? 0,
    url,
    open: () => io(url, { transports: ['websocket'], forceNew: true, reconnection: false }),
    stop: () => stopProcess(child),
  };
}

/** Connects `count` sockets in batches, so the handshake storm is not itself the benchmark. */
export async function connectAll(
  count: number,
  open: (index: number) => Socket,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, offset) =>
      open(start + offset),
    );
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          }),
      ),
    );
    sockets.push(...batch);
  }
  return sockets;
}

export type BenchMeeting = {
  readonly meetingId: string;
  /** A session of the commune's secretariat, who convenes the meeting. */
  readonly secretariat: string;
  readonly presiding: string;
  readonly members: readonly { readonly personId: string; readonly token: string }[];
  readonly followers: readonly string[];
};

/** Where a world's meetings are: communes on their own, or a province's, several bodies each. */
export type WorldPlace = {
  /** Puts every commune below this province, on its board; none: communes on their own. */
  readonly provinceId?: string;
  /** How many bodies a commune has, each of its own kind with one meeting (1 to 5). */
  readonly bodiesPerCommune?: number;
};

/**
 * `meetings` meetings, each of a body in a commune (one body per commune unless `place` says
 * more, the People's Council first), with `memberCount` members (the first presides, the
 * second keeps the record) holding tablet sessions and followers of the commune with
 * browser sessions (`followerCount` per meeting, or the count of the meeting of that index);
 * returns every session token.
 */
export async function createMeetingsWorld(
  databaseUrl: string,
  meetings: number,
  memberCount: number,
  followerCount: number | ((meeting: number) => number),
  place: WorldPlace = {},
): Promise<BenchMeeting[]> {
  const handle = await createDatabase({ driver: 'postgres', url: databaseUrl });
  const now = new Date();
  const bodiesPerCommune = place.bodiesPerCommune ?? 1;
  const followersOf = typeof followerCount === 'number' ? () => followerCount : followerCount;
  const world: BenchMeeting[] = [];
  const makeCommune = async (index: number) => {
    const first = index * bodiesPerCommune;
    await handle.db.transaction(async (tx) => {
      const [commune] = await tx
        .insert(schema.organisations)
        .values({
          kind: 'commune',
          code: `bench/${index}`,
          name: `Xã Thử ${index}`,
          parentId: place.provinceId ?? null,
        })
        .returning();
      const communeId = commune?.id ?? '';
      const [office] = await tx
        .insert(schema.accounts)
        .values({
          role: 'secretariat',
          displayName: `Văn phòng ${index}`,
          organisationId: communeId,
        })
        .returning();
      const secretariat = (await createSession(tx, office?.id ?? '', 'browser', now)).token;
      const kinds = BODY_KIND_VALUES.slice(0, Math.min(bodiesPerCommune, meetings - first));
      for (const [offset, kind] of kinds.entries()) {
        const meeting = first + offset;
        const [body] = await tx
          .insert(schema.bodies)
          .values({
            organisationId: communeId,
            kind,
            name: `${BODY_KIND_NAMES[kind].name.vi} ${index}`,
            statutorySize: memberCount,
            rules: DEFAULT_BODY_RULES[kind],
          })
          .returning();
        const people = await tx
          .insert(schema.people)
          .values(
            Array.from({ length: memberCount }, (_, n) => ({
              fullName: `Đại biểu ${meeting}-${n}`,
            })),
          )
          .returning();
        await tx.insert(schema.memberships).values(
          people.map((person) => ({
            personId: person.id,
            bodyId: body?.id ?? '',
            startsOn: '2025-07-01',
          })),
        );
        const meetingId = await createMeetingFromTemplate(tx, {
          body: { id: body?.id ?? '', kind, name: body?.name ?? '' },
          place: 'Hội trường',
          startsAt: now,
          presidingOfficerId: people[0]?.id ?? '',
          secretaryIds: [people[1]?.id ?? ''],
          today: vietnamDay(now),
        });
        const accounts = await tx
          .insert(schema.accounts)
          .values(
            people.map((person) => ({
              role: 'delegate' as const,
              displayName: person.fullName,
              personId: person.id,
            })),
          )
          .returning();
        // One transaction's statements go down its connection one after another, unawaited.
        const members = await Promise.all(
          accounts.map(async (account) => ({
            personId: account.personId ?? '',
            token: (await createSession(tx, account.id, 'tablet', now)).token,
          })),
        );
        const followers = await followerSessions(tx, communeId, followersOf(meeting), now);
        world[meeting] = {
          meetingId,
          secretariat,
          presiding: members[0]?.token ?? '',
          members,
          followers,
        };
      }
    });
  };
  // A few communes at a time, each in a transaction of its own.
  let next = 0;
  const communes = Math.ceil(meetings / bodiesPerCommune);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < communes) {
        next += 1;
        await makeCommune(next - 1);
      }
    }),
  );
  await handle.close();
  return world;
}

/** `count` followers of an organisation (a commune's, or a province's board), each signed in. */
async function followerSessions(
  tx: Transaction,
  organisationId: string,
  count: number,
  now: Date,
): Promise<string[]> {
  if (count === 0) return [];
  const accounts = await tx
    .insert(schema.accounts)
    .values(
      Array.from({ length: count }, (_, n) => ({
        role: 'follower' as const,
        displayName: `Điểm cầu ${n}`,
        organisationId,
      })),
    )
    .returning();
  return Promise.all(
    accounts.map(async (account) => (await createSession(tx, account.id, 'browser', now)).token),
  );
}

/**
 * A province (its communes are made by `createMeetingsWorld` with its id) and `viewers` of its
 * own followers, who may watch its board, each signed in in a browser.
 */
export async function createProvince(
  databaseUrl: string,
  viewers: number,
): Promise<{ readonly provinceId: string; readonly viewers: readonly string[] }> {
  const handle = await createDatabase({ driver: 'postgres', url: databaseUrl });
  try {
    return await handle.db.transaction(async (tx) => {
      const [province] = await tx
        .insert(schema.organisations)
        .values({ kind: 'province', code: 'bench-province', name: 'Tỉnh Thử' })
        .returning();
      const provinceId = province?.id ?? '';
      return { provinceId, viewers: await followerSessions(tx, provinceId, viewers, new Date()) };
    });
  } finally {
    await handle.close();
  }
}

/** Convenes every meeting as its commune's secretariat does, over the socket: the roll call opens. */
export async function conveneAll(url: string, world: readonly BenchMeeting[]): Promise<void> {
  await Promise.all(
    world.map(async (meeting) => {
      const client = new MeetingClient(url, meeting.meetingId, {
        headers: { cookie: `${SESSION_COOKIE}=${meeting.secretariat}` },
      });
      await client.start();
      const answer = await client.send({ type: 'convene' });
      client.stop();
      if (!answer.ok) throw new Error(`the meeting was not convened: ${answer.error.code}`);
    }),
  );
}

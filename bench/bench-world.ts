// What the meeting benchmarks share: starting servers, a world of meetings with sessions,
// connecting many sockets, and reading the results.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDatabase, schema } from '@hopxa/db';
import { MeetingClient } from '@hopxa/client';
import { DEFAULT_BODY_RULES, vietnamDay } from '@hopxa/domain';
import type { Socket } from 'socket.io-client';
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

/**
 * `meetings` councils, each in a commune of its own, with `memberCount` members (the first
 * presides) holding tablet sessions and `followerCount` followers of the commune with browser
 * sessions; returns every session token.
 */
export async function createMeetingsWorld(
  databaseUrl: string,
  meetings: number,
  memberCount: number,
  followerCount: number,
): Promise<BenchMeeting[]> {
  const handle = await createDatabase({ driver: 'postgres', url: databaseUrl });
  const now = new Date();
  const world: BenchMeeting[] = [];
  for (let index = 0; index < meetings; index += 1) {
    await handle.db.transaction(async (tx) => {
      const [commune] = await tx
        .insert(schema.organisations)
        .values({ kind: 'commune', code: `bench/${index}`, name: `Xã Thử ${index}` })
        .returning();
      const communeId = commune?.id ?? '';
      const [body] = await tx
        .insert(schema.bodies)
        .values({
          organisationId: communeId,
          kind: 'peoples_council',
          name: `Hội đồng ${index}`,
          statutorySize: memberCount,
          rules: DEFAULT_BODY_RULES.peoples_council,
        })
        .returning();
      const people = await tx
        .insert(schema.people)
        .values(
          Array.from({ length: memberCount }, (_, n) => ({ fullName: `Đại biểu ${index}-${n}` })),
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
        body: { id: body?.id ?? '', kind: 'peoples_council', name: body?.name ?? '' },
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
      const members = [];
      for (const account of accounts)
        members.push({
          personId: account.personId ?? '',
          token: (await createSession(tx, account.id, 'tablet', now)).token,
        });
      const followerAccounts =
        followerCount === 0
          ? []
          : await tx
              .insert(schema.accounts)
              .values(
                Array.from({ length: followerCount }, (_, n) => ({
                  role: 'follower' as const,
                  displayName: `Điểm cầu ${n}`,
                  organisationId: communeId,
                })),
              )
              .returning();
      const followers = [];
      for (const account of followerAccounts)
        followers.push((await createSession(tx, account.id, 'browser', now)).token);
      const [office] = await tx
        .insert(schema.accounts)
        .values({
          role: 'secretariat',
          displayName: `Văn phòng ${index}`,
          organisationId: communeId,
        })
        .returning();
      const secretariat = (await createSession(tx, office?.id ?? '', 'browser', now)).token;
      world.push({
        meetingId,
        secretariat,
        presiding: members[0]?.token ?? '',
        members,
        followers,
      });
    });
  }
  await handle.close();
  return world;
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

// What the storm benchmarks share: the floor of this stack run as a storm (a bare Socket.IO
// server, baseline-server.ts), spreading sends over one second, and the medians table.
import fs from 'node:fs';
import { createThrowawayPostgres } from '@hopxa/testing';
import { PROTOCOL_VERSION, type PackedBoardSnapshot } from '@hopxa/protocol';
import { io, type Socket } from 'socket.io-client';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { connectAll, percentile, sleep, startFloor, type BenchMeeting } from './bench-world.ts';

/** The figures of one run. */
export type Sample = {
  ackP50: number;
  ackP99: number;
  deliveryP50: number;
  deliveryP99: number;
  rssPerClientKb: number;
};

const median = (values: number[]) => percentile(values, 50);

export const summarize = (
  ackTimes: number[],
  delivery: number[],
  rssPerClientKb: number,
): Sample => ({
  ackP50: percentile(ackTimes, 50),
  ackP99: percentile(ackTimes, 99),
  deliveryP50: percentile(delivery, 50),
  deliveryP99: percentile(delivery, 99),
  rssPerClientKb,
});
/** A process's resident memory in KB. */
export const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Spreads `work` over one second, as people pressing a button at the same moment do. */
export function withinOneSecond<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void[]> {
  return Promise.all(
    items.map(async (item) => {
      await sleep(Math.random() * 1000);
      await work(item);
    }),
  );
}

export type StormShape = {
  readonly baseUrl: string;
  readonly meetings: number;
  readonly members: number;
  readonly followers: number;
};

/**
 * The floor as a storm: every member sends one message within the same second; followers
 * take the room's count. `delivery` is each message reaching each follower (the first count
 * that includes it), `finalDelivery` the room's last message reaching each follower (the
 * count that includes every message).
 */
export async function runFloorStorm(shape: StormShape): Promise<{
  readonly ackTimes: number[];
  readonly delivery: number[];
  readonly finalDelivery: number[];
  readonly rssPerClientKb: number;
}> {
  const { baseUrl, meetings, members: MEMBERS, followers: FOLLOWERS } = shape;
  const database = await createThrowawayPostgres(baseUrl);
  const server = await startFloor(database.url);
  const rooms = Array.from({ length: meetings }, (_, index) => `room-${index}`);
  const rssBefore = rssKb(server.pid);
  const open = server.open;
  const members = await connectAll(meetings * MEMBERS, open);
  const followers = await connectAll(meetings * FOLLOWERS, open);
  await Promise.all(
    [...members, ...followers].map((socket, index) => {
      const room =
        rooms[(index < members.length ? index : index - members.length) % meetings] ?? '';
      return socket.emitWithAck('join', room);
    }),
  );
  const rssPerClientKb = (rssKb(server.pid) - rssBefore) / (members.length + followers.length);

  const acked = new Map<string, number[]>(); // room -> send times in ack order
  const countsSeen: { room: string; count: number; at: number; follower: number }[] = [];
  followers.forEach((follower, index) =>
    follower.on('count', (message: { room: string; count: number }) =>
      countsSeen.push({ ...message, at: performance.now(), follower: index }),
    ),
  );
  const ackTimes: number[] = [];
  await withinOneSecond(
    members.map((socket, index) => ({ socket, room: rooms[index % meetings] ?? '' })),
    async ({ socket, room }) => {
      const sent = performance.now();
      await socket.emitWithAck('message', { id: crypto.randomUUID(), room });
      ackTimes.push(performance.now() - sent);
      acked.set(room, [...(acked.get(room) ?? []), sent]);
    },
  );
  await sleep(1500);
  // A member's message reached a follower with the first count that includes it.
  const delivery: number[] = [];
  for (const seen of countsSeen) {
    const sends = acked.get(seen.room) ?? [];
    for (let rank = 0; rank < Math.min(seen.count, sends.length); rank += 1) {
      const sent = sends[rank] ?? 0;
      if (
        !countsSeen.some(
          (other) => other.room === seen.room && other.at < seen.at && other.count > rank,
        )
      )
        delivery.push(seen.at - sent);
    }
  }
  // The room's last message reached a follower with the first count of all of them.
  const finalDelivery: number[] = [];
  const reached = new Set<number>();
  for (const seen of countsSeen) {
    if (seen.count < MEMBERS || reached.has(seen.follower)) continue;
    reached.add(seen.follower);
    finalDelivery.push(seen.at - Math.max(...(acked.get(seen.room) ?? [seen.at])));
  }
  for (const socket of [...members, ...followers]) socket.disconnect();
  await server.stop();
  await database.drop();
  return { ackTimes, delivery, finalDelivery, rssPerClientKb };
}

/** Prints each figure as the floor's median, ours, and the ratio, as a Markdown table. */
export function printTable(
  title: string,
  baseline: readonly Sample[],
  engine: readonly Sample[],
  figures: readonly { name: string; pick: (sample: Sample) => number; unit: 'ms' | 'KB' }[],
): void {
  console.log(`\n${title}\n`);
  console.log('| figure | baseline | engine | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const { name, pick, unit } of figures) {
    const floor = median(baseline.map(pick));
    const ours = median(engine.map(pick));
    const digits = unit === 'KB' ? 1 : 0;
    console.log(
      `| ${name} | ${floor.toFixed(digits)} ${unit} | ${ours.toFixed(digits)} ${unit} | ${(ours / floor).toFixed(2)}x |`,
    );
  }
}

/** A websocket to the engine at `url`, signed in with the session `token`. */
export const engineSocket = (url: string, token: string): Socket =>
  io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` },
  });

/** `board:join`'s answer as a viewer gets it. */
export type BoardAnswer =
  | { readonly ok: true; readonly data: PackedBoardSnapshot }
  | { readonly ok: false; readonly error: { readonly code: string } };

/**
 * A province's board viewers on the engine at `url`, one socket per session token, each
 * joined to the board (all at once, after connecting); throws if one is refused.
 */
export async function joinBoardViewers(
  url: string,
  provinceId: string,
  tokens: readonly string[],
): Promise<Socket[]> {
  const viewers = await connectAll(tokens.length, (index) =>
    engineSocket(url, tokens[index] ?? ''),
  );
  const answers = (await Promise.all(
    viewers.map((socket) => socket.emitWithAck('board:join', { provinceId })),
  )) as BoardAnswer[];
  const refused = answers.find((answer) => !answer.ok);
  if (refused && !refused.ok) throw new Error(`a board viewer was refused: ${refused.error.code}`);
  return viewers;
}

/**
 * Every member and follower of `world` connected to the engine at `url` (websocket, session
 * cookie) and joined to its meeting, and the server's memory per client that took.
 */
export async function joinEngineClients(
  url: string,
  serverPid: number,
  world: readonly BenchMeeting[],
) {
  const rssBefore = rssKb(serverPid);
  const memberEntries = world.flatMap((meeting) =>
    meeting.members.map((member) => ({ ...member, meetingId: meeting.meetingId })),
  );
  const followerEntries = world.flatMap((meeting) =>
    meeting.followers.map((token) => ({ token, meetingId: meeting.meetingId })),
  );
  const members = await connectAll(memberEntries.length, (index) =>
    engineSocket(url, memberEntries[index]?.token ?? ''),
  );
  const followers = await connectAll(followerEntries.length, (index) =>
    engineSocket(url, followerEntries[index]?.token ?? ''),
  );
  const join = (socket: Socket, meetingId: string) =>
    socket.emitWithAck('meeting:join', { meetingId, sinceSeq: null });
  await Promise.all([
    ...members.map((socket, index) => join(socket, memberEntries[index]?.meetingId ?? '')),
    ...followers.map((socket, index) => join(socket, followerEntries[index]?.meetingId ?? '')),
  ]);
  const rssPerClientKb = (rssKb(serverPid) - rssBefore) / (members.length + followers.length);

  return { members, followers, memberEntries, followerEntries, rssPerClientKb };
}

// The vote storm, beside the floor of this stack (baseline-server.ts) run the same way.
// Run: DATABASE_URL=postgres://... pnpm bench:votes [runs] [meetings] [--json]
// (--json: the storm only, and every run's samples as a last line of JSON, for
// video-beside-storms.ts, papers-beside-votes.ts and board-beside-votes.ts; --beside-papers:
// while the engine's storm runs, forty tablets download a 20 MB paper from the same server,
// over and over; --beside-board: the communes are a province's, and 200 of its followers
// watch its board from before the meetings are convened to the end of the storm)
// 1. 40 meetings, each with 25 voting members and 75 followers (1,000 voters, 3,000
//    followers): an open vote is open in every meeting and every member casts a ballot within
//    the same second. Measured: the cast's acknowledgement, and the final count (every ballot
//    of the meeting) reaching each follower, against the floor's count of its messages.
// 2. One meeting of 2,000 voting members, all of whom voted, followed by 1,000 followers:
//    closing the poll, from the presiding officer's send to each follower holding the result.
//    Floor: a bare Socket.IO server broadcasting a message of the same size to as many sockets.
import { MeetingClient } from '@hopxa/client';
import { createDatabase, schema } from '@hopxa/db';
import type { Actor, MeetingCommand } from '@hopxa/domain';
import type { BoardChangesMessage } from '@hopxa/protocol';
import { createThrowawayPostgres } from '@hopxa/testing';
import { inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { loadActor } from '../apps/server/src/auth/actor.service.ts';
import { pdfFixture } from '../apps/server/src/documents/pdf-fixtures.ts';
import { meetingTarget } from '../apps/server/src/auth/authorize.ts';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { MeetingStateCache } from '../apps/server/src/meetings/event-log.ts';
import { fingerprintOf, runCommands } from '../apps/server/src/meetings/run-commands.ts';
import { loadConvening } from '../apps/server/src/meetings/sitting-setup.ts';
import { secretariatOf } from '../apps/server/src/test/secretariat.ts';
import { castBallots, openBox } from '../apps/server/src/polls/ballot-box.ts';
import { BallotSeal } from '../apps/server/src/polls/ballot-seal.ts';
import {
  connectAll,
  conveneAll,
  benchKeys,
  createMeetingsWorld,
  createProvince,
  percentile,
  sleep,
  startEngine,
  startFloor,
  type BenchMeeting,
} from './bench-world.ts';
import {
  engineSocket,
  joinBoardViewers,
  joinEngineClients,
  printTable,
  runFloorStorm,
  summarize,
  withinOneSecond,
  type Sample,
} from './storm-kit.ts';

const runs = Number(process.argv[2] ?? 5);
const meetings = Number(process.argv[3] ?? 40);
const json = process.argv.includes('--json');
/** --beside-papers: 40 tablets take a 20 MB paper from the same server, again and again. */
const besidePapers = process.argv.includes('--beside-papers');
/** --beside-board: the province's board watched by 200 viewers throughout. */
const besideBoard = process.argv.includes('--beside-board');
const BOARD_VIEWERS = 200;
const MEMBERS = 25;
const FOLLOWERS = 75;
const LARGE_ELECTORATE = 2000;
const LARGE_FOLLOWERS = 1000;
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

const presidingClient = (url: string, meeting: BenchMeeting) =>
  new MeetingClient(url, meeting.meetingId, {
    headers: { cookie: `${SESSION_COOKIE}=${meeting.presiding}` },
  });

async function runEngineStorm(): Promise<Sample> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startEngine(database.url);
  const { url } = server;
  const province = besideBoard ? await createProvince(database.url, BOARD_VIEWERS) : null;
  const world = await createMeetingsWorld(
    database.url,
    meetings,
    MEMBERS,
    FOLLOWERS,
    province ? { provinceId: province.provinceId } : {},
  );
  const { members, followers, memberEntries, followerEntries, rssPerClientKb } =
    await joinEngineClients(url, server.pid, world);
  // The board's viewers see the sittings come onto it as they are convened, then every change.
  const viewers = province
    ? await joinBoardViewers(url, province.provinceId, province.viewers)
    : [];
  let boardChanges = 0;
  for (const viewer of viewers)
    viewer.on('board:changes', (message: BoardChangesMessage) => {
      boardChanges += message.sittings.length;
    });

  // Each meeting is convened, the members check in, the presiding officer opens the sitting,
  // and an open vote opens.
  await conveneAll(url, world);
  const chairs = world.map((meeting) => presidingClient(url, meeting));
  await Promise.all(chairs.map((chair) => chair.start()));
  await Promise.all(
    members.map((socket, index) =>
      socket.emitWithAck('meeting:command', {
        meetingId: memberEntries[index]?.meetingId,
        commandId: crypto.randomUUID(),
        command: { type: 'check_in', status: 'present_in_hall' },
      }),
    ),
  );
  await Promise.all(chairs.map((chair) => chair.send({ type: 'open_sitting' })));
  const pollOf = new Map<string, string>(); // meetingId -> pollId
  await Promise.all(
    chairs.map(async (chair) => {
      const itemId = chair.state?.agenda[0]?.id ?? '';
      await chair.send({ type: 'set_current_item', itemId });
      const pollId = crypto.randomUUID();
      pollOf.set(chair.meetingId, pollId);
      const opened = await chair.send({
        type: 'open_poll',
        pollId,
        kind: 'open_vote',
        title: 'Thông qua nghị quyết',
      });
      if (!opened.ok) throw new Error(`the poll did not open: ${opened.error.code}`);
    }),
  );
  const papers = besidePapers ? await startPapers(url, world[0]) : null;
  await sleep(500);

  const lastSend = new Map<string, number>(); // meetingId -> when its last ballot was sent
  const finalDelivery: number[] = [];
  followers.forEach((follower, index) => {
    let reached = false;
    follower.on('poll:progress', (message: { meetingId: string; voted: number }) => {
      if (reached || message.voted < MEMBERS) return;
      reached = true;
      const meetingId = followerEntries[index]?.meetingId ?? '';
      finalDelivery.push(performance.now() - (lastSend.get(meetingId) ?? 0));
    });
  });
  const ackTimes: number[] = [];
  let refused = 0;
  await withinOneSecond(
    members.map((socket, index) => ({ socket, meetingId: memberEntries[index]?.meetingId ?? '' })),
    async ({ socket, meetingId }) => {
      const sent = performance.now();
      lastSend.set(meetingId, Math.max(lastSend.get(meetingId) ?? 0, sent));
      const answer = (await socket.emitWithAck('poll:cast', {
        meetingId,
        pollId: pollOf.get(meetingId),
        castId: crypto.randomUUID(),
        ballot: { kind: 'motion', choice: 'in_favour' },
      })) as { ok: boolean };
      ackTimes.push(performance.now() - sent);
      if (!answer.ok) refused += 1;
    },
  );
  for (let waited = 0; finalDelivery.length < followers.length && waited < 30_000; waited += 100)
    await sleep(100);
  if (refused > 0 || finalDelivery.length < followers.length) {
    process.stderr.write(
      `warning: ${refused} refused, ${finalDelivery.length}/${followers.length} followers saw the final count\n`,
    );
  }
  const served = await papers?.stop();
  if (served !== undefined)
    process.stderr.write(`  papers meanwhile: ${(served / 1e6).toFixed(0)} MB to 40 tablets\n`);
  if (province)
    process.stderr.write(
      `  board meanwhile: ${boardChanges / viewers.length} sittings' changes to each of ${viewers.length} viewers\n`,
    );
  for (const client of chairs) client.stop();
  for (const socket of [...members, ...followers, ...viewers]) socket.disconnect();
  await server.stop();
  await database.drop();
  return summarize(ackTimes, finalDelivery, rssPerClientKb);
}

/**
 * Files a 20 MB paper in `meeting` as its secretariat, then has forty of its members'
 * tablets download it over and over until stopped; `stop` answers the bytes served.
 */
async function startPapers(
  url: string,
  meeting: BenchMeeting | undefined,
): Promise<{ stop: () => Promise<number> }> {
  if (!meeting) throw new Error('no meeting to file a paper in');
  const paper = pdfFixture({ pages: 12, padding: Math.floor((20 * 1024 * 1024) / 12) });
  const query = new URLSearchParams({
    title: 'Báo cáo kinh tế - xã hội năm 2026',
    kind: 'report',
    audience: 'members',
    fileName: 'Báo cáo.pdf',
  });
  const filed = await fetch(`${url}/api/meetings/${meeting.meetingId}/documents?${query}`, {
    method: 'POST',
    headers: {
      cookie: `${SESSION_COOKIE}=${meeting.secretariat}`,
      origin: url,
      'content-type': 'application/pdf',
    },
    body: new Uint8Array(paper),
  });
  if (filed.status !== 201) throw new Error(`the paper was not filed: HTTP ${filed.status}`);
  const { id } = (await filed.json()) as { id: string };
  let stopping = false;
  let served = 0;
  const tablets = Array.from({ length: 40 }, async (_, index) => {
    const token = meeting.members[index % meeting.members.length]?.token ?? '';
    while (!stopping) {
      const response = await fetch(`${url}/api/documents/${id}/file`, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
      for await (const chunk of response.body ?? []) served += (chunk as Uint8Array).length;
    }
  });
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(tablets);
      return served;
    },
  };
}

/** Times from `trigger` to each of `followers` hearing `event`; also returns the message size. */
async function timeBroadcast(
  followers: readonly Socket[],
  event: string,
  isIt: (message: unknown) => boolean,
  trigger: () => Promise<unknown>,
): Promise<{ times: number[]; bytes: number }> {
  let bytes = 0;
  const times: number[] = [];
  const heard = followers.map(
    (follower) =>
      new Promise<void>((resolve) => {
        const listener = (message: unknown) => {
          if (!isIt(message)) return;
          times.push(performance.now() - started);
          bytes = JSON.stringify(message).length;
          follower.off(event, listener);
          resolve();
        };
        follower.on(event, listener);
      }),
  );
  const started = performance.now();
  await trigger();
  await Promise.all(heard);
  return { times, bytes };
}

/**
 * A meeting of 2,000 members where everyone voted, made straight in the database the way
 * the server writes it, then served by the real server: closing counts the box, freezes the
 * result with who chose what, and sends it to every follower.
 */
async function closeLargePoll(): Promise<{ times: number[]; bytes: number }> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const handle = await createDatabase({ driver: 'postgres', url: database.url });
  await handle.migrate();
  const [meeting] = await createMeetingsWorld(database.url, 1, LARGE_ELECTORATE, LARGE_FOLLOWERS);
  if (!meeting) throw new Error('no meeting was made');
  const now = new Date();
  const target = await meetingTarget(handle.db, meeting.meetingId);
  const [chairAccount, secretaryAccount] = await Promise.all(
    meeting.members.slice(0, 2).map(async (member) => {
      const [account] = await handle.db
        .select()
        .from(schema.accounts)
        .where(inArray(schema.accounts.personId, [member.personId]));
      if (!account) throw new Error('member without an account');
      return loadActor(handle.db, account, now);
    }),
  );
  const input = (command: MeetingCommand, actor: Actor) => ({
    commandId: crypto.randomUUID(),
    fingerprint: fingerprintOf(command),
    command,
    actor,
    now,
  });
  const cache = new MeetingStateCache(benchKeys.log);
  const pollId = crypto.randomUUID();
  const convening = await loadConvening(handle.db, target.bodyId, meeting.meetingId, now);
  await runCommands(
    handle.db,
    target,
    [
      input(
        { type: 'convene', setup: convening },
        await secretariatOf(handle.db, target.organisationId, now),
      ),
    ],
    cache,
  );
  for (let start = 0; start < LARGE_ELECTORATE; start += 200) {
    await runCommands(
      handle.db,
      target,
      meeting.members
        .slice(start, start + 200)
        .map((member) =>
          input(
            { type: 'record_attendance', personId: member.personId, status: 'present_in_hall' },
            secretaryAccount as Actor,
          ),
        ),
      cache,
    );
  }
  await runCommands(
    handle.db,
    target,
    [input({ type: 'open_sitting', setup: { roster: convening.roster } }, chairAccount as Actor)],
    cache,
  );
  const box = { meetingId: meeting.meetingId, pollId, secret: false, seats: 0 };
  await openBox(handle.db, box);
  const opened = await runCommands(
    handle.db,
    target,
    [
      input(
        { type: 'set_current_item', itemId: convening.agenda[0]?.id ?? '' },
        chairAccount as Actor,
      ),
      input(
        { type: 'open_poll', pollId, kind: 'open_vote', title: 'Lấy ý kiến' },
        chairAccount as Actor,
      ),
    ],
    cache,
  );
  if (opened.some((result) => !result.answer.ok)) throw new Error('the poll did not open');
  const seal = new BallotSeal(benchKeys.seal);
  for (let start = 0; start < LARGE_ELECTORATE; start += 500) {
    await castBallots(
      handle.db,
      seal,
      box,
      meeting.members.slice(start, start + 500).map((member, index) => ({
        personId: member.personId,
        castId: crypto.randomUUID(),
        ballot: { kind: 'motion', choice: (start + index) % 5 < 3 ? 'in_favour' : 'against' },
        enteredBy: null,
      })),
    );
  }
  await handle.close();

  const server = await startEngine(database.url);
  const { url } = server;
  const chair = presidingClient(url, meeting);
  await chair.start();
  const followers = await connectAll(LARGE_FOLLOWERS, (index) =>
    engineSocket(url, meeting.followers[index] ?? ''),
  );
  await Promise.all(
    followers.map((socket) =>
      socket.emitWithAck('meeting:join', { meetingId: meeting.meetingId, sinceSeq: null }),
    ),
  );
  await sleep(500);
  const result = await timeBroadcast(
    followers,
    'meeting:events',
    (message) =>
      (message as { events: { type: string }[] }).events.some(
        (event) => event.type === 'poll_closed',
      ),
    () => chair.send({ type: 'close_poll', pollId }),
  );
  chair.stop();
  for (const socket of followers) socket.disconnect();
  await server.stop();
  await database.drop();
  return result;
}

/** The floor of that close: a bare Socket.IO server broadcasting `bytes` to every follower. */
async function floorLargeBroadcast(bytes: number): Promise<{ times: number[]; bytes: number }> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startFloor(database.url);
  const open = server.open;
  const followers = await connectAll(LARGE_FOLLOWERS, open);
  await Promise.all(followers.map((socket) => socket.emitWithAck('join', 'large')));
  const trigger = open();
  await new Promise((resolve) => trigger.once('connect', () => resolve(undefined)));
  await sleep(500);
  const result = await timeBroadcast(
    followers,
    'blob',
    () => true,
    () => trigger.emitWithAck('broadcast', { room: 'large', bytes }),
  );
  trigger.disconnect();
  for (const socket of followers) socket.disconnect();
  await server.stop();
  await database.drop();
  return result;
}

const baseline: Sample[] = [];
const engine: Sample[] = [];
for (let run = 0; run < runs; run += 1) {
  const floor = await runFloorStorm({ baseUrl, meetings, members: MEMBERS, followers: FOLLOWERS });
  baseline.push(summarize(floor.ackTimes, floor.finalDelivery, floor.rssPerClientKb));
  engine.push(await runEngineStorm());
  const [floorRun, ours] = [baseline.at(-1), engine.at(-1)];
  process.stderr.write(
    `run ${run + 1}/${runs}: cast ack p99 ${floorRun?.ackP99.toFixed(0)} / ${ours?.ackP99.toFixed(0)} ms, ` +
      `final count p99 ${floorRun?.deliveryP99.toFixed(0)} / ${ours?.deliveryP99.toFixed(0)} ms (floor / engine)\n`,
  );
}
printTable(
  `vote storm: ${meetings} meetings x ${MEMBERS} voters, ${meetings * FOLLOWERS} followers; ${runs} runs, medians`,
  baseline,
  engine,
  [
    { name: 'cast acknowledgement p50', pick: (s) => s.ackP50, unit: 'ms' },
    { name: 'cast acknowledgement p99', pick: (s) => s.ackP99, unit: 'ms' },
    { name: 'final count reaching every follower p50', pick: (s) => s.deliveryP50, unit: 'ms' },
    { name: 'final count reaching every follower p99', pick: (s) => s.deliveryP99, unit: 'ms' },
    { name: 'server memory per client', pick: (s) => s.rssPerClientKb, unit: 'KB' },
  ],
);

if (json) {
  console.log(JSON.stringify({ baseline, engine }));
  process.exit(0);
}

const closes: { times: number[]; bytes: number }[] = [];
const floors: { times: number[]; bytes: number }[] = [];
for (let run = 0; run < Math.min(runs, 3); run += 1) {
  const close = await closeLargePoll();
  closes.push(close);
  floors.push(await floorLargeBroadcast(close.bytes));
  process.stderr.write(
    `close ${run + 1}: result at every follower ${Math.max(...close.times).toFixed(0)} ms (floor ${Math.max(...(floors.at(-1)?.times ?? [0])).toFixed(0)} ms)\n`,
  );
}
const medianOf = (samples: { times: number[] }[], pick: (times: number[]) => number) =>
  percentile(
    samples.map((sample) => pick(sample.times)),
    50,
  );
console.log(
  `\nclosing a poll of ${LARGE_ELECTORATE} voters (result ${((closes[0]?.bytes ?? 0) / 1024).toFixed(0)} KB) with ${LARGE_FOLLOWERS} followers; ${closes.length} runs, medians\n`,
);
console.log('| figure | baseline | engine | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, pick] of [
  ['result at followers p50', (times: number[]) => percentile(times, 50)],
  ['result at every follower (max)', (times: number[]) => Math.max(...times)],
] as const) {
  const floor = medianOf(floors, pick);
  const ours = medianOf(closes, pick);
  console.log(
    `| ${name} | ${floor.toFixed(0)} ms | ${ours.toFixed(0)} ms | ${(ours / floor).toFixed(2)}x |`,
  );
}

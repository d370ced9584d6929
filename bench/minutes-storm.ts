// The minutes written live, beside the floor of this stack (baseline-server.ts) run the same way.
// Run: DATABASE_URL=postgres://... pnpm bench:minutes [runs] [seconds] [followers] [joins]
// 1. One meeting followed by 1,000 followers (sockets in the meeting's room, the minutes
//    open) while its two secretaries type, each 5 steps a second as single-step batches,
//    for 20 s. Measured: from a secretary sending a step to each follower receiving it, and
//    the batch's acknowledgement. Floor: per step one durable insert, then the step to the
//    room and the acknowledgement.
// 2. A late joiner opening the minutes of a 4-hour sitting: 2,000 steps stored (with the
//    snapshots the store makes every 100 steps), and 2,099 (the most steps after a
//    snapshot). Measured: the `minutes:join` answer on a fresh socket. Floor: the same
//    document stored as one row, read back whole.
// `seconds` 0 skips the first case, `joins` 0 the second.
import { fileURLToPath } from 'node:url';
import { createDatabase, schema } from '@hopxa/db';
import { PROTOCOL_VERSION } from '@hopxa/protocol';
import { createThrowawayPostgres } from '@hopxa/testing';
import { io, type Socket } from 'socket.io-client';
import { SESSION_COOKIE } from '../apps/server/src/auth/session-cookie.ts';
import { MinutesStore, SNAPSHOT_EVERY } from '../apps/server/src/minutes/minutes-store.ts';
import {
  connectAll,
  createMeetingsWorld,
  percentile,
  sleep,
  startFloor,
  startProcess,
  stopProcess,
} from './bench-world.ts';
import { joinEngineClients, printTable, summarize, type Sample } from './storm-kit.ts';

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 20);
const FOLLOWERS = Number(process.argv[4] ?? 1000);
const joins = Number(process.argv[5] ?? 200);
const STEPS_PER_SECOND = 5;
/** The meeting's presiding officer and its two secretaries. */
const MEMBERS = 3;
/** A 4-hour sitting's minutes: at a snapshot, and with the most steps after one. */
const STORED_STEPS = [2000, 2000 + SNAPSHOT_EVERY - 1];
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl)
  throw new Error('set DATABASE_URL to a Postgres server the benchmark may create databases on');

const mainScript = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
const engineEnv = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
});

// What the secretaries type, as ProseMirror steps in JSON (the minutes' schema: paragraphs of
// text): a word at the end of the minutes, and every 15th step a new paragraph.
type StepJson = Record<string, unknown>;
const WORDS = ['Đại biểu ', 'thống nhất ', 'thông qua ', 'ý kiến ', 'Ủy ban ', 'tờ trình '];

/** How much a step grows the document (its slice's size; every step here inserts). */
function grows(step: StepJson): number {
  const nodeSize = (node: { text?: string; content?: unknown[] }): number =>
    node.text !== undefined
      ? node.text.length
      : 2 + (node.content ?? []).reduce<number>((sum, child) => sum + nodeSize(child as never), 0);
  const slice = step.slice as
    { content?: { text?: string }[]; openStart?: number; openEnd?: number } | undefined;
  const inserted =
    (slice?.content ?? []).reduce((sum, node) => sum + nodeSize(node), 0) -
    (slice?.openStart ?? 0) -
    (slice?.openEnd ?? 0);
  return inserted - (Number(step.to) - Number(step.from));
}

/** A secretary's hands: the next step, typed at the end of a document of `size`. */
class Typist {
  #typed = 0;
  next(size: number): StepJson {
    this.#typed += 1;
    const end = size - 1; // the end of the last paragraph
    if (this.#typed % 15 === 0)
      return {
        stepType: 'replace',
        from: end,
        to: end,
        slice: {
          content: [{ type: 'paragraph' }, { type: 'paragraph' }],
          openStart: 1,
          openEnd: 1,
        },
      };
    const text = WORDS[this.#typed % WORDS.length] ?? '';
    return {
      stepType: 'replace',
      from: end,
      to: end,
      slice: { content: [{ type: 'text', text }] },
    };
  }
}
/** The size of an empty document's content: one empty paragraph. */
const EMPTY_SIZE = 2;

/** The figures of one run of the typing case, and what went wrong in it. */
type Typed = {
  readonly sample: Sample;
  readonly steps: number;
  readonly stale: number;
  readonly missing: number;
  readonly refused: number;
  /** Steps reaching every follower p99, of the steps taken the first time they were sent. */
  readonly firstTryP99: number;
};

/** A send and how long its answer took. */
type Ack = { readonly sent: number; readonly ms: number };
/** The first second of typing warms the server up and is not measured. */
const WARM_UP_TICKS = STEPS_PER_SECOND;

/**
 * Runs each secretary's `type` 5 times a second for a second and then `seconds`, the second
 * one 100 ms after the first, and waits for the last sends to be answered; resolves with when
 * the measured part began.
 */
async function typeFor(
  secretaries: readonly { type: () => void; idle: () => boolean }[],
): Promise<number> {
  const started = performance.now();
  const ticks = WARM_UP_TICKS + seconds * STEPS_PER_SECOND;
  const period = 1000 / STEPS_PER_SECOND;
  await Promise.all(
    secretaries.map(async (secretary, index) => {
      for (let tick = 0; tick < ticks; tick += 1) {
        const due = started + tick * period + (index * period) / secretaries.length;
        await sleep(Math.max(0, due - performance.now()));
        secretary.type();
      }
    }),
  );
  for (let waited = 0; !secretaries.every((each) => each.idle()) && waited < 30_000; waited += 50)
    await sleep(50);
  // The last steps reach the followers.
  await sleep(2000);
  return started + (WARM_UP_TICKS * 1000) / STEPS_PER_SECOND;
}

/** The answer times of the sends made from `from` on. */
const measuredAcks = (acks: readonly Ack[], from: number) =>
  acks.filter((ack) => ack.sent >= from).map((ack) => ack.ms);

/**
 * Each follower's arrival of each version sent from `from` on, against the send of the step
 * that became it; and how many of those arrivals never came.
 */
function deliveries(
  sentAt: ReadonlyMap<number, number>,
  arrivals: ReadonlyMap<number, number[]>,
  from: number,
): { delivery: number[]; missing: number } {
  const delivery: number[] = [];
  let missing = 0;
  for (const [version, sent] of sentAt) {
    if (sent < from) continue;
    const heard = arrivals.get(version) ?? [];
    missing += FOLLOWERS - heard.length;
    for (const at of heard) delivery.push(at - sent);
  }
  return { delivery, missing };
}

/** Records, for each follower socket, when each version of `event` reaches it. */
function listen(followers: readonly Socket[], event: string): Map<number, number[]> {
  const arrivals = new Map<number, number[]>();
  for (const follower of followers)
    follower.on(event, (message: { version: number; steps: unknown[] }) => {
      const at = performance.now();
      for (let index = 0; index < message.steps.length; index += 1) {
        const version = message.version - message.steps.length + 1 + index;
        const list = arrivals.get(version);
        if (list) list.push(at);
        else arrivals.set(version, [at]);
      }
    });
  return arrivals;
}

/**
 * A secretary's editor as the web app's minutes session runs it: one batch in flight; what
 * she types meanwhile goes in the next; her own steps come back with the others' in the
 * room's copy, asked for only when an answer is ahead of what she heard; refused as stale, she catches up
 * and sends her steps again, placed at the end of the minutes as they now are.
 */
class EngineSecretary {
  readonly #socket: Socket;
  readonly #meetingId: string;
  readonly #clientId: string;
  readonly #typist = new Typist();
  /** What she typed and the server has not taken yet, with when it was first sent. */
  readonly #pending: { firstSent: number | null }[] = [];
  #version = 0;
  #size = EMPTY_SIZE;
  #busy = false;
  stale = 0;
  refused = 0;
  /** Each version she made, and when its step was first sent; each batch's answer time. */
  readonly sentAt: Map<number, number>;
  readonly ackTimes: Ack[];
  /** The versions whose step went more than once (refused as stale first). */
  readonly resent = new Set<number>();

  constructor(
    socket: Socket,
    meetingId: string,
    clientId: string,
    sentAt: Map<number, number>,
    ackTimes: Ack[],
  ) {
    this.sentAt = sentAt;
    this.ackTimes = ackTimes;
    this.#socket = socket;
    this.#meetingId = meetingId;
    this.#clientId = clientId;
    // She hears the room's steps as every reader does; a gap is fetched in order instead.
    socket.on('minutes:steps', (message: { version: number; steps: { step: StepJson }[] }) => {
      const first = message.version - message.steps.length;
      if (first > this.#version) void this.#pull();
      else this.#receive(first, message.steps);
    });
  }

  type(): void {
    this.#pending.push({ firstSent: null });
    if (!this.#busy) void this.#flush();
  }

  idle(): boolean {
    return !this.#busy && this.#pending.length === 0;
  }

  async #flush(): Promise<void> {
    this.#busy = true;
    while (this.#pending.length > 0) {
      const batch = [...this.#pending];
      let size = this.#size;
      const steps = batch.map(() => {
        const step = this.#typist.next(size);
        size += grows(step);
        return step;
      });
      const sent = performance.now();
      for (const each of batch) each.firstSent ??= sent;
      const answer = (await this.#socket.timeout(10_000).emitWithAck('minutes:steps', {
        meetingId: this.#meetingId,
        batchId: crypto.randomUUID(),
        version: this.#version,
        clientId: this.#clientId,
        steps,
      })) as { ok: true; data: { version: number } } | { ok: false; error: { code: string } };
      this.ackTimes.push({ sent, ms: performance.now() - sent });
      if (answer.ok) {
        this.#pending.splice(0, batch.length);
        batch.forEach((each, index) => {
          const version = answer.data.version - batch.length + 1 + index;
          this.sentAt.set(version, each.firstSent ?? sent);
          if (each.firstSent !== sent) this.resent.add(version);
        });
      } else if (answer.error.code === 'minutes_stale') {
        this.stale += 1;
      } else {
        this.refused += 1;
        this.#pending.splice(0, batch.length);
      }
      // Her own steps usually came back in the room's copy before the answer; asked for only
      // if they have not, or to catch up after a refusal.
      if (!answer.ok || this.#version < answer.data.version) await this.#pull();
    }
    this.#busy = false;
  }

  async #pull(): Promise<void> {
    const from = this.#version;
    const since = (await this.#socket.timeout(10_000).emitWithAck('minutes:since', {
      meetingId: this.#meetingId,
      version: from,
    })) as { ok: boolean; data: { version: number; steps: { step: StepJson }[] } };
    if (!since.ok) throw new Error('minutes:since refused');
    this.#receive(from, since.data.steps);
  }

  /** Takes `steps`, the first of which makes version `first + 1`, skipping those she has. */
  #receive(first: number, steps: readonly { step: StepJson }[]): void {
    for (const record of steps.slice(this.#version - first)) this.#size += grows(record.step);
    this.#version = Math.max(this.#version, first + steps.length);
  }
}

async function engineTyping(): Promise<Typed> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startProcess(mainScript, engineEnv(database.url));
  const url = `http://127.0.0.1:${server.port}`;
  const [meeting] = await createMeetingsWorld(database.url, 1, MEMBERS, FOLLOWERS);
  if (!meeting) throw new Error('no meeting was made');
  // The template names one secretary; the meeting has two.
  const handle = await createDatabase({ driver: 'postgres', url: database.url });
  await handle.db.insert(schema.meetingRoles).values({
    meetingId: meeting.meetingId,
    personId: meeting.members[2]?.personId ?? '',
    role: 'secretary',
  });
  await handle.close();
  const { members, followers } = await joinEngineClients(url, server.child.pid ?? 0, [meeting]);
  // Every follower has the minutes open.
  await Promise.all(
    followers.map((socket) => socket.emitWithAck('minutes:join', { meetingId: meeting.meetingId })),
  );
  const arrivals = listen(followers, 'minutes:steps');
  const sentAt = new Map<number, number>();
  const ackTimes: Ack[] = [];
  const secretaries = [1, 2].map(
    (index) =>
      new EngineSecretary(
        members[index] as Socket,
        meeting.meetingId,
        `thu-ky-${index}`,
        sentAt,
        ackTimes,
      ),
  );
  await sleep(500);
  const from = await typeFor(secretaries);
  const { delivery, missing } = deliveries(sentAt, arrivals, from);
  const resent = new Set(secretaries.flatMap((secretary) => [...secretary.resent]));
  const firstTry = deliveries(
    new Map([...sentAt].filter(([version]) => !resent.has(version))),
    arrivals,
    from,
  ).delivery;
  for (const socket of [...members, ...followers]) socket.disconnect();
  await stopProcess(server.child);
  await database.drop();
  return {
    // The server's memory per client is the storms' figure (bench:storm, bench:votes).
    sample: summarize(measuredAcks(ackTimes, from), delivery, 0),
    steps: sentAt.size,
    stale: secretaries.reduce((sum, each) => sum + each.stale, 0),
    refused: secretaries.reduce((sum, each) => sum + each.refused, 0),
    missing,
    firstTryP99: percentile(firstTry, 99),
  };
}

async function floorTyping(): Promise<Typed> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startFloor(database.url);
  const open = server.open;
  const writers = await connectAll(MEMBERS, open);
  const followers = await connectAll(FOLLOWERS, open);
  await Promise.all([...writers, ...followers].map((socket) => socket.emitWithAck('join', 'm')));
  const arrivals = listen(followers, 'step');
  const sentAt = new Map<number, number>();
  const ackTimes: Ack[] = [];
  let inFlight = 0;
  let refused = 0;
  const secretaries = writers.slice(1).map((socket) => {
    const typist = new Typist();
    let size = EMPTY_SIZE;
    return {
      idle: () => inFlight === 0,
      type: () => {
        const step = typist.next(size);
        size += grows(step);
        const sent = performance.now();
        inFlight += 1;
        void (
          socket.emitWithAck('step', { id: crypto.randomUUID(), room: 'm', step }) as Promise<{
            ok: boolean;
            version: number;
          }>
        ).then((answer) => {
          inFlight -= 1;
          ackTimes.push({ sent, ms: performance.now() - sent });
          if (answer.ok) sentAt.set(answer.version, sent);
          else refused += 1;
        });
      },
    };
  });
  await sleep(500);
  const from = await typeFor(secretaries);
  const { delivery, missing } = deliveries(sentAt, arrivals, from);
  for (const socket of [...writers, ...followers]) socket.disconnect();
  await server.stop();
  await database.drop();
  return {
    // The server's memory per client is the storms' figure (bench:storm, bench:votes).
    sample: summarize(measuredAcks(ackTimes, from), delivery, 0),
    steps: sentAt.size,
    stale: 0,
    refused,
    missing,
    firstTryP99: percentile(delivery, 99),
  };
}

/** Times `joins` fresh sockets each asking once; the first is the cold one. */
async function timeJoins(
  open: () => Socket,
  ask: (socket: Socket) => Promise<unknown>,
): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < joins; index += 1) {
    const socket = open();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const started = performance.now();
    const answer = await ask(socket);
    times.push(performance.now() - started);
    bytes = JSON.stringify(answer).length;
    socket.disconnect();
  }
  return { times, bytes };
}

/**
 * Meetings whose minutes hold `STORED_STEPS` steps each, written through the server's own
 * store (two secretaries taking turns, one step a batch, the snapshots made on the way).
 */
async function longSittings(): Promise<{
  url: string;
  drop: () => Promise<void>;
  /** Each meeting, its number of steps, and a session of a follower of its commune. */
  meetings: { meetingId: string; steps: number; follower: string }[];
}> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const handle = await createDatabase({ driver: 'postgres', url: database.url });
  await handle.migrate();
  const world = await createMeetingsWorld(database.url, STORED_STEPS.length, MEMBERS, 1);
  const store = new MinutesStore(handle.db);
  const meetings = [];
  for (const [index, steps] of STORED_STEPS.entries()) {
    const meetingId = world[index]?.meetingId ?? '';
    const typist = new Typist();
    let version = 0;
    let size = EMPTY_SIZE;
    for (let written = 0; written < steps; written += 1) {
      const step = typist.next(size);
      const answer = await store.write(meetingId, {
        batchId: crypto.randomUUID(),
        version,
        clientId: `thu-ky-${written % 2}`,
        steps: [step],
      });
      if (!answer.ok) throw new Error(`step ${written} refused: ${answer.reason}`);
      version = answer.version;
      size += grows(step);
    }
    meetings.push({ meetingId, steps, follower: world[index]?.followers[0] ?? '' });
  }
  await handle.close();
  return { ...database, meetings };
}

type Joined = { first: number; times: number[]; bytes: number };

async function engineJoins(
  sittings: Awaited<ReturnType<typeof longSittings>>,
): Promise<{ joined: Joined[]; docs: unknown[] }> {
  const server = await startProcess(mainScript, engineEnv(sittings.url));
  const url = `http://127.0.0.1:${server.port}`;
  const joined: Joined[] = [];
  const docs: unknown[] = [];
  for (const meeting of sittings.meetings) {
    let doc: unknown = null;
    const { times, bytes } = await timeJoins(
      () =>
        io(url, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: { protocolVersion: PROTOCOL_VERSION },
          extraHeaders: { cookie: `${SESSION_COOKIE}=${meeting.follower}` },
        }),
      async (socket) => {
        const answer = (await socket.emitWithAck('minutes:join', {
          meetingId: meeting.meetingId,
        })) as { ok: boolean; data: { doc: unknown } };
        if (!answer.ok) throw new Error('minutes:join refused');
        doc = answer.data.doc;
        return answer;
      },
    );
    joined.push({ first: times[0] ?? Number.NaN, times: times.slice(1), bytes });
    docs.push(doc);
  }
  await stopProcess(server.child);
  return { joined, docs };
}

async function floorJoins(docs: readonly unknown[]): Promise<Joined[]> {
  const database = await createThrowawayPostgres(baseUrl ?? '');
  const server = await startFloor(database.url);
  const open = server.open;
  const [writer] = await connectAll(1, open);
  const joined: Joined[] = [];
  for (const [index, doc] of docs.entries()) {
    await writer?.emitWithAck('store-document', { room: `m${index}`, doc });
    const { times, bytes } = await timeJoins(open, (socket) =>
      socket.emitWithAck('document', `m${index}`),
    );
    joined.push({ first: times[0] ?? Number.NaN, times: times.slice(1), bytes });
  }
  writer?.disconnect();
  await server.stop();
  await database.drop();
  return joined;
}

const median = (values: number[]) => percentile(values, 50);

if (seconds > 0) {
  const floors: Typed[] = [];
  const engines: Typed[] = [];
  for (let run = 0; run < runs; run += 1) {
    floors.push(await floorTyping());
    engines.push(await engineTyping());
    const [floor, ours] = [floors.at(-1), engines.at(-1)];
    process.stderr.write(
      `typing run ${run + 1}/${runs}: step at followers p99 ${floor?.sample.deliveryP99.toFixed(0)} / ${ours?.sample.deliveryP99.toFixed(0)} ms, ` +
        `ack p99 ${floor?.sample.ackP99.toFixed(0)} / ${ours?.sample.ackP99.toFixed(0)} ms (floor / engine); ` +
        `engine: ${ours?.steps} steps, ${ours?.stale} stale (p99 of the others ${ours?.firstTryP99.toFixed(0)} ms), ${ours?.refused} refused, ${ours?.missing} deliveries missing; ` +
        `floor: ${floor?.steps} steps, ${floor?.missing} missing\n`,
    );
  }
  printTable(
    `minutes typed live: 2 secretaries x ${STEPS_PER_SECOND} steps/s for ${seconds} s, ${FOLLOWERS} followers; ${runs} runs, medians`,
    floors.map((each) => each.sample),
    engines.map((each) => each.sample),
    [
      { name: 'batch acknowledgement p50', pick: (s) => s.ackP50, unit: 'ms' },
      { name: 'batch acknowledgement p99', pick: (s) => s.ackP99, unit: 'ms' },
      { name: 'step reaching every follower p50', pick: (s) => s.deliveryP50, unit: 'ms' },
      { name: 'step reaching every follower p99', pick: (s) => s.deliveryP99, unit: 'ms' },
    ],
  );
}

if (joins > 0) {
  const sittings = await longSittings();
  const engineRuns: Joined[][] = [];
  const floorRuns: Joined[][] = [];
  for (let run = 0; run < runs; run += 1) {
    const { joined, docs } = await engineJoins(sittings);
    engineRuns.push(joined);
    floorRuns.push(await floorJoins(docs));
    process.stderr.write(
      `join run ${run + 1}/${runs}: ` +
        STORED_STEPS.map(
          (steps, index) =>
            `${steps} steps p99 ${percentile(floorRuns.at(-1)?.[index]?.times ?? [], 99).toFixed(1)} / ${percentile(joined[index]?.times ?? [], 99).toFixed(1)} ms`,
        ).join(', ') +
        ' (floor / engine)\n',
    );
  }
  await sittings.drop();
  console.log(
    `\na late joiner opening the minutes (${((engineRuns[0]?.[0]?.bytes ?? 0) / 1024) | 0} KB answer at ${STORED_STEPS[0]} steps); ${joins} joins a run, ${runs} runs, medians\n`,
  );
  console.log('| figure | baseline | engine | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [index, steps] of STORED_STEPS.entries()) {
    const rows: [string, (joined: Joined) => number][] = [
      ['first join after a start', (joined) => joined.first],
      ['join p50', (joined) => percentile(joined.times, 50)],
      ['join p99', (joined) => percentile(joined.times, 99)],
    ];
    for (const [name, pick] of rows) {
      const floor = median(floorRuns.map((each) => pick(each[index] as Joined)));
      const ours = median(engineRuns.map((each) => pick(each[index] as Joined)));
      console.log(
        `| ${steps} steps: ${name} | ${floor.toFixed(1)} ms | ${ours.toFixed(1)} ms | ${(ours / floor).toFixed(1)}x |`,
      );
    }
  }
}
process.exit(0);

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { MeetingClient } from '@hopxa/client';
import { createDatabase, schema, type DatabaseConfig } from '@hopxa/db';
import { minutesSchema } from '@hopxa/minutes';
import { seeded } from '@hopxa/minutes/testing';
import type { Answer, MeetingDetail, MinutesData, MinutesStepsData } from '@hopxa/protocol';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import type { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { Step } from '@tiptap/pm/transform';
import { asc, eq } from 'drizzle-orm';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCouncilTablets } from '../test/demo-council.ts';
import { getOver } from '../test/http-session.ts';
import {
  freePort,
  killLeftoverServers,
  startServerProcess,
  temporaryDataDir,
} from '../test/server-process.ts';

/** How long a secretary's tablet waits for an answer before it sends the same batch again. */
const ANSWER_TIMEOUT_MS = 1000;
/** The share of batches whose first answer is lost, so the same batch is sent again. */
const LOSSY = 0.25;
/** How many batches each secretary has had acknowledged before the kill, at least. */
const BATCHES_BEFORE_KILL = 5;
/** How many batches each secretary has acknowledged after the restart before she stops. */
const BATCHES_AFTER_RESTART = 10;
/** Every word typed is a token of its own, e.g. `[p1-17]`: found again, and counted, in the minutes. */
const TOKEN = /\[p\d-\d+\]/g;

// A test that timed out between the kill and the restart leaves no server behind.
afterEach(killLeftoverServers);

const tokensIn = (value: unknown): string[] => JSON.stringify(value).match(TOKEN) ?? [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An empty document, where the stored steps start. */
function emptyDoc(): Node {
  const doc = minutesSchema.topNodeType.createAndFill();
  if (!doc) throw new Error('no empty document');
  return doc;
}

/** Waits for the tablet's line to come back; fails the test, not hangs it, if it does not. */
function reconnected(client: MeetingClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.socket.off('connect', done);
      reject(new Error(`the tablet did not reconnect (${client.status})`));
    }, 30_000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    client.socket.once('connect', done);
  });
}

/** `doc` with the stored step `json` applied; fails the test if it does not apply. */
function applied(doc: Node, json: unknown, version: number): Node {
  const result = Step.fromJSON(minutesSchema, json).apply(doc);
  if (!result.doc) throw new Error(`step ${version} does not apply: ${result.failed}`);
  return result.doc;
}

/**
 * Sends until answered, as a tablet does: waits out a dropped line, and sends the very same
 * request again after an answer lost (no answer in time) or a server that was busy.
 */
async function answered<A extends Answer<unknown>>(
  client: MeetingClient,
  emit: (timeoutMs: number) => Promise<A>,
  options: { firstTimeoutMs?: number; again?: () => void } = {},
): Promise<A> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (!client.socket.connected) await reconnected(client);
    if (attempt > 0) options.again?.();
    try {
      const answer = await emit(
        attempt === 0 ? (options.firstTimeoutMs ?? ANSWER_TIMEOUT_MS) : ANSWER_TIMEOUT_MS,
      );
      const { ok, error } = answer as Answer<unknown> & { error?: { code: string } };
      if (ok || error?.code !== 'unavailable') return answer;
    } catch {
      // No answer in time: the same again.
    }
  }
  throw new Error('no answer from the server');
}

/**
 * A secretary's editor over her tablet's connection: she types words at the end of a
 * paragraph (now and then starting a new one), sends them in batches under an id made once
 * per batch, resends the same batch until it is answered, and after a refusal as stale
 * catches up and sends her steps again, rebased, as a new batch.
 */
class Secretary {
  readonly #client: MeetingClient;
  readonly #name: string;
  readonly #random: () => number;
  state: EditorState;
  /** Every word she typed, in order. */
  readonly typed: string[] = [];
  /** Each batch the server acknowledged: the version it answered and the words in it. */
  readonly acked: { version: number; tokens: string[] }[] = [];
  /** Batches sent again (an answer lost, or the line down), and answers saying already stored. */
  resent = 0;
  replayed = 0;

  private constructor(
    client: MeetingClient,
    name: string,
    seed: number,
    doc: Node,
    version: number,
  ) {
    this.#client = client;
    this.#name = name;
    this.#random = seeded(seed);
    this.state = EditorState.create({ doc, plugins: [collab({ version, clientID: name })] });
  }

  /** Opens the minutes on `client` as the editor `name`, typing from the random stream `seed`. */
  static async open(client: MeetingClient, name: string, seed: number): Promise<Secretary> {
    const joined = await answered<Answer<MinutesData>>(client, (timeoutMs) =>
      client.socket.timeout(timeoutMs).emitWithAck('minutes:join', { meetingId: client.meetingId }),
    );
    if (!joined.ok) throw new Error(joined.error.code);
    return new Secretary(
      client,
      name,
      seed,
      minutesSchema.nodeFromJSON(joined.data.doc),
      joined.data.version,
    );
  }

  /** One to three words, each at the end of a paragraph; now and then a new paragraph. */
  type(): void {
    const edits = 1 + Math.floor(this.#random() * 3);
    for (let edit = 0; edit < edits; edit += 1) {
      const ends: number[] = [];
      this.state.doc.descendants((node, pos) => {
        if (node.isTextblock) ends.push(pos + 1 + node.content.size);
        return !node.isTextblock;
      });
      const at = ends[Math.floor(this.#random() * ends.length)] ?? 1;
      if (this.#random() < 0.1) {
        this.state = this.state.apply(this.state.tr.split(at));
        continue;
      }
      const token = `[${this.#name}-${this.typed.length}]`;
      this.typed.push(token);
      this.state = this.state.apply(this.state.tr.insertText(`${token} `, at));
    }
  }

  /** Takes every step after the version she holds; her own come back and are confirmed. */
  async pull(): Promise<void> {
    const from = getVersion(this.state);
    const since = await answered<Answer<MinutesStepsData>>(this.#client, (timeoutMs) =>
      this.#client.socket
        .timeout(timeoutMs)
        .emitWithAck('minutes:since', { meetingId: this.#client.meetingId, version: from }),
    );
    if (!since.ok) throw new Error(since.error.code);
    const fresh = since.data.steps.slice(getVersion(this.state) - from);
    if (fresh.length === 0) return;
    this.state = this.state.apply(
      receiveTransaction(
        this.state,
        fresh.map((record) => Step.fromJSON(minutesSchema, record.step)),
        fresh.map((record) => record.clientId),
      ),
    );
  }

  /** Sends what she has not had confirmed, as one batch, until it is answered; then catches up. */
  async push(): Promise<void> {
    const sendable = sendableSteps(this.state);
    if (!sendable) return;
    const steps = sendable.steps.map((step) => step.toJSON() as Record<string, unknown>);
    const batch = {
      meetingId: this.#client.meetingId,
      batchId: randomUUID(),
      version: sendable.version,
      clientId: String(sendable.clientID),
      steps,
    };
    const answer = await answered<Answer<{ version: number; replayed: boolean }>>(
      this.#client,
      (timeoutMs) => this.#client.socket.timeout(timeoutMs).emitWithAck('minutes:steps', batch),
      {
        // Now and then the answer to the first send is lost (a tablet on a poor line gives up
        // on it early): the batch goes again under its id, stored or not.
        ...(this.#random() < LOSSY && { firstTimeoutMs: 1 + this.#random() * 15 }),
        again: () => (this.resent += 1),
      },
    );
    if (answer.ok) {
      this.acked.push({ version: answer.data.version, tokens: tokensIn(steps) });
      if (answer.data.replayed) this.replayed += 1;
    } else if (answer.error.code !== 'minutes_stale') {
      throw new Error(`batch refused: ${answer.error.code}`);
    }
    await this.pull();
  }

  /** Sends and catches up until the server holds everything she typed. */
  async flush(): Promise<void> {
    for (let pass = 0; pass < 50 && sendableSteps(this.state); pass += 1) await this.push();
    await this.pull();
  }
}

/**
 * Two secretaries write the minutes while the server is killed with SIGKILL and started
 * again on the same port and data: every step acknowledged before the kill is in the minutes
 * the restarted server serves, no batch is applied twice, writing goes on, and the stored
 * steps replay to the document served.
 */
async function crashWhileWriting(
  env: Record<string, string>,
  database: DatabaseConfig,
): Promise<void> {
  const port = String(await freePort());
  let server = await startServerProcess({ ...env, PORT: port });
  const { meetingId, presidingId, office, tablet } = await demoCouncilTablets(server.url);
  const detail = await getOver<MeetingDetail>(server.url, `/api/meetings/${meetingId}`, office);
  const secretaryIds = detail.roles
    .filter((role) => role.role === 'secretary')
    .map((role) => role.personId);
  expect(secretaryIds).toHaveLength(2);
  const clients: MeetingClient[] = [];
  for (const personId of [...secretaryIds, presidingId]) clients.push(await tablet(personId));
  const [first, second, reader] = clients as [MeetingClient, MeetingClient, MeetingClient];
  /** The minutes as a tablet joining now reads them. */
  const minutesNow = async () => {
    const joined = await answered<Answer<MinutesData>>(reader, (timeoutMs) =>
      reader.socket.timeout(timeoutMs).emitWithAck('minutes:join', { meetingId }),
    );
    if (!joined.ok) throw new Error(joined.error.code);
    return { version: joined.data.version, doc: minutesSchema.nodeFromJSON(joined.data.doc) };
  };
  const secretaries = [await Secretary.open(first, 'p1', 1), await Secretary.open(second, 'p2', 2)];
  let served: { version: number; doc: Node };
  try {
    let writing = true;
    const typing = secretaries.map(async (secretary) => {
      while (writing) {
        secretary.type();
        await secretary.push();
      }
    });
    // Killed mid-stream, once each has a few batches in: some batch is always on its way.
    await expect
      .poll(() => secretaries.every((secretary) => secretary.acked.length >= BATCHES_BEFORE_KILL), {
        timeout: 30_000,
        interval: 20,
      })
      .toBe(true);
    await sleep(Math.random() * 200);
    const ackedBeforeKill = secretaries.flatMap((secretary) => [...secretary.acked]);
    expect((await server.stop('SIGKILL')).code).toBeNull();
    server = await startServerProcess({ ...env, PORT: port });

    // Straight after the restart: everything acknowledged before the kill is there.
    const restarted = await minutesNow();
    expect(restarted.version).toBeGreaterThanOrEqual(
      Math.max(...ackedBeforeKill.map((batch) => batch.version)),
    );
    const textAfterRestart = restarted.doc.textContent;
    expect(
      ackedBeforeKill
        .flatMap((batch) => batch.tokens)
        .filter((token) => !textAfterRestart.includes(token)),
    ).toEqual([]);

    // The secretaries go on writing on the restarted server.
    const countsAtRestart = secretaries.map((secretary) => secretary.acked.length);
    await expect
      .poll(
        () =>
          secretaries.every(
            (secretary, index) =>
              secretary.acked.length >= (countsAtRestart[index] ?? 0) + BATCHES_AFTER_RESTART,
          ),
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    writing = false;
    await Promise.all(typing);
    for (const secretary of secretaries) await secretary.flush();
    for (const secretary of secretaries) await secretary.pull();
    served = await minutesNow();

    // Every word typed is in the minutes exactly once, every acknowledged one among them.
    const typed = secretaries.flatMap((secretary) => secretary.typed);
    expect(tokensIn(served.doc.textContent).sort()).toEqual([...typed].sort());
    for (const secretary of secretaries) {
      // Only a batch sent again is answered as already stored.
      expect(secretary.replayed).toBeLessThanOrEqual(secretary.resent);
      for (const batch of secretary.acked)
        expect(batch.version).toBeLessThanOrEqual(served.version);
      expect(sendableSteps(secretary.state)).toBeNull();
      expect(secretary.state.doc.eq(served.doc)).toBe(true);
    }
    // Catching up from the start gives the same document, step by step.
    const since = await answered<Answer<MinutesStepsData>>(reader, (timeoutMs) =>
      reader.socket.timeout(timeoutMs).emitWithAck('minutes:since', {
        meetingId,
        version: 0,
      }),
    );
    if (!since.ok) throw new Error(since.error.code);
    expect(since.data.version).toBe(served.version);
    const caughtUp = since.data.steps.reduce(
      (doc, record, index) => applied(doc, record.step, index + 1),
      emptyDoc(),
    );
    expect(caughtUp.eq(served.doc)).toBe(true);
  } finally {
    for (const client of clients) client.stop();
    expect((await server.stop()).code).toBe(0);
  }

  // With the server stopped, read what it stored: one row per version from 1 on, each
  // batch's steps together under one writer, each word in one step, and the snapshots
  // taken on the way equal to the steps replayed to their version.
  const handle = await createDatabase(database);
  try {
    const rows = await handle.db
      .select()
      .from(schema.minutesSteps)
      .where(eq(schema.minutesSteps.meetingId, meetingId))
      .orderBy(asc(schema.minutesSteps.version));
    expect(rows.map((row) => row.version)).toEqual(rows.map((_, index) => index + 1));
    expect(rows.length).toBe(served.version);
    const batches = Map.groupBy(rows, (row) => row.batchId);
    for (const steps of batches.values()) {
      expect(new Set(steps.map((row) => row.clientId)).size).toBe(1);
      const versions = steps.map((row) => row.version);
      expect(versions).toEqual(versions.map((_, index) => (versions[0] ?? 0) + index));
    }
    const stored = rows.flatMap((row) => tokensIn(row.step));
    expect(new Set(stored).size).toBe(stored.length);
    const replayed: Node[] = [emptyDoc()];
    for (const row of rows)
      replayed.push(applied(replayed.at(-1) ?? emptyDoc(), row.step, row.version));
    expect(replayed.at(-1)?.eq(served.doc)).toBe(true);
    const snapshots = await handle.db
      .select()
      .from(schema.minutesSnapshots)
      .where(eq(schema.minutesSnapshots.meetingId, meetingId));
    for (const snapshot of snapshots)
      expect(
        minutesSchema.nodeFromJSON(snapshot.doc).eq(replayed[snapshot.version] ?? emptyDoc()),
        `snapshot at ${snapshot.version}`,
      ).toBe(true);
  } finally {
    await handle.close();
  }
}

const TITLE = 'a crash while the secretaries write loses no acknowledged word of the minutes';
/** Two server starts and a restart: on a busy 2-core machine a PGlite first start alone takes 20 s. */
const TIMEOUT_MS = 120_000;

describe(`${TITLE} [PGlite]`, () => {
  it(
    'SIGKILL while two secretaries type: every acknowledged word is kept once, and they write on after the restart',
    async () => {
      const dataDir = temporaryDataDir();
      try {
        await crashWhileWriting({ DATA_DIR: dataDir }, { driver: 'pglite', dataDir });
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );
});

describeWithService('postgres', `${TITLE} [Postgres]`, (postgresUrl) => {
  it(
    'SIGKILL while two secretaries type: every acknowledged word is kept once, and they write on after the restart',
    async () => {
      const database = await createThrowawayPostgres(postgresUrl);
      try {
        await crashWhileWriting(
          { DATABASE_URL: database.url },
          { driver: 'postgres', url: database.url },
        );
      } finally {
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );
});

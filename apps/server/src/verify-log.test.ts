// The record against a rewrite: `npm run verify-log` and the server itself, on a real
// sitting's data folder changed the ways someone with access to the database could change it.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeetingRefused, type MeetingClient } from '@hopxa/client';
import { createDatabase, schema } from '@hopxa/db';
import { canonicalJson, type PollResult } from '@hopxa/domain';
import { and, asc, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, headMac } from './meetings/event-log.ts';
import { PROCEEDINGS_DELAY_MS } from './minutes/proceedings-writer.ts';
import { demoCouncilTablets } from './test/demo-council.ts';
import { until } from './test/realtime-harness.ts';
import { startServerProcess, temporaryDataDir } from './test/server-process.ts';
import { TEST_SERVER_KEY, testKeys } from './test/test-keys.ts';

const script = fileURLToPath(new URL('./verify-log.ts', import.meta.url));
const verify = (dataDir: string, ...ids: string[]) =>
  spawnSync(process.execPath, [script, ...ids], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SERVER_KEY: TEST_SERVER_KEY,
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });

type EventRow = typeof schema.meetingEvents.$inferSelect;

/**
 * Rewrites the events of `meetingId` from `seq` on with `change`, and every hash after it
 * made again: with plain SHA-256 (all one can do without the server's key), or, for someone
 * who has the key, keyed and with the head moved to match.
 */
async function rewrite(
  dataDir: string,
  meetingId: string,
  seq: number,
  change: (row: EventRow) => EventRow,
  options: { withKey: boolean },
): Promise<void> {
  const database = await createDatabase({ driver: 'pglite', dataDir });
  try {
    const { db } = database;
    const rows = await db
      .select()
      .from(schema.meetingEvents)
      .where(and(eq(schema.meetingEvents.meetingId, meetingId), gte(schema.meetingEvents.seq, seq)))
      .orderBy(asc(schema.meetingEvents.seq));
    let prevHash = rows[0]?.prevHash ?? GENESIS_HASH;
    for (const original of rows) {
      const row = { ...(original.seq === seq ? change(original) : original), prevHash };
      const hash = options.withKey
        ? eventHash(testKeys.log, row)
        : createHash('sha256')
            .update(canonicalJson({ ...row, at: row.at.toISOString() }))
            .digest('hex');
      await db
        .update(schema.meetingEvents)
        .set({ payload: row.payload, prevHash, hash })
        .where(
          and(eq(schema.meetingEvents.meetingId, meetingId), eq(schema.meetingEvents.seq, row.seq)),
        );
      prevHash = hash;
      if (options.withKey) {
        await db
          .update(schema.meetingHeads)
          .set({ seq: row.seq, mac: headMac(testKeys.log, meetingId, row.seq, hash) })
          .where(eq(schema.meetingHeads.meetingId, meetingId));
      }
    }
  } finally {
    await database.close();
  }
}

describe('the record against a rewrite', () => {
  const dataDir = temporaryDataDir();
  const copies: string[] = [];
  /** A copy of the stopped server's data folder, to change one way. */
  const copy = () => {
    const made = `${dataDir}-copy-${copies.length}`;
    fs.cpSync(dataDir, made, { recursive: true });
    fs.rmSync(path.join(made, 'hopxa.lock'), { force: true });
    copies.push(made);
    return made;
  };
  let meetingId = '';
  let closeSeq = 0;
  /** The last event: the minutes' approval. */
  let lastSeq = 0;
  let cookie = '';

  beforeAll(async () => {
    // A sitting with one open vote, 15 for, 15 against: the kind of result worth forging.
    const server = await startServerProcess({ DATA_DIR: dataDir });
    const clients: MeetingClient[] = [];
    try {
      const council = await demoCouncilTablets(server.url);
      meetingId = council.meetingId;
      const chair = await council.tablet(council.presidingId);
      const secretary = await council.tablet(council.secretaryId);
      clients.push(chair, secretary);
      await council.convene();
      for (const personId of council.memberIds) {
        await secretary.send({ type: 'record_attendance', personId, status: 'present_in_hall' });
      }
      await chair.send({ type: 'open_sitting' });
      await chair.send({ type: 'set_current_item', itemId: chair.state?.agenda[0]?.id ?? '' });
      const pollId = randomUUID();
      await chair.send({
        type: 'open_poll',
        pollId,
        kind: 'open_vote',
        title: 'Thông qua chương trình',
      });
      const voters = await Promise.all(
        council.memberIds.map((personId) => council.tablet(personId)),
      );
      clients.push(...voters);
      await Promise.all(
        voters.map((voter, index) =>
          voter.cast(pollId, { kind: 'motion', choice: index % 2 === 0 ? 'in_favour' : 'against' }),
        ),
      );
      expect(await chair.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
      const closed = await until(chair, (state) => state.polls[0]?.status === 'closed');
      expect(closed.polls[0]?.result?.tally).toEqual({ inFavour: 15, against: 15, notVoting: 0 });
      closeSeq = closed.seq;
      // The secretary's minutes say so; the sitting closes, and the minutes are signed off.
      const joined = await secretary.socket.emitWithAck('minutes:join', { meetingId });
      if (!joined.ok) throw new Error(joined.error.code);
      const typed = await secretary.socket.emitWithAck('minutes:steps', {
        meetingId,
        batchId: randomUUID(),
        version: joined.data.version,
        clientId: 'thu-ky',
        steps: [{ stepType: 'replace', from: 0, to: 0, slice: paragraph(MINUTES_LINE) }],
      });
      expect(typed).toMatchObject({ ok: true });
      expect(await chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
      // The closing's proceedings are written a moment later; the secretary submits after.
      await new Promise((resolve) => setTimeout(resolve, PROCEEDINGS_DELAY_MS + 1000));
      const read = await secretary.socket.emitWithAck('minutes:join', { meetingId });
      if (!read.ok) throw new Error(read.error.code);
      expect(
        await secretary.send({ type: 'submit_minutes', version: read.data.version }),
      ).toMatchObject({ ok: true });
      const submitted = await until(chair, (state) => state.minutes.submission !== null);
      expect(
        await chair.send({
          type: 'approve_minutes',
          sha256: submitted.minutes.submission?.sha256 ?? '',
        }),
      ).toMatchObject({ ok: true });
      lastSeq = (await until(chair, (state) => state.minutes.status === 'approved')).seq;
      cookie = await council.pair(council.presidingId);
    } finally {
      for (const client of clients) client.stop();
      await server.stop();
    }
  });
  afterAll(() => {
    for (const folder of [dataDir, ...copies]) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('checks every meeting of a stopped server and says each chain is valid', () => {
    const result = verify(dataDir);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/^Hợp lệ \/ valid: /gm)).toHaveLength(4);
  });

  it('catches a deleted last event', async () => {
    const changed = copy();
    const database = await createDatabase({ driver: 'pglite', dataDir: changed });
    await database.db
      .delete(schema.meetingEvents)
      .where(
        and(eq(schema.meetingEvents.meetingId, meetingId), eq(schema.meetingEvents.seq, lastSeq)),
      );
    await database.close();
    const result = verify(changed, meetingId);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `từ seq ${lastSeq}, sổ ghi không kết thúc ở sự kiện cuối đã ký`,
    );
  });

  it('catches a result rewritten with every later hash made again without the server key', async () => {
    const changed = copy();
    await rewrite(changed, meetingId, closeSeq, forge45, { withKey: false });
    const result = verify(changed, meetingId);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`từ seq ${closeSeq}, nội dung bị sửa`);
  });

  it('catches a result re-signed with the server key by holding it against its ballot box', async () => {
    const changed = copy();
    await rewrite(changed, meetingId, closeSeq, forge45, { withKey: true });
    const result = verify(changed, meetingId);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('kết quả "Thông qua chương trình" khác với hòm phiếu');
  });

  it('a server refuses to serve a rewritten meeting, with an alert in its log and on every screen', async () => {
    const changed = copy();
    await rewrite(changed, meetingId, closeSeq, forge45, { withKey: false });
    const server = await startServerProcess({ DATA_DIR: changed });
    try {
      const { MeetingClient } = await import('@hopxa/client');
      const chair = new MeetingClient(server.url, meetingId, { headers: { cookie } });
      await expect(chair.start()).rejects.toThrow(MeetingRefused);
      expect(chair.refusal).toMatchObject({
        code: 'log_broken',
        message: expect.stringMatching(/^CẢNH BÁO: sổ ghi sự kiện của cuộc họp này đã bị sửa/),
      });
      chair.stop();
      await expect
        .poll(() => server.output())
        .toMatch(/a meeting log was changed outside the server/);
      expect(server.output()).toContain(`"firstBadSeq":${closeSeq}`);
    } finally {
      await server.stop();
    }
  });

  it('catches approved minutes changed in the database, and the server will not print them', async () => {
    const changed = copy();
    const database = await createDatabase({ driver: 'pglite', dataDir: changed });
    const row = (
      await database.db
        .select()
        .from(schema.minutesSteps)
        .where(eq(schema.minutesSteps.meetingId, meetingId))
    ).find((each) => JSON.stringify(each.step).includes('15 tán thành'));
    const forged = JSON.stringify(row?.step).replace('15 tán thành', '45 tán thành');
    expect(forged).toContain('45 tán thành');
    await database.db
      .update(schema.minutesSteps)
      .set({ step: JSON.parse(forged) as unknown })
      .where(
        and(
          eq(schema.minutesSteps.meetingId, meetingId),
          eq(schema.minutesSteps.version, row?.version ?? 0),
        ),
      );
    await database.close();
    const result = verify(changed, meetingId);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('biên bản không khớp mã SHA-256 đã trình duyệt');
    const server = await startServerProcess({ DATA_DIR: changed });
    try {
      const response = await fetch(`${server.url}/api/meetings/${meetingId}/papers/minutes.pdf`, {
        headers: { cookie },
      });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { code: string }).code).toBe('minutes_altered');
    } finally {
      await server.stop();
    }
    // The untouched folder prints them.
    expect(verify(dataDir, meetingId).status).toBe(0);
  });

  it('fails, naming it, for a meeting that does not exist', () => {
    const result = verify(dataDir, '00000000-0000-4000-8000-000000000000');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Không có cuộc họp 00000000-0000-4000-8000-000000000000');
  });

  it('refuses with one clear line while the server holds the data folder', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const result = verify(dataDir);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(/^Thư mục dữ liệu .* đang được tiến trình \d+ sử dụng/);
    } finally {
      await server.stop();
    }
  });
});

const MINUTES_LINE = 'Biểu quyết thông qua chương trình: 15 tán thành, 15 không tán thành.';
const paragraph = (text: string) => ({
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** The forger's result: 45 in favour instead of 15 for and 15 against. */
function forge45(row: EventRow): EventRow {
  const result = row.payload.result as PollResult;
  return {
    ...row,
    payload: {
      ...row.payload,
      result: { ...result, outcome: 'passed', tally: { inFavour: 45, against: 0, notVoting: 0 } },
    },
  };
}

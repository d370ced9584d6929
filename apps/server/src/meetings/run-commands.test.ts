import { randomUUID } from 'node:crypto';
import { createDatabase, schema, type Database } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { Actor, MeetingCommand } from '@hopxa/domain';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { meetingTarget } from '../auth/authorize.ts';
import { buildWorld, worldMeetingActors, type World } from '../test/fixtures.ts';
import { testKeys } from '../test/test-keys.ts';
import { loadMeetingState, MeetingStateCache, verifyLog } from './event-log.ts';
import { fingerprintOf, runCommand, runCommands } from './run-commands.ts';
import { loadConvening, loadRoster } from './sitting-setup.ts';

// Each MeetingStateCache here stands for one server process: it holds the meeting's head and
// writes against it in one statement, and must notice when another process wrote first.
describeEachDatabase('commands written against a process held head', (database) => {
  const db = () => database.handle().db;
  const now = new Date('2026-01-05T01:00:00Z');
  let world: World;
  let presiding: Actor;
  let delegate: Actor;
  let secretariat: Actor;
  let target: Awaited<ReturnType<typeof meetingTarget>>;

  const send = (
    cache: MeetingStateCache,
    command: MeetingCommand,
    actor: Actor,
    commandId: string = randomUUID(),
    handle: Database = db(),
  ) => runCommand(handle, { target, commandId, command, actor, now }, cache);

  beforeAll(async () => {
    world = await buildWorld(db(), now);
    ({ target, presiding, delegate, secretariat } = await worldMeetingActors(db(), world, now));
  });

  it('decides against the latest seq when another process wrote after this one read (T1)', async () => {
    const behind = new MeetingStateCache(testKeys.log);
    await behind.head(db(), target); // holds seq 0: the meeting not yet convened
    const other = new MeetingStateCache(testKeys.log);
    const convened = await send(
      other,
      {
        type: 'convene',
        setup: await loadConvening(db(), world.councilId, world.meetingId, now),
      },
      secretariat,
    );
    expect(convened.answer).toEqual({ ok: true, seq: 1 });

    // Decided against its own copy, this check-in would be refused as "not convened".
    const checkIn = await send(behind, { type: 'check_in', status: 'present_in_hall' }, delegate);
    expect(checkIn.answer).toEqual({ ok: true, seq: 2 });
    expect(behind.held(world.meetingId)?.state.seq).toBe(2);
    const opened = await send(
      other,
      { type: 'open_sitting', setup: { roster: await loadRoster(db(), world.councilId, now) } },
      presiding,
    );
    expect(opened.answer).toEqual({ ok: true, seq: 3 });
    expect(await verifyLog(db(), testKeys.log, world.meetingId)).toEqual({ ok: true, events: 3 });
  });

  it('answers a retry through a process that holds the head with the first answer, once', async () => {
    const cache = new MeetingStateCache(testKeys.log);
    await cache.head(db(), target);
    const commandId = randomUUID();
    const command: MeetingCommand = { type: 'request_floor', requestId: 'xin-y-kien' };
    const first = await send(cache, command, delegate, commandId);
    const retry = await send(cache, command, delegate, commandId);
    expect(retry).toEqual({ answer: first.answer, events: [], replayed: true });
    const state = await loadMeetingState(db(), testKeys.log, target);
    expect(state.queue.filter((entry) => entry.requestId === 'xin-y-kien')).toHaveLength(1);
    const answers = await db()
      .select()
      .from(schema.meetingCommands)
      .where(
        and(
          eq(schema.meetingCommands.meetingId, world.meetingId),
          eq(schema.meetingCommands.commandId, commandId),
        ),
      );
    expect(answers).toHaveLength(1);
  });

  it('keeps the seq gapless and the chain whole when processes holding heads write at once (T1)', async () => {
    const config = database.config();
    const connections =
      config.driver === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => createDatabase(config)))
        : [];
    const handles = [db(), ...connections.map((connection) => connection.db)];
    const processes = [
      new MeetingStateCache(testKeys.log),
      new MeetingStateCache(testKeys.log),
      new MeetingStateCache(testKeys.log),
    ];
    try {
      for (const cache of processes) await cache.head(db(), target);
      const before = (await loadMeetingState(db(), testKeys.log, target)).seq;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          send(
            processes[index % processes.length] ?? new MeetingStateCache(testKeys.log),
            { type: 'check_in', status: 'present_in_hall' },
            delegate,
            randomUUID(),
            handles[index % handles.length] ?? db(),
          ),
        ),
      );
      const seqs = results
        .map((result) => (result.answer.ok ? result.answer.seq : -1))
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, index) => before + index + 1));
      expect(await verifyLog(db(), testKeys.log, world.meetingId)).toEqual({
        ok: true,
        events: before + 30,
      });
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it("runs a batch's commands alone when the database refuses one: only that one fails", async () => {
    const cache = new MeetingStateCache(testKeys.log);
    const input = (command: MeetingCommand, actor: Actor) => ({
      commandId: randomUUID(),
      fingerprint: fingerprintOf(command),
      command,
      actor,
      now,
    });
    // A text the schema would refuse, let through here to stand for anything the database
    // refuses: JSON cannot hold U+0000.
    const results = await runCommands(
      db(),
      target,
      [
        input({ type: 'check_in', status: 'present_in_hall' }, delegate),
        input(
          { type: 'check_in', status: 'present_online', connectionPoint: 'Điểm\u0000cầu' },
          delegate,
        ),
        input({ type: 'check_in', status: 'present_in_hall' }, delegate),
      ],
      cache,
    );
    expect(results.map((result) => result.answer)).toEqual([
      { ok: true, seq: expect.any(Number) },
      { ok: false, error: { code: 'invalid_input' } },
      { ok: true, seq: expect.any(Number) },
    ]);
    expect(await verifyLog(db(), testKeys.log, world.meetingId)).toMatchObject({ ok: true });
  });
});

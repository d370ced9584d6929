import { createHash, randomUUID } from 'node:crypto';
import { createDatabase, schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { canonicalJson, type Actor, type MeetingCommand } from '@hopxa/domain';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { meetingTarget } from '../auth/authorize.ts';
import { buildWorld, worldMeetingActors, type World } from '../test/fixtures.ts';
import { testKeys } from '../test/test-keys.ts';
import { loadMeetingState, LogBrokenError, MeetingStateCache, verifyLog } from './event-log.ts';
import { createMeetingFromTemplate } from './meeting.service.ts';
import { runCommand } from './run-commands.ts';
import { loadConvening, loadRoster } from './sitting-setup.ts';

describeEachDatabase('the meeting event log', (database) => {
  const db = () => database.handle().db;
  const now = new Date('2026-01-05T01:00:00Z');
  let world: World;
  let presiding: Actor;
  let delegate: Actor;
  let target: Awaited<ReturnType<typeof meetingTarget>>;

  const cache = new MeetingStateCache(testKeys.log);
  const send = (command: MeetingCommand, actor: Actor, commandId: string = randomUUID()) =>
    runCommand(db(), { target, commandId, command, actor, now }, cache);

  beforeAll(async () => {
    world = await buildWorld(db(), now);
    let secretariat: Actor;
    ({ target, presiding, delegate, secretariat } = await worldMeetingActors(db(), world, now));
    const convened = await send(
      {
        type: 'convene',
        setup: await loadConvening(db(), world.councilId, world.meetingId, now),
      },
      secretariat,
    );
    expect(convened.answer).toEqual({ ok: true, seq: 1 });
  });

  it('appends each accepted command with the next seq and links it to the hash before', async () => {
    const checkIn = await send({ type: 'check_in', status: 'present_in_hall' }, delegate);
    expect(checkIn.answer).toEqual({ ok: true, seq: 2 });
    expect(checkIn.events.map((event) => [event.seq, event.type])).toEqual([
      [2, 'attendance_recorded'],
    ]);
    const opened = await send(
      { type: 'open_sitting', setup: { roster: await loadRoster(db(), world.councilId, now) } },
      presiding,
    );
    expect(opened.answer).toEqual({ ok: true, seq: 3 });
    expect(await verifyLog(db(), testKeys.log, world.meetingId)).toEqual({ ok: true, events: 3 });
    const state = await loadMeetingState(db(), testKeys.log, target);
    expect(state.attendance[world.delegatePersonId]?.status).toBe('present_in_hall');
  });

  it('answers a retried command id with its first answer and never applies it twice', async () => {
    const commandId = randomUUID();
    const first = await send(
      { type: 'request_floor', requestId: 'xin-phat-bieu' },
      delegate,
      commandId,
    );
    const retry = await send(
      { type: 'request_floor', requestId: 'xin-phat-bieu' },
      delegate,
      commandId,
    );
    expect(retry).toEqual({ answer: first.answer, events: [], replayed: true });
    expect((await loadMeetingState(db(), testKeys.log, target)).queue).toHaveLength(1);
  });

  it('keeps nothing of a refusal: a resend is decided again, and a stream of refusals stores nothing', async () => {
    const before = (await loadMeetingState(db(), testKeys.log, target)).seq;
    const commandId = randomUUID();
    const refused = await send({ type: 'close_sitting' }, delegate, commandId);
    expect(refused.answer).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect((await send({ type: 'close_sitting' }, delegate, commandId)).answer).toEqual(
      refused.answer,
    );
    expect((await loadMeetingState(db(), testKeys.log, target)).seq).toBe(before);
    const stored = await db()
      .select()
      .from(schema.meetingCommands)
      .where(eq(schema.meetingCommands.commandId, commandId));
    expect(stored).toEqual([]);
  });

  it('I1 refuses a used command id sent by another account or with another command, and runs neither', async () => {
    const commandId = randomUUID();
    const withdraw = { type: 'withdraw_floor', requestId: 'xin-phat-bieu' } as const;
    const first = await send(withdraw, delegate, commandId);
    expect(first.answer).toMatchObject({ ok: true });
    const before = await loadMeetingState(db(), testKeys.log, target);
    const reused = { ok: false, error: { code: 'command_id_reused' } };
    expect(
      (await send({ type: 'request_floor', requestId: 'lan-2' }, delegate, commandId)).answer,
    ).toEqual(reused);
    expect((await send(withdraw, presiding, commandId)).answer).toEqual(reused);
    expect((await send({ type: 'close_sitting' }, presiding, commandId)).answer).toEqual(reused);
    const after = await loadMeetingState(db(), testKeys.log, target);
    expect(after).toEqual(before);
    // The first command's own resend still gets its answer.
    expect((await send(withdraw, delegate, commandId)).answer).toEqual(first.answer);
  });

  it('keeps the seq gapless when commands for one meeting arrive at once from several connections', async () => {
    const config = database.config();
    const others =
      config.driver === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => createDatabase(config)))
        : [];
    try {
      const handles = [database.handle(), ...others];
      const before = (await loadMeetingState(db(), testKeys.log, target)).seq;
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          runCommand(
            (handles[index % handles.length] ?? database.handle()).db,
            {
              target,
              commandId: randomUUID(),
              command: { type: 'check_in', status: 'present_in_hall' },
              actor: delegate,
              now,
            },
            new MeetingStateCache(testKeys.log),
          ),
        ),
      );
      const seqs = answers
        .map((result) => (result.answer.ok ? result.answer.seq : -1))
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, index) => before + index + 1));
      expect(await verifyLog(db(), testKeys.log, world.meetingId)).toMatchObject({ ok: true });
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('verify-log names the first bad seq of a changed, unlinked or removed event', async () => {
    const meetingId = world.meetingId;
    const at = (seq: number) =>
      and(eq(schema.meetingEvents.meetingId, meetingId), eq(schema.meetingEvents.seq, seq));
    const [original] = await db().select().from(schema.meetingEvents).where(at(2));

    await db()
      .update(schema.meetingEvents)
      .set({ payload: { ...original?.payload, status: 'absent_unexcused' } })
      .where(at(2));
    expect(await verifyLog(db(), testKeys.log, meetingId)).toEqual({
      ok: false,
      firstBadSeq: 2,
      reason: 'hash',
    });
    await db()
      .update(schema.meetingEvents)
      .set({ payload: original?.payload ?? {} })
      .where(at(2));
    expect(await verifyLog(db(), testKeys.log, meetingId)).toMatchObject({ ok: true });

    await db()
      .update(schema.meetingEvents)
      .set({ prevHash: '1'.repeat(64) })
      .where(at(3));
    expect(await verifyLog(db(), testKeys.log, meetingId)).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason: 'link',
    });

    await db().delete(schema.meetingEvents).where(at(3));
    expect(await verifyLog(db(), testKeys.log, meetingId)).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason: 'gap',
    });
  });

  it('a deleted last event, or a change with every hash after it made again without the key, is caught, and the meeting is not served', async () => {
    // A meeting of its own, so the changes below harm no other test.
    const meetingId = await db().transaction((tx) =>
      createMeetingFromTemplate(tx, {
        body: { id: world.councilId, kind: 'peoples_council', name: 'Hội đồng thử' },
        place: 'Hội trường',
        startsAt: now,
        presidingOfficerId: presiding.personId ?? '',
        secretaryIds: [presiding.personId ?? ''],
        today: '2026-01-05',
      }),
    );
    const other = { ...target, meetingId };
    const chair = {
      ...presiding,
      meetingRoles: [{ meetingId, role: 'presiding_officer' as const }],
    };
    const otherCache = new MeetingStateCache(testKeys.log);
    const run = (command: MeetingCommand, actor: Actor) =>
      runCommand(db(), { target: other, commandId: randomUUID(), command, actor, now }, otherCache);
    const { secretariat } = await worldMeetingActors(db(), world, now);
    await run(
      { type: 'convene', setup: await loadConvening(db(), world.councilId, meetingId, now) },
      secretariat,
    );
    await run({ type: 'check_in', status: 'present_in_hall' }, delegate);
    await run(
      { type: 'open_sitting', setup: { roster: await loadRoster(db(), world.councilId, now) } },
      chair,
    );
    await run({ type: 'request_floor', requestId: 'xin-noi' }, delegate);
    const at = (seq: number) =>
      and(eq(schema.meetingEvents.meetingId, meetingId), eq(schema.meetingEvents.seq, seq));

    // The last event deleted: the head still names it.
    const [last] = await db().select().from(schema.meetingEvents).where(at(4));
    await db().delete(schema.meetingEvents).where(at(4));
    expect(await verifyLog(db(), testKeys.log, meetingId)).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: 'head',
    });
    // A process that holds the meeting notices too: it will not build on a log that shrank.
    await expect(otherCache.head(db(), other)).rejects.toThrow(LogBrokenError);
    if (last) await db().insert(schema.meetingEvents).values(last);
    expect(await verifyLog(db(), testKeys.log, meetingId)).toMatchObject({ ok: true });

    // Event 2 changed, and every hash from it on made again, as anyone without the key could.
    const rows = await db()
      .select()
      .from(schema.meetingEvents)
      .where(eq(schema.meetingEvents.meetingId, meetingId))
      .orderBy(asc(schema.meetingEvents.seq));
    let prevHash = rows[0]?.hash ?? '';
    for (const row of rows.slice(1)) {
      const payload = row.seq === 2 ? { ...row.payload, status: 'absent_unexcused' } : row.payload;
      const hash = createHash('sha256')
        .update(canonicalJson({ ...row, payload, prevHash, at: row.at.toISOString() }))
        .digest('hex');
      await db().update(schema.meetingEvents).set({ payload, prevHash, hash }).where(at(row.seq));
      prevHash = hash;
    }
    expect(await verifyLog(db(), testKeys.log, meetingId)).toEqual({
      ok: false,
      firstBadSeq: 2,
      reason: 'hash',
    });
    // A process starting afresh refuses to serve it.
    await expect(new MeetingStateCache(testKeys.log).head(db(), other)).rejects.toMatchObject({
      broken: { firstBadSeq: 2, reason: 'hash' },
    });
  });
});

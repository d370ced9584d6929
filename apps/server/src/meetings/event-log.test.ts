import { randomUUID } from 'node:crypto';
import { createDatabase, schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { Actor, MeetingCommand } from '@hopxa/domain';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { meetingTarget } from '../auth/authorize.ts';
import { buildWorld, worldMeetingActors, type World } from '../test/fixtures.ts';
import { loadMeetingState, verifyLog } from './event-log.ts';
import { runCommand } from './run-commands.ts';
import { loadSittingSetup } from './sitting-setup.ts';

describeEachDatabase('the meeting event log', (database) => {
  const db = () => database.handle().db;
  const now = new Date('2026-01-05T01:00:00Z');
  let world: World;
  let presiding: Actor;
  let delegate: Actor;
  let target: Awaited<ReturnType<typeof meetingTarget>>;

  const send = (command: MeetingCommand, actor: Actor, commandId: string = randomUUID()) =>
    runCommand(db(), { target, commandId, command, actor, now });

  beforeAll(async () => {
    world = await buildWorld(db(), now);
    ({ target, presiding, delegate } = await worldMeetingActors(db(), world, now));
    const opened = await send(
      {
        type: 'open_sitting',
        setup: await loadSittingSetup(db(), world.councilId, world.meetingId, now),
      },
      presiding,
    );
    expect(opened.answer).toEqual({ ok: true, seq: 1 });
  });

  it('appends each accepted command with the next seq and links it to the hash before', async () => {
    const checkIn = await send({ type: 'check_in', status: 'present_in_hall' }, delegate);
    expect(checkIn.answer).toEqual({ ok: true, seq: 2 });
    expect(checkIn.events.map((event) => [event.seq, event.type])).toEqual([
      [2, 'attendance_recorded'],
    ]);
    expect(await verifyLog(db(), world.meetingId)).toEqual({ ok: true, events: 2 });
    const state = await loadMeetingState(db(), target);
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
    expect((await loadMeetingState(db(), target)).queue).toHaveLength(1);
  });

  it('stores a refusal as the answer too, and appends nothing for it', async () => {
    const before = (await loadMeetingState(db(), target)).seq;
    const commandId = randomUUID();
    const refused = await send({ type: 'close_sitting' }, delegate, commandId);
    expect(refused.answer).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect((await send({ type: 'close_sitting' }, delegate, commandId)).answer).toEqual(
      refused.answer,
    );
    expect((await loadMeetingState(db(), target)).seq).toBe(before);
  });

  it('I1 refuses a used command id sent by another account or with another command, and runs neither', async () => {
    const commandId = randomUUID();
    const withdraw = { type: 'withdraw_floor', requestId: 'xin-phat-bieu' } as const;
    const first = await send(withdraw, delegate, commandId);
    expect(first.answer).toMatchObject({ ok: true });
    const before = await loadMeetingState(db(), target);
    const reused = { ok: false, error: { code: 'command_id_reused' } };
    expect(
      (await send({ type: 'request_floor', requestId: 'lan-2' }, delegate, commandId)).answer,
    ).toEqual(reused);
    expect((await send(withdraw, presiding, commandId)).answer).toEqual(reused);
    expect((await send({ type: 'close_sitting' }, presiding, commandId)).answer).toEqual(reused);
    const after = await loadMeetingState(db(), target);
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
      const before = (await loadMeetingState(db(), target)).seq;
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          runCommand((handles[index % handles.length] ?? database.handle()).db, {
            target,
            commandId: randomUUID(),
            command: { type: 'check_in', status: 'present_in_hall' },
            actor: delegate,
            now,
          }),
        ),
      );
      const seqs = answers
        .map((result) => (result.answer.ok ? result.answer.seq : -1))
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, index) => before + index + 1));
      expect(await verifyLog(db(), world.meetingId)).toMatchObject({ ok: true });
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
    expect(await verifyLog(db(), meetingId)).toEqual({ ok: false, firstBadSeq: 2, reason: 'hash' });
    await db()
      .update(schema.meetingEvents)
      .set({ payload: original?.payload ?? {} })
      .where(at(2));
    expect(await verifyLog(db(), meetingId)).toMatchObject({ ok: true });

    await db()
      .update(schema.meetingEvents)
      .set({ prevHash: '1'.repeat(64) })
      .where(at(3));
    expect(await verifyLog(db(), meetingId)).toEqual({ ok: false, firstBadSeq: 3, reason: 'link' });

    await db().delete(schema.meetingEvents).where(at(3));
    expect(await verifyLog(db(), meetingId)).toEqual({ ok: false, firstBadSeq: 3, reason: 'gap' });
  });
});

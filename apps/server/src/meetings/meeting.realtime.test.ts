import { randomUUID } from 'node:crypto';
import { describeEachDatabase } from '@hopxa/db/testing';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { stateHash, until, useRealtime } from '../test/realtime-harness.ts';

describeEachDatabase('a meeting over Socket.IO', (database) => {
  const context = useRealtime(database);

  it('convenes, takes the roll call, opens the sitting and brings every follower to the same state as the server', async () => {
    const presiding = context.client('presidingOfficer');
    const delegate = context.client('delegate');
    const follower = context.client('follower');
    await Promise.all([presiding.start(), delegate.start(), follower.start()]);
    expect(presiding.state).toMatchObject({ seq: 0, status: 'draft' });

    await context.convene();
    const checkedIn = await delegate.send({ type: 'check_in', status: 'present_in_hall' });
    expect(checkedIn).toMatchObject({ ok: true, seq: 2 });
    const opened = await presiding.send({ type: 'open_sitting' });
    expect(opened).toMatchObject({ ok: true, seq: 3 });

    const states = await Promise.all(
      [presiding, delegate, follower].map((client) => until(client, (state) => state.seq === 3)),
    );
    expect(new Set(states.map(stateHash)).size).toBe(1);
    expect(states[0]?.status).toBe('open');
    expect(states[0]?.attendance[context.world.delegatePersonId]?.status).toBe('present_in_hall');

    // A late joiner gets one snapshot, identical to what the others built from events.
    const late = context.client('guest');
    expect(stateHash(await late.start())).toBe(stateHash(states[0]));
  });

  it('answers a refused command with its typed reason in Vietnamese, and changes nothing', async () => {
    const delegate = context.client('delegate');
    await delegate.start();
    const before = stateHash(delegate.state);
    const answer = await delegate.send({ type: 'close_sitting' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Tài khoản của bạn không có quyền làm việc này. Nếu cần, hãy liên hệ văn phòng.',
      },
    });
    expect(stateHash(delegate.state)).toBe(before);
  });

  it('applies a retried command id once and answers it as replayed', async () => {
    const delegate = context.client('delegate');
    await delegate.start();
    const commandId = randomUUID();
    const first = await delegate.send({ type: 'request_floor', requestId: 'xin-noi' }, commandId);
    const again = await delegate.send({ type: 'request_floor', requestId: 'xin-noi' }, commandId);
    expect(first).toMatchObject({ ok: true, data: { replayed: false } });
    expect(again).toMatchObject({
      ok: true,
      seq: first.ok ? first.seq : -1,
      data: { replayed: true },
    });
    const state = await until(delegate, (current) => current.queue.length > 0);
    expect(state.queue.filter((request) => request.requestId === 'xin-noi')).toHaveLength(1);
  });

  it('catches a reconnecting client up with exactly the events it missed', async () => {
    const presiding = context.client('presidingOfficer');
    const tablet = context.client('delegate');
    await Promise.all([presiding.start(), tablet.start()]);
    tablet.socket.disconnect();
    const secretary = context.client('secretary');
    await secretary.start();
    const recorded = await secretary.send({
      type: 'record_attendance',
      personId: context.world.delegatePersonId,
      status: 'absent_excused',
    });
    expect(recorded.ok).toBe(true);
    tablet.socket.connect();
    const caughtUp = await until(
      tablet,
      (state) => state.seq === (recorded.ok ? recorded.seq : -1),
    );
    expect(stateHash(caughtUp)).toBe(stateHash(secretary.state));
  });

  it('takes a meeting role away at once: the former secretary is refused from the next command on', async () => {
    const secretary = context.client('secretary');
    await secretary.start();
    const record = () =>
      secretary.send({
        type: 'record_attendance',
        personId: context.world.delegatePersonId,
        status: 'present_in_hall',
      });
    expect((await record()).ok).toBe(true);
    const changed = await fetch(`${context.url}/api/meetings/${context.world.meetingId}`, {
      method: 'PATCH',
      headers: {
        origin: context.url,
        'content-type': 'application/json',
        cookie: `${SESSION_COOKIE}=${context.world.tokens.secretariat}`,
      },
      body: JSON.stringify({ secretaryIds: [context.world.delegatePersonId] }),
    });
    expect(changed.status).toBe(200);
    expect(await record()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses to let someone outside the meeting follow it', async () => {
    const outsider = context.client('otherSecretariat');
    await expect(outsider.start()).rejects.toMatchObject({ error: { code: 'forbidden' } });
  });

  it('answers malformed payloads with invalid_input and never crashes', async () => {
    const delegate = context.client('delegate');
    await delegate.start();
    const socket = delegate.socket as unknown as {
      emitWithAck: (event: string, payload: unknown) => Promise<unknown>;
    };
    for (const payload of [
      null,
      42,
      'x',
      {},
      { meetingId: 'not-a-uuid' },
      { meetingId: context.world.meetingId, commandId: randomUUID(), command: { type: 'explode' } },
      // What only the server supplies is refused from a client: a roster, an agenda.
      ...[
        { type: 'convene', setup: { roster: [], agenda: [], statutorySize: 1 } },
        { type: 'open_sitting', setup: { roster: [] } },
        { type: 'record_all_present', personIds: [context.world.delegatePersonId] },
        {
          type: 'record_attendance',
          personId: context.world.delegatePersonId,
          status: 'absent_excused',
          reason: 'x'.repeat(201),
        },
      ].map((command) => ({
        meetingId: context.world.meetingId,
        commandId: randomUUID(),
        command,
      })),
    ]) {
      expect(await socket.emitWithAck('meeting:command', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    for (const payload of [
      {},
      { meetingId: context.world.meetingId, pollId: randomUUID(), castId: randomUUID() },
      {
        meetingId: context.world.meetingId,
        pollId: randomUUID(),
        castId: randomUUID(),
        personId: 'not-a-uuid',
        choice: 'in_favour',
      },
      {
        meetingId: context.world.meetingId,
        pollId: randomUUID(),
        castId: randomUUID(),
        personId: context.world.delegatePersonId,
        choice: 'maybe',
      },
    ]) {
      expect(await socket.emitWithAck('poll:enter', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    // An emit without an acknowledgement callback is ignored, and the connection lives on.
    (delegate.socket as unknown as { emit: (event: string, payload: unknown) => void }).emit(
      'meeting:command',
      {
        junk: true,
      },
    );
    expect(await delegate.send({ type: 'withdraw_floor', requestId: 'khong-co' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
  });
});

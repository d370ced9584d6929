// The meeting engine without a socket: commands and ballots go in through its methods, and
// what it would send each room is kept by a sink of the test's own.
import { randomUUID } from 'node:crypto';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { Actor, MeetingEvent } from '@hopxa/domain';
import type { LogHead, PollProgressMessage } from '@hopxa/protocol';
import { beforeAll, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { buildWorld, worldMeetingActors, type World } from '../test/fixtures.ts';
import { testKeys } from '../test/test-keys.ts';
import { MeetingEngine } from './meeting-engine.ts';

describeEachDatabase('the meeting engine, in memory', (database) => {
  const published: { meetingId: string; events: readonly MeetingEvent[]; head: LogHead }[] = [];
  const progress: PollProgressMessage[] = [];
  let engine: MeetingEngine;
  let world: World;
  let presiding: Actor;
  let delegate: Actor;
  let secretariat: Actor;

  beforeAll(async () => {
    const db = database.handle().db;
    world = await buildWorld(db, new Date());
    ({ presiding, delegate, secretariat } = await worldMeetingActors(db, world, new Date()));
    engine = new MeetingEngine({
      db,
      logger: createLogger('silent'),
      keys: testKeys,
      clock: () => new Date(),
      soleWriter: true,
      sink: {
        events: (meetingId, events, head) => published.push({ meetingId, events, head }),
        progress: (message) => progress.push(message),
      },
    });
  });
  const sent = () => published.flatMap((message) => message.events.map((event) => event.type));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  it('decides, commits and publishes a command, with where the log ends', async () => {
    const target = await engine.target(world.meetingId);
    expect(await engine.command(target, secretariat, randomUUID(), { type: 'convene' })).toEqual({
      ok: true,
      seq: 1,
      data: { replayed: false },
    });
    // The opening is refused without quorum, with the figures.
    expect(await engine.command(target, presiding, randomUUID(), { type: 'open_sitting' })).toEqual(
      { ok: false, code: 'quorum_not_reached', quorum: { present: 0, required: 1, total: 1 } },
    );
    expect(
      await engine.command(target, delegate, randomUUID(), {
        type: 'check_in',
        status: 'present_in_hall',
      }),
    ).toMatchObject({ ok: true, seq: 2 });
    expect(
      await engine.command(target, presiding, randomUUID(), { type: 'open_sitting' }),
    ).toMatchObject({ ok: true, seq: 3 });
    await settle();
    expect(sent()).toEqual(['meeting_convened', 'attendance_recorded', 'sitting_opened']);
    expect(published.at(-1)?.head).toEqual({
      seq: 3,
      fingerprint: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/),
    });
    // A refusal is a code, and nothing is published for it.
    expect(await engine.command(target, delegate, randomUUID(), { type: 'close_sitting' })).toEqual(
      { ok: false, code: 'forbidden' },
    );
    await settle();
    expect(sent()).toHaveLength(3);
  });

  it('takes a poll from opening to its result: the box made, ballots in, progress published, counted once', async () => {
    const target = await engine.target(world.meetingId);
    const itemId = (await engine.cache.current(engine.db, target)).agenda[0]?.id ?? '';
    await engine.command(target, presiding, randomUUID(), { type: 'set_current_item', itemId });
    const pollId = randomUUID();
    expect(
      await engine.command(target, presiding, randomUUID(), {
        type: 'open_poll',
        pollId,
        kind: 'open_vote',
        title: 'Thông qua chương trình',
      }),
    ).toMatchObject({ ok: true });
    const castId = randomUUID();
    const ballot = { kind: 'motion', choice: 'in_favour' } as const;
    expect(await engine.cast(target, delegate, { pollId, castId, ballot })).toMatchObject({
      ok: true,
      data: { replayed: false, receipt: null },
    });
    expect(await engine.cast(target, delegate, { pollId, castId, ballot })).toMatchObject({
      ok: true,
      data: { replayed: true },
    });
    await settle();
    expect(progress.at(-1)).toEqual({
      meetingId: world.meetingId,
      pollId,
      voted: 1,
      voters: [world.delegatePersonId],
    });
    expect(
      await engine.command(target, presiding, randomUUID(), { type: 'close_poll', pollId }),
    ).toMatchObject({ ok: true });
    await settle();
    const closed = published
      .flatMap((message) => message.events)
      .find((event) => event.type === 'poll_closed');
    expect(closed).toMatchObject({
      pollId,
      result: { returned: 1, tally: { inFavour: 1, against: 0, notVoting: 0 } },
    });
    // Closing again is answered and changes nothing.
    expect(
      await engine.command(target, presiding, randomUUID(), { type: 'close_poll', pollId }),
    ).toMatchObject({ ok: true });
    await settle();
    expect(sent().filter((type) => type === 'poll_closed')).toHaveLength(1);
  });
});

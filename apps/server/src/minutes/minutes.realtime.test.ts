import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { describeEachDatabase } from '@hopxa/db/testing';
import { minutesSchema } from '@hopxa/minutes';
import { randomEdit, seeded } from '@hopxa/minutes/testing';
import type { MinutesStepsMessage } from '@hopxa/protocol';
import { Step } from '@tiptap/pm/transform';
import { sendableSteps } from 'prosemirror-collab';
import { expect, it } from 'vitest';
import { minutesWriter } from '../test/minutes-writer.ts';
import { useRealtime } from '../test/realtime-harness.ts';

describeEachDatabase('the minutes written live over Socket.IO', (database) => {
  const context = useRealtime(database);
  const meetingId = () => context.world.meetingId;

  it('two secretaries writing 200 edits each at once converge with the server, and a follower reads it live', async () => {
    const reader = context.client('follower');
    await reader.start();
    const heard: MinutesStepsMessage[] = [];
    reader.socket.on('minutes:steps', (message) => heard.push(message));
    const devices = [context.client('secretary'), context.client('secretary')];
    await Promise.all(devices.map((device) => device.start()));
    const writers = [
      await minutesWriter(devices[0] as MeetingClient, meetingId(), 'phong-1'),
      await minutesWriter(devices[1] as MeetingClient, meetingId(), 'phong-2'),
    ];
    const random = seeded(7);
    for (let round = 0; round < 400; round += 1) {
      const writer = writers[round % 2] as (typeof writers)[number];
      writer.state = randomEdit(writer.state, random);
      if (random() < 0.5) await writer.push();
      else if (random() < 0.3) await writer.pull();
    }
    for (let pass = 0; pass < 5; pass += 1) for (const writer of writers) await writer.push();
    for (const writer of writers) await writer.pull();
    const server = await reader.socket.emitWithAck('minutes:join', { meetingId: meetingId() });
    if (!server.ok) throw new Error(server.error.code);
    const stored = minutesSchema.nodeFromJSON(server.data.doc);
    for (const writer of writers) {
      expect(sendableSteps(writer.state)).toBeNull();
      expect(writer.state.doc.eq(stored)).toBe(true);
    }
    expect(server.data.version).toBeGreaterThan(150);
    // The follower heard every step in order, and rebuilds the same document from them.
    await expect.poll(() => heard.at(-1)?.version).toBe(server.data.version);
    let doc = minutesSchema.topNodeType.createAndFill();
    for (const message of heard)
      for (const record of message.steps)
        doc = Step.fromJSON(minutesSchema, record.step).apply(doc ?? stored).doc;
    expect(doc?.eq(stored)).toBe(true);
  });

  it('answers a resent batch without applying it twice, refuses a stale or broken one, and lets no one but a secretary write', async () => {
    const secretary = context.client('secretary');
    await secretary.start();
    const joined = await secretary.socket.emitWithAck('minutes:join', { meetingId: meetingId() });
    if (!joined.ok) throw new Error(joined.error.code);
    const { version } = joined.data;
    const doc = minutesSchema.nodeFromJSON(joined.data.doc);
    const insert = {
      stepType: 'replace',
      from: 1,
      to: 1,
      slice: { content: [{ type: 'text', text: 'Khai mạc. ' }] },
    };
    expect(Step.fromJSON(minutesSchema, insert).apply(doc).doc).not.toBeNull();
    const batch = {
      meetingId: meetingId(),
      batchId: randomUUID(),
      version,
      clientId: 'thu-ky',
      steps: [insert],
    };
    const first = await secretary.socket.emitWithAck('minutes:steps', batch);
    expect(first).toMatchObject({ ok: true, data: { version: version + 1, replayed: false } });
    const again = await secretary.socket.emitWithAck('minutes:steps', batch);
    expect(again).toMatchObject({ ok: true, data: { version: version + 1, replayed: true } });
    // The same batch id with other steps, or from another writer, is refused, not replayed.
    const otherText = { ...insert, slice: { content: [{ type: 'text', text: 'Khác.' }] } };
    for (const reused of [
      { ...batch, steps: [otherText] },
      { ...batch, clientId: 'khac' },
    ])
      expect(await secretary.socket.emitWithAck('minutes:steps', reused)).toMatchObject({
        ok: false,
        error: { code: 'command_id_reused' },
      });
    // Control characters, half surrogates and direction overrides never reach the minutes.
    for (const text of ['Lò\u0000Mai', 'x\uD800y', 'Lò \u202EMai', 'a\u0007'])
      expect(
        await secretary.socket.emitWithAck('minutes:steps', {
          ...batch,
          batchId: randomUUID(),
          version: version + 1,
          steps: [{ ...insert, slice: { content: [{ type: 'text', text }] } }],
        }),
        JSON.stringify(text),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const stale = await secretary.socket.emitWithAck('minutes:steps', {
      ...batch,
      batchId: randomUUID(),
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'minutes_stale' } });
    const broken = await secretary.socket.emitWithAck('minutes:steps', {
      ...batch,
      batchId: randomUUID(),
      version: version + 1,
      steps: [{ stepType: 'replace', from: 5000, to: 5001 }],
    });
    expect(broken).toMatchObject({ ok: false, error: { code: 'minutes_invalid' } });
    for (const actor of ['delegate', 'follower', 'presidingOfficer', 'secretariat'] as const) {
      const client = context.client(actor);
      await client.start();
      const refused = await client.socket.emitWithAck('minutes:steps', {
        ...batch,
        batchId: randomUUID(),
        version: version + 1,
      });
      expect(refused, actor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const after = await secretary.socket.emitWithAck('minutes:since', {
      meetingId: meetingId(),
      version,
    });
    expect(after).toMatchObject({ ok: true, data: { version: version + 1 } });
  });
});

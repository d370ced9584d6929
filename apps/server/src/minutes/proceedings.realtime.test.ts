import { describeEachDatabase } from '@hopxa/db/testing';
import { minutesSchema } from '@hopxa/minutes';
import { randomEdit, seeded } from '@hopxa/minutes/testing';
import { sendableSteps } from 'prosemirror-collab';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { minutesWriter } from '../test/minutes-writer.ts';
import { people, range, useSittings, type Sitting } from '../test/sitting-kit.ts';
import { PROCEEDINGS_DELAY_MS } from './proceedings-writer.ts';

/** The proceedings are written a moment after their event: waited for, within reason. */
const WRITTEN = { timeout: PROCEEDINGS_DELAY_MS + 5000, interval: 200 };

describeEachDatabase('the proceedings written into the minutes from the record', (database) => {
  const { context, sitting, vote } = useSittings(database);

  /** The proceedings blocks of the sitting's minutes as the server holds them, by source. */
  async function blocks(body: Sitting): Promise<Record<string, string>> {
    const joined = await body.secretary.socket.emitWithAck('minutes:join', {
      meetingId: body.meetingId,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    const found: Record<string, string> = {};
    minutesSchema.nodeFromJSON(joined.data.doc).descendants((node) => {
      if (node.type.name === 'proceedings')
        found[String(node.attrs.source)] = String(node.attrs.text);
    });
    return found;
  }

  it('writes the opening, the roll call and each result as they happen, refreshes a block whose source changes, and keeps what the secretary typed', async () => {
    const body = await sitting('peoples_council', people(5), range(4));
    await expect
      .poll(async () => Object.keys(await blocks(body)), WRITTEN)
      .toEqual(['opening', 'attendance', expect.stringMatching(/^item:/)]);
    // The item the sitting took up heads what happens under it.
    const item = body.chair.state?.agenda.find((each) => each.status === 'current');
    expect((await blocks(body))[`item:${item?.id ?? ''}`]).toBe(item?.title);
    expect((await blocks(body)).attendance).toContain('Có mặt 4');

    // The secretary writes a line of their own.
    const joined = await body.secretary.socket.emitWithAck('minutes:join', {
      meetingId: body.meetingId,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    const typed = await body.secretary.socket.emitWithAck('minutes:steps', {
      meetingId: body.meetingId,
      batchId: randomUUID(),
      version: joined.data.version,
      clientId: 'thu-ky',
      steps: [
        {
          stepType: 'replace',
          from: 1,
          to: 1,
          slice: { content: [{ type: 'text', text: 'Ý kiến: nhất trí.' }] },
        },
      ],
    });
    expect(typed).toMatchObject({ ok: true });

    // A late arrival changes the roll call's block; a vote adds its result.
    const late = body.personIds[4] ?? '';
    await body.secretary.send({
      type: 'record_attendance',
      personId: late,
      status: 'present_in_hall',
    });
    const inFavour = { kind: 'motion', choice: 'in_favour' } as const;
    await vote(body, { kind: 'open_vote', title: 'Thông qua chương trình' }, [
      inFavour,
      inFavour,
      inFavour,
      inFavour,
      inFavour,
    ]);
    const pollId = body.chair.state?.polls[0]?.pollId ?? '';
    await expect
      .poll(async () => (await blocks(body))[`poll:${pollId}`] ?? '', WRITTEN)
      .toContain('Kết quả: thông qua');
    await expect
      .poll(async () => (await blocks(body)).attendance ?? '', WRITTEN)
      .toContain('Có mặt 5');
    const after = await body.secretary.socket.emitWithAck('minutes:join', {
      meetingId: body.meetingId,
    });
    if (!after.ok) throw new Error(after.error.code);
    expect(minutesSchema.nodeFromJSON(after.data.doc).textContent).toContain('Ý kiến: nhất trí.');
  });

  it('two secretaries writing 200 edits each while the server writes the proceedings end with one document, on both screens and the server', async () => {
    const body = await sitting('peoples_council', people(6), range(5));
    const secondDevice = context.clientWithToken(body.secretaryToken, body.meetingId);
    await secondDevice.start();
    const writers = [
      await minutesWriter(body.secretary, body.meetingId, 'thu-ky-1'),
      await minutesWriter(secondDevice, body.meetingId, 'thu-ky-2'),
    ];
    const random = seeded(11);
    const late = body.personIds[5] ?? '';
    for (let round = 0; round < 400; round += 1) {
      const writer = writers[round % 2] as (typeof writers)[number];
      writer.state = randomEdit(writer.state, random);
      if (random() < 0.5) await writer.push();
      else if (random() < 0.3) await writer.pull();
      // The record changes as they type: the server's blocks come in between their steps.
      if (round === 40)
        await body.secretary.send({
          type: 'record_attendance',
          personId: late,
          status: 'present_in_hall',
        });
      if (round === 200)
        await body.secretary.send({
          type: 'record_attendance',
          personId: late,
          status: 'absent_excused',
          reason: 'Ốm',
        });
      if (round % 50 === 49)
        await new Promise((resolve) => setTimeout(resolve, PROCEEDINGS_DELAY_MS / 3));
    }
    // The last refresh is written, then everything still unsent goes through.
    await expect
      .poll(async () => (await blocks(body)).attendance ?? '', WRITTEN)
      .toContain('vắng có lý do 1');
    for (let pass = 0; pass < 5; pass += 1) for (const writer of writers) await writer.push();
    for (const writer of writers) await writer.pull();
    const joined = await body.secretary.socket.emitWithAck('minutes:join', {
      meetingId: body.meetingId,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    const stored = minutesSchema.nodeFromJSON(joined.data.doc);
    for (const writer of writers) {
      expect(sendableSteps(writer.state)).toBeNull();
      expect(writer.state.doc.eq(stored)).toBe(true);
    }
    const written = await blocks(body);
    expect(Object.keys(written)).toEqual(expect.arrayContaining(['opening', 'attendance']));
    expect(written.attendance).toContain('Thành Viên Thử 6 (Ốm)');
  });
});

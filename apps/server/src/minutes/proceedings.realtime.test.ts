import { describeEachDatabase } from '@hopxa/db/testing';
import { minutesSchema } from '@hopxa/minutes';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { people, range, useSittings, type Sitting } from '../test/sitting-kit.ts';
import { PROCEEDINGS_DELAY_MS } from './proceedings-writer.ts';

/** The proceedings are written a moment after their event: waited for, within reason. */
const WRITTEN = { timeout: PROCEEDINGS_DELAY_MS + 5000, interval: 200 };

describeEachDatabase('the proceedings written into the minutes from the record', (database) => {
  const { sitting, vote } = useSittings(database);

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
      .toEqual(['opening', 'attendance']);
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
});

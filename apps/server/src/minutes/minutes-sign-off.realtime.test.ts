import { createHash, randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { describeEachDatabase } from '@hopxa/db/testing';
import { canonicalJson } from '@hopxa/domain';
import { minutesSchema } from '@hopxa/minutes';
import { expect, it } from 'vitest';
import { until } from '../test/realtime-harness.ts';
import { people, range, useSittings, type Sitting } from '../test/sitting-kit.ts';
import { PROCEEDINGS_DELAY_MS } from './proceedings-writer.ts';

const refusedWith = (code: string) => ({ ok: false, error: { code } });
/** The closing line the proceedings write into the minutes. */
const CLOSING = 'Cuộc họp kết thúc vào';

describeEachDatabase('the minutes signed off over Socket.IO', (database) => {
  const { sitting } = useSittings(database);

  /** The minutes as the server holds them. */
  async function minutesOf(body: Sitting) {
    const joined = await body.secretary.socket.emitWithAck('minutes:join', {
      meetingId: body.meetingId,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    return joined.data;
  }

  /** The secretary types `text` at the start of the minutes, as stored now. */
  async function type(body: Sitting, text: string) {
    const { version } = await minutesOf(body);
    return body.secretary.socket.emitWithAck('minutes:steps', {
      meetingId: body.meetingId,
      batchId: randomUUID(),
      version,
      clientId: 'thu-ky',
      steps: [{ stepType: 'replace', from: 0, to: 0, slice: paragraph(text) }],
    });
  }
  const paragraph = (text: string) => ({
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  const sha256 = (doc: unknown) => createHash('sha256').update(canonicalJson(doc)).digest('hex');

  it('M1 M2 M3 the secretary submits the minutes of the closed sitting, which lock, and the presiding officer approves exactly what was submitted', async () => {
    const body = await sitting('peoples_council', people(4), range(4));
    const member = body.clients[2] as MeetingClient;
    expect(await type(body, 'Ý kiến thảo luận: nhất trí.')).toMatchObject({ ok: true });
    const written = await minutesOf(body);
    expect(
      await body.secretary.send({ type: 'submit_minutes', version: written.version }),
    ).toMatchObject(refusedWith('sitting_still_open'));
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    // The proceedings take the closing in; the secretary reads it before submitting.
    await expect
      .poll(async () => JSON.stringify((await minutesOf(body)).doc), {
        timeout: PROCEEDINGS_DELAY_MS + 5000,
        interval: 200,
      })
      .toContain(CLOSING);
    const read = await minutesOf(body);
    for (const other of [member, body.chair])
      expect(await other.send({ type: 'submit_minutes', version: read.version })).toMatchObject(
        refusedWith('forbidden'),
      );
    expect(
      await body.secretary.send({ type: 'submit_minutes', version: read.version - 1 }),
    ).toMatchObject(refusedWith('minutes_changed'));
    expect(
      await body.secretary.send({ type: 'submit_minutes', version: read.version }),
    ).toMatchObject({ ok: true });
    const submitted = await until(body.chair, (state) => state.minutes.status === 'submitted');
    const head = body.chair.head;
    expect(submitted.minutes.submission).toMatchObject({
      version: read.version,
      sha256: sha256(read.doc),
      logSeq: (head?.seq ?? 0) - 1,
    });

    // M2: locked, for the secretary and for the record's proceedings alike.
    expect(await type(body, 'Sửa sau khi trình')).toMatchObject(refusedWith('minutes_locked'));
    expect(
      await body.secretary.send({
        type: 'record_attendance',
        personId: body.personIds[3] ?? '',
        status: 'absent_excused',
        reason: 'Ốm',
      }),
    ).toMatchObject(refusedWith('sitting_not_open'));

    // M3: a screen that showed another document cannot approve; the presiding officer returns it.
    const approve = { type: 'approve_minutes', sha256: sha256(read.doc) } as const;
    expect(await body.secretary.send(approve)).toMatchObject(refusedWith('forbidden'));
    expect(await body.chair.send({ ...approve, sha256: 'b'.repeat(64) })).toMatchObject(
      refusedWith('minutes_changed'),
    );
    expect(
      await body.chair.send({ type: 'return_minutes', reason: 'Ghi thêm ý kiến của tổ 2' }),
    ).toMatchObject({ ok: true });
    await until(body.secretary, (state) => state.minutes.status === 'writing');
    expect(await type(body, 'Ý kiến của tổ 2: nhất trí.')).toMatchObject({ ok: true });
    const again = await minutesOf(body);
    expect(minutesSchema.nodeFromJSON(again.doc).textContent).toContain('Ý kiến của tổ 2');
    expect(
      await body.secretary.send({ type: 'submit_minutes', version: again.version }),
    ).toMatchObject({ ok: true });
    await until(body.chair, (state) => state.minutes.status === 'submitted');
    // The document submitted before was returned: its SHA-256 approves nothing now.
    expect(await body.chair.send(approve)).toMatchObject(refusedWith('minutes_changed'));
    expect(await body.chair.send({ ...approve, sha256: sha256(again.doc) })).toMatchObject({
      ok: true,
    });
    const approved = await until(member, (state) => state.minutes.status === 'approved');
    expect(approved.minutes.approval?.approvedBy).toBeTruthy();
    expect(await type(body, 'Sửa sau khi duyệt')).toMatchObject(refusedWith('minutes_locked'));
    expect((await minutesOf(body)).version).toBe(again.version);
  });

  it('M1 signs no minutes without their closing: a submission at once after the closing has the closing written first, and is told to read it', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    // Submitted before the proceedings' delay is over, from minutes read without the closing.
    let read = await minutesOf(body);
    let answer = await body.secretary.send({ type: 'submit_minutes', version: read.version });
    if (!answer.ok) {
      expect(answer).toMatchObject(refusedWith('minutes_changed'));
      read = await minutesOf(body);
      answer = await body.secretary.send({ type: 'submit_minutes', version: read.version });
    }
    expect(answer).toMatchObject({ ok: true });
    expect(JSON.stringify(read.doc)).toContain(CLOSING);
    const submitted = await until(body.chair, (state) => state.minutes.status === 'submitted');
    expect(submitted.minutes.submission).toMatchObject({ sha256: sha256(read.doc) });
  });

  it('M4 a correction after approval is an addendum with its own sign-off, its text and SHA-256 in the record', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, PROCEEDINGS_DELAY_MS + 500));
    const addendum = {
      type: 'submit_addendum',
      addendumId: randomUUID(),
      text: 'Đính chính: kỳ họp bế mạc lúc 11 giờ 30.\nCác nội dung khác giữ nguyên.',
    } as const;
    expect(await body.secretary.send(addendum)).toMatchObject(refusedWith('minutes_not_approved'));
    const read = await minutesOf(body);
    await body.secretary.send({ type: 'submit_minutes', version: read.version });
    await until(body.chair, (state) => state.minutes.status === 'submitted');
    await body.chair.send({ type: 'approve_minutes', sha256: sha256(read.doc) });
    await until(body.secretary, (state) => state.minutes.status === 'approved');

    expect(await body.chair.send(addendum)).toMatchObject(refusedWith('forbidden'));
    expect(await body.secretary.send(addendum)).toMatchObject({ ok: true });
    expect(
      await body.secretary.send({ ...addendum, addendumId: randomUUID(), text: 'Thêm nữa' }),
    ).toMatchObject(refusedWith('minutes_already_submitted'));
    const pending = await until(body.chair, (state) => state.minutes.addenda.length === 1);
    expect(pending.minutes.addenda[0]).toMatchObject({
      text: addendum.text,
      sha256: createHash('sha256').update(addendum.text).digest('hex'),
      approvedAt: null,
    });
    expect(
      await body.clients[2]?.send({ type: 'approve_addendum', addendumId: addendum.addendumId }),
    ).toMatchObject(refusedWith('forbidden'));
    expect(
      await body.chair.send({ type: 'approve_addendum', addendumId: addendum.addendumId }),
    ).toMatchObject({ ok: true });
    const signed = await until(body.secretary, (state) =>
      state.minutes.addenda.some((each) => each.approvedAt !== null),
    );
    expect(signed.minutes.status).toBe('approved');
  });

  it('refuses sign-off commands that are not well formed, changing nothing', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    expect(await body.chair.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    const broken: unknown[] = [
      { type: 'submit_minutes', version: -1 },
      { type: 'submit_minutes', version: 1.5 },
      { type: 'submit_minutes', version: 1, minutes: { version: 1, sha256: 'a'.repeat(64) } },
      { type: 'approve_minutes', sha256: 'A'.repeat(64) },
      { type: 'approve_minutes', sha256: 'a'.repeat(63) },
      { type: 'return_minutes', reason: '   ' },
      { type: 'return_minutes', reason: 'Lý do\u202Eđảo' },
      { type: 'submit_addendum', addendumId: 'not-a-uuid', text: 'Đính chính' },
      { type: 'submit_addendum', addendumId: randomUUID(), text: 'Đính\u0000chính' },
      { type: 'submit_addendum', addendumId: randomUUID(), text: 'x'.repeat(5001) },
      { type: 'approve_addendum', addendumId: 7 },
    ];
    for (const command of broken) {
      const answer = await body.secretary.socket.emitWithAck('meeting:command', {
        meetingId: body.meetingId,
        commandId: randomUUID(),
        command,
      } as never);
      expect(answer).toMatchObject(refusedWith('invalid_input'));
    }
    expect(body.secretary.state?.minutes.status).toBe('writing');
  });
});

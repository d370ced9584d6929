import { randomUUID } from 'node:crypto';
import { describeEachDatabase } from '@hopxa/db/testing';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { people, range, useSittings } from '../test/sitting-kit.ts';

describeEachDatabase("a sitting's papers over HTTP", (database) => {
  const { context, seat, sitting, vote } = useSittings(database);

  it('gives the secretariat each paper as PDF and DOCX from the record as it stands; an unknown one is not found', async () => {
    const body = await sitting('peoples_council', people(5), range(5));
    const inFavour = { kind: 'motion', choice: 'in_favour' } as const;
    await vote(body, { kind: 'open_vote', title: 'Thông qua chương trình kỳ họp' }, [
      null,
      inFavour,
      inFavour,
      inFavour,
      inFavour,
    ]);
    const pollId = body.chair.state?.polls[0]?.pollId ?? '';
    const download = (paper: string) =>
      fetch(`${context.url}/api/meetings/${body.meetingId}/papers/${paper}`, {
        headers: { cookie: `${SESSION_COOKIE}=${body.secretariatToken}` },
      });
    for (const [paper, opening] of [
      ['minutes.pdf', '%PDF'],
      ['minutes.docx', 'PK'],
      ['attendance.pdf', '%PDF'],
      ['attendance.docx', 'PK'],
      ['agenda.pdf', '%PDF'],
      [`poll-${pollId}.pdf`, '%PDF'],
      [`poll-${pollId}.docx`, 'PK'],
    ] as const) {
      const response = await download(paper);
      expect(response.status, paper).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const file = Buffer.from(await response.arrayBuffer());
      expect(file.subarray(0, opening.length).toString('latin1')).toBe(opening);
    }
    for (const unknown of ['minutes.odt', 'agenda.exe', `poll-${randomUUID()}.pdf`])
      expect((await download(unknown)).status, unknown).toBe(404);
  });

  it('has no result sheet for a poll still open, and no papers before the convening', async () => {
    const body = await sitting('peoples_council', people(3), range(3));
    const pollId = randomUUID();
    await body.chair.send({
      type: 'open_poll',
      pollId,
      kind: 'open_vote',
      title: 'Đang biểu quyết',
    });
    const response = await fetch(
      `${context.url}/api/meetings/${body.meetingId}/papers/poll-${pollId}.pdf`,
      { headers: { cookie: `${SESSION_COOKIE}=${body.secretariatToken}` } },
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('result_not_ready');

    const draft = await seat('peoples_council', people(3), { convened: false });
    const early = await fetch(
      `${context.url}/api/meetings/${draft.meetingId}/papers/attendance.pdf`,
      { headers: { cookie: `${SESSION_COOKIE}=${draft.secretariatToken}` } },
    );
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('not_convened');
  });
});

import { randomUUID } from 'node:crypto';
import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
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

  it('gives the notice of a convened meeting as PDF and DOCX from its setup, agenda and papers not withdrawn; none before the convening', async () => {
    const body = await seat('peoples_council', people(3, 0));
    const db = database.handle().db;
    const agenda = body.chair.state?.agenda.filter((item) => item.parentId === null) ?? [];
    const [first, second] = agenda;
    const [office] = await db
      .select({ id: schema.accounts.id })
      .from(schema.accounts)
      .where(
        and(
          eq(schema.accounts.organisationId, body.communeId),
          eq(schema.accounts.role, 'secretariat'),
        ),
      );
    const file = { fileName: 'tai-lieu.pdf', byteSize: 1, sha256: '0'.repeat(64), pageCount: 1 };
    const paper = (title: string, agendaItemId: string | null, minute: number) => ({
      ...file,
      meetingId: body.meetingId,
      agendaItemId,
      title,
      kind: 'submission' as const,
      audience: 'members' as const,
      uploadedBy: office?.id ?? '',
      uploadedAt: new Date(Date.UTC(2026, 10, 28, 1, minute)),
    });
    await db
      .insert(schema.documents)
      .values([
        paper('Tờ trình về nội dung thứ hai', second?.id ?? null, 0),
        paper('Tờ trình về khai mạc', first?.id ?? null, 5),
        { ...paper('Tờ trình đã rút', first?.id ?? null, 1), withdrawnAt: new Date() },
      ]);
    const download = (meetingId: string, name: string, token: string) =>
      fetch(`${context.url}/api/meetings/${meetingId}/papers/${name}`, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });

    const docx = await download(body.meetingId, 'notice.docx', body.secretariatToken);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?notice-\d+\.docx"?$/,
    );
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    const pdf = await download(body.meetingId, 'notice.pdf', body.secretariatToken);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    const document = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()) }).promise;
    const items = [];
    for (let number = 1; number <= document.numPages; number += 1)
      items.push(
        ...((await (await document.getPage(number)).getTextContent()).items as TextItem[]),
      );
    const text = items
      .map((item) => item.str)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY TRIỆU TẬP');
    expect(text).toContain('/GTT-HĐND');
    expect(text).toMatch(/Thử Riêng, ngày \d+ tháng \d+ năm \d{4}/);
    expect(text).toMatch(/Thời gian: Vào lúc \d\d giờ \d\d phút, (thứ \S+|Chủ nhật), ngày /);
    expect(text).toContain('Địa điểm: Hội trường.');
    expect(text).toContain('TM. THƯỜNG TRỰC HĐND CHỦ TỊCH Thành Viên Thử 1');
    const order = [
      `1. ${first?.title ?? ''}`,
      `2. ${second?.title ?? ''}`,
      '1. Tờ trình về khai mạc (Tờ trình).',
      '2. Tờ trình về nội dung thứ hai (Tờ trình).',
    ].map((line) => text.indexOf(line));
    expect(
      order.every((index) => index >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).not.toContain('Tờ trình đã rút');

    const draft = await seat('peoples_council', people(3), { convened: false });
    for (const name of ['notice.pdf', 'notice.docx']) {
      const early = await download(draft.meetingId, name, draft.secretariatToken);
      expect(early.status, name).toBe(409);
      expect(((await early.json()) as { code: string }).code).toBe('not_convened');
    }
  });
});

import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { docxFileText, pdfFileText } from '@hopxa/papers/testing';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { people, range, useSittings } from '../test/sitting-kit.ts';
import { seatBody } from '../test/seated-body.ts';

describeEachDatabase("the province office's summary of a day over HTTP", (database) => {
  const { context, sitting, vote } = useSittings(database);
  const download = (provinceId: string, token: string | null, paper = 'pdf', query = '') =>
    fetch(`${context.url}/api/provinces/${provinceId}/day-summary/${paper}${query}`, {
      ...(token && { headers: { cookie: `${SESSION_COOKIE}=${token}` } }),
    });
  const rename = (communeId: string, name: string) =>
    database
      .handle()
      .db.update(schema.organisations)
      .set({ name })
      .where(eq(schema.organisations.id, communeId));

  it("gives a province's follower today's sittings of its communes, named, with their results, as PDF and DOCX, and nothing of another province", async () => {
    const held = await sitting('peoples_council', people(5, 0), range(5));
    const inFavour = { kind: 'motion', choice: 'in_favour' } as const;
    const against = { kind: 'motion', choice: 'against' } as const;
    await vote(held, { kind: 'open_vote', title: 'Thông qua chương trình kỳ họp' }, [
      inFavour,
      inFavour,
      inFavour,
      inFavour,
      against,
    ]);
    await rename(held.communeId, 'Xã Thử Ba');
    // A sitting of another province's commune, convened for today too.
    const elsewhere = await seatBody(database.handle().db, {
      provinceId: context.world.otherProvinceId,
      kind: 'peoples_committee',
      members: people(3, 0),
      presidingAt: 0,
      secretaryAt: 1,
      now: new Date(),
    });
    await context.convene(elsewhere.meetingId, elsewhere.secretariatToken);
    await rename(elsewhere.communeId, 'Xã Tỉnh Khác');

    const pdf = await download(context.world.provinceId, context.world.tokens.follower);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p%20c%E1%BA%A5p%20x%C3%A3%20ng%C3%A0y%20\d{2}-\d{2}-\d{4}\.pdf$/,
    );
    const text = await pdfFileText(Buffer.from(await pdf.arrayBuffer()));
    for (const words of [
      'ỦY BAN NHÂN DÂN TỈNH THỬ A',
      'VĂN PHÒNG',
      'BÁO CÁO',
      'Tổng hợp các kỳ họp, cuộc họp của cấp xã ngày',
      'Xã Thử Ba',
      'Hội đồng nhân dân',
      'Đang họp',
      '5/5',
      'Thông qua chương trình kỳ họp: Thông qua (Tán thành 4, Không tán thành 1, Không biểu quyết 0)',
    ])
      expect(text, words).toContain(words);
    expect(text).not.toContain('Xã Tỉnh Khác');

    const docx = await download(
      context.world.provinceId,
      context.world.provinceTokens.provinceAdmin,
      'docx',
    );
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/\.docx$/);
    const words = docxFileText(Buffer.from(await docx.arrayBuffer()));
    expect(words).toContain('Xã Thử Ba');
    expect(words).not.toContain('Xã Tỉnh Khác');
  });

  it("refuses the summary to a follower of another province and to a commune's accounts (403), and to nobody signed in (401)", async () => {
    const { provinceId, tokens, provinceTokens } = context.world;
    for (const token of [
      tokens.otherProvinceFollower,
      provinceTokens.otherProvinceAdmin,
      provinceTokens.communeFollower,
      tokens.secretariat,
    ]) {
      const response = await download(provinceId, token);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('forbidden');
    }
    expect((await download(provinceId, null)).status).toBe(401);
    // A commune is no province: there is no summary of it.
    const commune = await download(context.world.communeId, tokens.follower);
    expect(commune.status).toBe(404);
  });

  it('summarises the day asked for, and refuses a day that is none or a paper it does not make', async () => {
    const { provinceId, tokens } = context.world;
    const past = await download(provinceId, tokens.follower, 'pdf', '?day=2020-01-06');
    expect(past.status).toBe(200);
    expect(past.headers.get('content-disposition')).toContain('06-01-2020.pdf');
    const text = await pdfFileText(Buffer.from(await past.arrayBuffer()));
    expect(text).toContain('Tổng hợp các kỳ họp, cuộc họp của cấp xã ngày 06/01/2020');
    expect(text).toContain('Trong ngày không có kỳ họp, cuộc họp nào của cấp xã.');
    for (const query of ['?day=2020-02-30', '?day=h%C3%B4m%20nay', '?day=2020-01-06&more=1']) {
      const refused = await download(provinceId, tokens.follower, 'pdf', query);
      expect(refused.status, query).toBe(400);
      expect(((await refused.json()) as { code: string }).code).toBe('invalid_input');
    }
    expect((await download(provinceId, tokens.follower, 'odt')).status).toBe(404);
  });
});

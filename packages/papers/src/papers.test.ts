import { describe, expect, it } from 'vitest';
import { daySummaryPaper } from './day-summary-paper.ts';
import { provinceDay } from './day.fixture.ts';
import type { Paper } from './paper.ts';
import {
  docxParts,
  docxText,
  docxWords,
  pdfText,
  printedText,
  readPdf,
  squeezed,
} from './paper-files.fixture.ts';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';
import { minutesPaper } from './minutes-paper.ts';
import { closedSitting, facts, minutesDoc, signedOffSitting } from './sitting.fixture.ts';
import { proceedingsOf } from './proceedings.ts';
import { agendaPaper, attendancePaper, pollPaper, type SittingFacts } from './sitting-papers.ts';
import {
  meetingTimeWords,
  noticeDocuments,
  noticePaper,
  weekdayWords,
  type NoticeDocument,
} from './notice-paper.ts';

const sitting = closedSitting();
const poll = (id: string) => {
  const found = sitting.polls.find((each) => each.pollId === id);
  if (!found) throw new Error(`no poll ${id}`);
  return found;
};
const signedOff = signedOffSitting();

// The notice of each of the four bodies, convened a week before a Monday-morning meeting.
const noticeFacts: Readonly<Record<string, SittingFacts>> = {
  HĐND: { ...facts, startsAt: '2026-12-07T01:00:00.000Z' },
  UBND: {
    ...facts,
    bodyKind: 'peoples_committee',
    bodyName: 'Ủy ban nhân dân phường Sông Công',
    title: 'Phiên họp thứ nhất Ủy ban nhân dân phường Sông Công',
    startsAt: '2026-12-07T01:00:00.000Z',
  },
  'Đảng ủy': {
    ...facts,
    bodyKind: 'party_executive_committee',
    bodyName: 'Ban Chấp hành Đảng bộ phường Sông Công',
    title: 'Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Sông Công',
    startsAt: '2026-12-07T01:00:00.000Z',
  },
  MTTQ: {
    ...facts,
    bodyKind: 'fatherland_front_committee',
    bodyName: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công',
    title: 'Hội nghị lần thứ nhất Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công',
    startsAt: '2026-12-07T01:00:00.000Z',
  },
};
/** Filed out of agenda order: the notice lists them by item, then by when they were filed. */
const noticeDocs: NoticeDocument[] = [
  {
    title: 'Tờ trình về nhân sự bầu Chủ tịch Hội đồng nhân dân',
    kind: 'submission',
    agendaItemId: 'elect',
    uploadedAt: '2026-11-28T01:00:00.000Z',
  },
  {
    title: 'Dự thảo nghị quyết về chương trình kỳ họp',
    kind: 'draft_resolution',
    agendaItemId: 'adopt',
    uploadedAt: '2026-11-29T01:00:00.000Z',
  },
  {
    title: 'Báo cáo đã rút',
    kind: 'report',
    agendaItemId: 'opening',
    uploadedAt: '2026-11-27T01:00:00.000Z',
    withdrawnAt: '2026-11-29T02:00:00.000Z',
  },
  {
    title: 'Báo cáo tóm tắt hồ sơ bầu cử',
    kind: 'report',
    agendaItemId: 'elect',
    uploadedAt: '2026-11-29T03:00:00.000Z',
  },
  {
    title: 'Kế hoạch tổ chức kỳ họp',
    kind: 'other',
    agendaItemId: null,
    uploadedAt: '2026-11-29T04:00:00.000Z',
  },
];
const notice = (body: string) =>
  noticePaper(sitting, noticeFacts[body] as SittingFacts, {
    convenedAt: '2026-11-30T02:00:00.000Z',
    documents: noticeDocs,
  });
const papers: Record<string, Paper> = {
  minutes: minutesPaper(signedOff, facts, minutesDoc(signedOff)),
  attendance: attendancePaper(sitting, facts),
  agenda: agendaPaper(sitting, facts),
  'open vote': pollPaper(sitting, poll('vote'), facts),
  election: pollPaper(sitting, poll('election'), facts),
  ...Object.fromEntries(Object.keys(noticeFacts).map((body) => [`notice (${body})`, notice(body)])),
  'day summary': daySummaryPaper(provinceDay()),
};

describe('every paper as DOCX, in Decree 30’s layout', () => {
  for (const [name, paper] of Object.entries(papers)) {
    it(`${name}: A4 in twips, margins in the decree's ranges, no number on page 1, Times New Roman`, async () => {
      const parts = docxParts(await renderDocx(paper));
      const document = parts['word/document.xml'] ?? '';
      expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
      const margin = /<w:pgMar ([^>]*)\/>/.exec(document)?.[1] ?? '';
      const twips = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(margin)?.[1]);
      // Top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm (Appendix I).
      expect(twips('top')).toBeGreaterThanOrEqual(1134);
      expect(twips('top')).toBeLessThanOrEqual(1417);
      expect(twips('bottom')).toBeGreaterThanOrEqual(1134);
      expect(twips('bottom')).toBeLessThanOrEqual(1417);
      expect(twips('left')).toBeGreaterThanOrEqual(1701);
      expect(twips('left')).toBeLessThanOrEqual(1984);
      expect(twips('right')).toBeGreaterThanOrEqual(850);
      expect(twips('right')).toBeLessThanOrEqual(1134);
      // A first page of its own, whose header is empty; the others number their pages.
      expect(document).toContain('<w:titlePg/>');
      const headerId = (type: string) =>
        [...document.matchAll(/<w:headerReference ([^>]*)\/>/g)]
          .map((match) => match[1] ?? '')
          .find((attributes) => attributes.includes(`w:type="${type}"`))
          ?.match(/r:id="(\w+)"/)?.[1];
      const first = headerId('first');
      const rest = headerId('default');
      expect(first).toBeDefined();
      const relations = parts['word/_rels/document.xml.rels'] ?? '';
      const headerOf = (id: string | undefined) =>
        parts[`word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(relations)?.[1]}`] ?? '';
      expect(headerOf(first)).not.toContain('PAGE');
      expect(headerOf(rest)).toContain('PAGE');
      // Times New Roman is the one font, named in the defaults, and no run names another.
      expect(parts['word/styles.xml']).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman"/s);
      const fonts = new Set([...document.matchAll(/w:ascii="([^"]+)"/g)].map((match) => match[1]));
      expect([...fonts].filter((font) => font !== 'Times New Roman')).toEqual([]);
      // Body 14 pt, the header's lines 13 pt, Tiêu ngữ 14 pt (sizes in half-points).
      expect(document).toContain('<w:sz w:val="28"/>');
      expect(document).toContain('<w:sz w:val="26"/>');
      // The text is the paper's, in NFC.
      expect(squeezed(docxText(document))).toBe(squeezed(printedText(paper)));
    });
  }
});

describe('every paper as PDF', () => {
  for (const [name, paper] of Object.entries(papers)) {
    it(`${name}: A4, every font embedded, the same text as the DOCX`, async () => {
      const file = await renderPdf(paper);
      const pages = await readPdf(file);
      for (const page of pages) {
        expect(page.width).toBeCloseTo(595.28, 1);
        expect(page.height).toBeCloseTo(841.89, 1);
      }
      // Embedded subsets of Liberation Serif, and no font left to the reader's machine.
      const raw = file.toString('latin1');
      expect(raw).toContain('/FontFile2');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSerif/);
      expect(raw).not.toMatch(/\/BaseFont \/(Times|Helvetica|Courier)/);
      // Page 1 has no number; each later page its own, in the top margin.
      expect(pages[0]?.marginText).toEqual([]);
      pages.slice(1).forEach((page, index) => expect(page.marginText).toEqual([String(index + 2)]));
      const text = pages.flatMap((page) => page.text);
      expect(squeezed(text).normalize('NFC')).toBe(squeezed(printedText(paper)));
      const docx = docxText(docxParts(await renderDocx(paper))['word/document.xml'] ?? '');
      expect(squeezed(text)).toBe(squeezed(docx));
    });
  }

  it('holds the national heading, the title, the number and every result of the sitting', async () => {
    const text = (await readPdf(await renderPdf(papers['open vote'] as Paper)))
      .flatMap((page) => page.text)
      .join(' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN KẾT QUẢ BIỂU QUYẾT',
      'Số:',
      '/BB-HĐND',
      'Sông Công, ngày 15 tháng 12 năm 2026',
      'Thông qua chương trình kỳ họp',
      '77,78%',
      'Thông qua',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    const election = (await readPdf(await renderPdf(papers.election as Paper)))
      .flatMap((page) => page.text)
      .join(' ');
    for (const expected of ['BIÊN BẢN KIỂM PHIẾU', 'Trúng cử', 'phiếu trắng: 1', 'KIỂM PHIẾU VIÊN'])
      expect(election.replace(/\s+/g, ' ')).toContain(expected);
  });

  it('prints text typed with decomposed marks (NFD) exactly as the composed text', async () => {
    const paper = papers.attendance as Paper;
    const decomposed: Paper = {
      ...paper,
      subject: paper.subject.normalize('NFD'),
      blocks: paper.blocks.map((block) =>
        block.kind === 'table'
          ? { ...block, rows: block.rows.map((row) => row.map((cell) => cell.normalize('NFD'))) }
          : block,
      ),
    };
    expect(decomposed.subject).not.toBe(paper.subject);
    const read = async (input: Paper) =>
      (await readPdf(await renderPdf(input))).flatMap((page) => page.text).join('');
    expect(await read(decomposed)).toBe(await read(paper));
  });
});

describe('the minutes in form 1.9', () => {
  it('hold the headings, BIÊN BẢN, the number, what the secretary wrote, every result of the sitting and the sign-off', async () => {
    const text = await pdfText(papers.minutes as Paper);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN',
      'Số:',
      '/BB-HĐND',
      'Kỳ họp thứ nhất Hội đồng nhân dân phường Sông Công',
      'Đại biểu Đặng Văn Đức phát biểu: nhất trí với chương trình',
      '- Ý kiến của tổ 1: tán thành.',
      'Khai mạc lúc 08:30',
      'Tán thành 7 (77,78%)',
      'Kết quả: thông qua.',
      'Nguyễn Thị Ánh 6 phiếu (66,67%), trúng cử',
      'Cuộc họp kết thúc vào 08:30'.replace('08:30', '08 giờ 30'),
      'Bổ sung số 1',
      'Đính chính: đại biểu Lò Thị Ơn phát biểu lúc 09:10.',
      'THƯ KÝ',
      'Lê Thị Hường',
      'CHỦ TỌA',
      'Nguyễn Thị Ánh',
      'Nơi nhận:',
      'Biên bản đã được Nguyễn Thị Ánh duyệt',
      'Mã SHA-256 của nội dung: 9f2c4e1a b7d3508c',
    ])
      expect(text).toContain(expected);
    // Form 1.9 has no place-and-date line.
    expect(text).not.toContain('Sông Công, ngày');
  });

  it('print a document typed with decomposed marks (NFD) exactly as the composed one', async () => {
    const doc = JSON.parse(JSON.stringify(minutesDoc(signedOff)).normalize('NFD')) as unknown;
    expect(JSON.stringify(doc)).not.toBe(JSON.stringify(minutesDoc(signedOff)));
    expect(await pdfText(minutesPaper(signedOff, facts, doc))).toBe(
      await pdfText(papers.minutes as Paper),
    );
  });

  it('are marked a draft until approved, and a Party committee’s are signed by its own signers', async () => {
    const draft = await pdfText(minutesPaper(sitting, facts, minutesDoc(sitting)));
    expect(draft).toContain('Bản dự thảo, chưa được duyệt.');
    const party = await pdfText(
      minutesPaper(
        signedOff,
        { ...facts, bodyKind: 'party_executive_committee' },
        minutesDoc(signedOff),
      ),
    );
    for (const expected of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'NGƯỜI GHI BIÊN BẢN',
      'CHỦ TRÌ HỘI NGHỊ',
      '-BB/ĐU',
    ])
      expect(party).toContain(expected);
  });
});

describe('each body in its own format', () => {
  it("a Party committee's papers carry the Party's heading and number, not the state's", async () => {
    const paper = attendancePaper(sitting, { ...facts, bodyKind: 'party_executive_committee' });
    const text = (await readPdf(await renderPdf(paper))).flatMap((page) => page.text).join(' ');
    expect(text).toContain('ĐẢNG BỘ TỈNH THÁI NGUYÊN');
    expect(text).toContain('ĐẢNG ỦY PHƯỜNG SÔNG CÔNG');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('-DS/ĐU');
    expect(text).not.toContain('Số:');
    expect(text).toContain('NGƯỜI GHI BIÊN BẢN');
    expect(text).toContain('CHỦ TRÌ HỘI NGHỊ');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('the attendance list names every member in Vietnamese order with the reason for an absence', () => {
    const table = papers.attendance?.blocks.find((block) => block.kind === 'table');
    const rows = table?.kind === 'table' ? table.rows : [];
    expect(rows.map((row) => row[1])).toEqual([
      'Nguyễn Thị Ánh',
      'Hà Thị Ngọc Diệp',
      'Đặng Văn Đức',
      'Lê Thị Hường',
      'Phạm Hữu Lộc',
      'Vũ Đình Ổn',
      'Lò Thị Ơn',
      'Bùi Văn Tuấn',
      'Trần Quốc Ưng',
    ]);
    expect(rows.find((row) => row[1] === 'Bùi Văn Tuấn')?.slice(3)).toEqual([
      'Vắng mặt có lý do',
      'Đi công tác',
    ]);
  });
});

describe('the proceedings the minutes are given', () => {
  it('names the opening, the roll call with its absences, and each result against the total', () => {
    const blocks = Object.fromEntries(
      proceedingsOf(sitting, facts).map((block) => [block.source, block.text]),
    );
    expect(Object.keys(blocks)).toEqual([
      'opening',
      'attendance',
      'item:elect',
      'poll:vote',
      'poll:election',
    ]);
    expect(blocks['item:elect']).toBe('Bầu Chủ tịch Hội đồng nhân dân');
    expect(blocks.opening).toBe(
      'Khai mạc lúc 08:30 tại Hội trường Ủy ban nhân dân phường. Chủ tọa: Nguyễn Thị Ánh. Thư ký: Lê Thị Hường.',
    );
    expect(blocks.attendance).toContain('Có mặt 8 (tại hội trường 8, trực tuyến 0)');
    expect(blocks.attendance).toContain('Bùi Văn Tuấn (Đi công tác)');
    expect(blocks['poll:vote']).toContain('(tổng số 9): Tán thành 7 (77,78%)');
    expect(blocks['poll:vote']).toContain('Kết quả: thông qua.');
    expect(blocks['poll:election']).toContain('Nguyễn Thị Ánh 6 phiếu (66,67%), trúng cử');
  });

  it('puts each item taken up as a heading before what happened under it, in the order it happened, and names each online member’s connection point', () => {
    const at = (minute: number) => `2026-12-15T01:${minute}:00.000Z`;
    const timed = {
      ...sitting,
      // The first item closed as done before the second was taken up, as the console does.
      agenda: sitting.agenda.map((item) =>
        item.id === 'adopt'
          ? { ...item, status: 'done' as const, startedAt: at(35) }
          : item.id === 'elect'
            ? { ...item, startedAt: at(50) }
            : item,
      ),
      polls: sitting.polls.map((poll) => ({
        ...poll,
        openedAt: at(poll.pollId === 'vote' ? 40 : 55),
      })),
      attendance: {
        ...sitting.attendance,
        p3: {
          status: 'present_online',
          connectionPoint: 'Điểm cầu thôn Na Hang',
          reason: null,
          by: 'member',
        },
      },
    } satisfies typeof sitting;
    const blocks = proceedingsOf(timed, facts);
    expect(blocks.map((block) => block.source)).toEqual([
      'opening',
      'attendance',
      'item:adopt',
      'poll:vote',
      'item:elect',
      'poll:election',
    ]);
    expect(blocks[1]?.text).toContain('trực tuyến 1: Trần Quốc Ưng (Điểm cầu thôn Na Hang)');
  });
});

describe('the convening notice', () => {
  const expected: Record<string, readonly string[]> = {
    HĐND: [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'HỘI ĐỒNG NHÂN DÂN PHƯỜNG SÔNG CÔNG',
      '/GTT-HĐND',
      'GIẤY TRIỆU TẬP',
      'Kính gửi: Các đại biểu Hội đồng nhân dân phường Sông Công.',
      'Thường trực Hội đồng nhân dân phường Sông Công triệu tập các đại biểu đến dự kỳ họp thứ nhất Hội đồng nhân dân phường Sông Công',
      'Đề nghị các đại biểu đến dự đầy đủ, đúng giờ và nghiên cứu trước tài liệu trên máy tính bảng./.',
      'TM. THƯỜNG TRỰC HĐND CHỦ TỊCH',
    ],
    UBND: [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ỦY BAN NHÂN DÂN PHƯỜNG SÔNG CÔNG',
      '/GM-UBND',
      'GIẤY MỜI',
      'Kính gửi: Các thành viên Ủy ban nhân dân phường Sông Công.',
      'Chủ tịch Ủy ban nhân dân phường Sông Công trân trọng kính mời các thành viên đến dự phiên họp thứ nhất',
      'Rất mong các thành viên đến dự',
      'CHỦ TỊCH',
    ],
    'Đảng ủy': [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'ĐẢNG BỘ TỈNH THÁI NGUYÊN',
      'ĐẢNG ỦY PHƯỜNG SÔNG CÔNG',
      '-GTT/ĐU',
      'GIẤY TRIỆU TẬP',
      'Kính gửi: Các đồng chí ủy viên Ban Chấp hành Đảng bộ phường Sông Công.',
      'Ban Chấp hành Đảng bộ phường Sông Công triệu tập các đồng chí ủy viên đến dự hội nghị lần thứ nhất',
      'T/M BAN CHẤP HÀNH BÍ THƯ',
    ],
    MTTQ: [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG SÔNG CÔNG',
      '/GM-MTTQ',
      'GIẤY MỜI',
      'Kính gửi: Các ủy viên Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công.',
      'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công trân trọng kính mời các ủy viên đến dự hội nghị lần thứ nhất',
      'TM. BAN THƯỜNG TRỰC CHỦ TỊCH',
    ],
  };
  const unexpected: Record<string, readonly string[]> = {
    HĐND: ['GIẤY MỜI', 'ĐẢNG CỘNG SẢN'],
    UBND: ['GIẤY TRIỆU TẬP', 'TM.', 'ĐẢNG CỘNG SẢN'],
    'Đảng ủy': ['GIẤY MỜI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA', 'Số:'],
    MTTQ: ['GIẤY TRIỆU TẬP', 'ĐẢNG CỘNG SẢN'],
  };

  for (const body of Object.keys(noticeFacts))
    it(`of the ${body} carries the body's own word, header, number and signer block, in PDF and DOCX alike`, async () => {
      const paper = notice(body);
      for (const [format, text] of [
        ['pdf', await pdfText(paper)],
        ['docx', await docxWords(paper)],
      ] as const) {
        for (const words of [
          ...(expected[body] ?? []),
          'Sông Công, ngày 30 tháng 11 năm 2026',
          'Nguyễn Thị Ánh',
          'Nơi nhận:',
          '- Như trên;',
          '- Lưu: VT, Hồ sơ.',
        ])
          expect(text, `${format}: ${words}`).toContain(words);
        for (const words of unexpected[body] ?? [])
          expect(text, `${format}: ${words}`).not.toContain(words);
      }
    });

  it('sets the signer’s capacity over the post on two lines in Word, as in the PDF', async () => {
    const xml = docxParts(await renderDocx(notice('HĐND')))['word/document.xml'] ?? '';
    expect(xml).toMatch(
      /TM\. THƯỜNG TRỰC HĐND<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/>(?:(?!<\/w:r>).)*CHỦ TỊCH/,
    );
  });

  it('says the time with its hour, weekday and day in Vietnam’s time, and is dated the day it was convened', async () => {
    expect(meetingTimeWords('2026-12-07T01:00:00.000Z')).toBe(
      'Vào lúc 08 giờ 00 phút, thứ Hai, ngày 07 tháng 12 năm 2026',
    );
    // 00:30 on Monday in Hà Nội is still Sunday in UTC.
    expect(meetingTimeWords('2026-12-06T17:30:00.000Z')).toBe(
      'Vào lúc 00 giờ 30 phút, thứ Hai, ngày 07 tháng 12 năm 2026',
    );
    expect(
      [
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
        '2026-12-11',
        '2026-12-12',
      ].map(weekdayWords),
    ).toEqual(['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy']);
    const text = await pdfText(notice('HĐND'));
    expect(text).toContain(
      'Thời gian: Vào lúc 08 giờ 00 phút, thứ Hai, ngày 07 tháng 12 năm 2026.',
    );
    expect(text).toContain('Địa điểm: Hội trường Ủy ban nhân dân phường.');
    expect(text).toContain('Sông Công, ngày 30 tháng 11 năm 2026');
    expect(text).not.toContain('Sông Công, ngày 07 tháng 12');
  });

  it('lists the agenda’s items numbered in order with their parts, then the papers not withdrawn by item and filing time', async () => {
    expect(noticeDocuments(sitting.agenda, noticeDocs).map((document) => document.title)).toEqual([
      'Kế hoạch tổ chức kỳ họp',
      'Dự thảo nghị quyết về chương trình kỳ họp',
      'Tờ trình về nhân sự bầu Chủ tịch Hội đồng nhân dân',
      'Báo cáo tóm tắt hồ sơ bầu cử',
    ]);
    // Papers given without their filing time (as a notice in the log lists them) keep their order.
    const untimed = (title: string, agendaItemId: string | null): NoticeDocument => ({
      title,
      kind: 'other',
      agendaItemId,
    });
    expect(
      noticeDocuments(sitting.agenda, [
        untimed('B', 'elect'),
        untimed('A', 'elect'),
        untimed('C', null),
      ]).map((document) => document.title),
    ).toEqual(['C', 'B', 'A']);
    const lines = [
      'Chương trình:',
      '1. Khai mạc',
      '- Biểu quyết thông qua chương trình',
      '2. Bầu Chủ tịch Hội đồng nhân dân',
      'Tài liệu gửi kèm:',
      '1. Kế hoạch tổ chức kỳ họp (Tài liệu khác).',
      '2. Dự thảo nghị quyết về chương trình kỳ họp (Dự thảo nghị quyết).',
      '3. Tờ trình về nhân sự bầu Chủ tịch Hội đồng nhân dân (Tờ trình).',
      '4. Báo cáo tóm tắt hồ sơ bầu cử (Báo cáo).',
      'Đề nghị các đại biểu',
    ];
    for (const text of [await pdfText(notice('HĐND')), await docxWords(notice('HĐND'))]) {
      const at = lines.map((line) => text.indexOf(line));
      expect(
        at.every((index) => index >= 0),
        JSON.stringify(at),
      ).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(text).not.toContain('Báo cáo đã rút');
    }
    // No papers, no list.
    const bare = noticePaper(sitting, facts, { convenedAt: null, documents: [] });
    expect(await pdfText(bare)).not.toContain('Tài liệu gửi kèm');
  });

  it('leaves dotted lines to fill in by hand for an unset time, place, date and signer', async () => {
    const unset = noticePaper(
      { ...sitting, roster: sitting.roster.map((member) => ({ ...member, position: 'delegate' })) },
      { ...facts, startsAt: null, place: null },
      { convenedAt: null, documents: [] },
    );
    const text = await pdfText(unset);
    expect(text).toMatch(
      /Thời gian: Vào lúc \.{6} giờ \.{6} phút, \.{10}, ngày \.{6} tháng \.{6} năm \.{8}\./,
    );
    expect(text).toMatch(/Địa điểm: \.{90}/);
    expect(text).toContain('Sông Công, ngày tháng năm');
    // The signature and the name are written by hand under the signer's post.
    expect(unset.signatures.at(-1)).toEqual({ role: 'TM. THƯỜNG TRỰC HĐND\nCHỦ TỊCH', name: '' });
    expect(text).not.toContain('Nguyễn Thị Ánh');
  });

  it('prints titles typed with decomposed marks (NFD) exactly as the composed ones', async () => {
    const nfd: SittingFacts = {
      ...(noticeFacts['HĐND'] as SittingFacts),
      title: facts.title.normalize('NFD'),
      bodyName: facts.bodyName.normalize('NFD'),
      place: (facts.place ?? '').normalize('NFD'),
    };
    const decomposed = noticePaper(
      {
        ...sitting,
        agenda: sitting.agenda.map((item) => ({ ...item, title: item.title.normalize('NFD') })),
      },
      nfd,
      {
        convenedAt: '2026-11-30T02:00:00.000Z',
        documents: noticeDocs.map((document) => ({
          ...document,
          title: document.title.normalize('NFD'),
        })),
      },
    );
    expect(nfd.title).not.toBe(facts.title);
    const text = await pdfText(decomposed);
    expect(text).toBe(await pdfText(notice('HĐND')));
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Tờ trình về nhân sự bầu Chủ tịch Hội đồng nhân dân (Tờ trình).');
  });
});

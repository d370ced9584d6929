import { describe, expect, it } from 'vitest';
import { daySummaryPaper, type DaySummaryFacts } from './day-summary-paper.ts';
import { provinceDay } from './day.fixture.ts';
import type { Paper } from './paper.ts';
import { docxWords, pdfText } from './paper-files.fixture.ts';

const day = provinceDay();
const paper = daySummaryPaper(day);

/** The table's rows, cell by cell. */
const rows = (summary: Paper) => {
  const table = summary.blocks.find((block) => block.kind === 'table');
  return table?.kind === 'table' ? table.rows : [];
};

describe('the day summary for the province office', () => {
  it('lists every sitting of the day, by commune and then body, each commune named once', () => {
    expect(rows(paper).map((row) => row.slice(0, 3))).toEqual([
      ['1', 'Phường Sông Công', 'Hội đồng nhân dân\nKỳ họp thứ nhất, 07:30'],
      ['2', '', 'Ủy ban nhân dân\nKỳ họp thứ nhất, 08:30'],
      ['3', 'Xã Đại Từ', 'Ban Chấp hành Đảng bộ\nKỳ họp thứ nhất, 08:00'],
      ['4', '', 'Ủy ban Mặt trận Tổ quốc Việt Nam\nKỳ họp thứ nhất, 18:00'],
    ]);
  });

  it('says where each sitting stands in words, and that one was not opened on time', () => {
    expect(rows(paper).map((row) => row[3])).toEqual([
      'Đã bế mạc',
      'Đang họp',
      'Chưa khai mạc\nKhông khai mạc đúng giờ',
      'Chưa khai mạc',
    ]);
  });

  it('counts quorum as the members present of those in office, and says when it is lost', () => {
    expect(rows(paper).map((row) => row[4])).toEqual(['8/9', '3/9\nKhông đủ túc số', '0/9', '0/9']);
  });

  it("words each closed poll's outcome with its counts under the body's labels, and leaves out an annulled one", () => {
    expect(rows(paper).map((row) => row[5])).toEqual([
      '- Thông qua chương trình kỳ họp: Thông qua (Tán thành 7, Không tán thành 1, Không biểu quyết 0)\n- Bầu Chủ tịch Hội đồng nhân dân phường: Có người trúng cử (Nguyễn Thị Ánh 6 phiếu)',
      'Thông qua chương trình kỳ họp: Không thông qua (Tán thành 3, Không tán thành 5, Không biểu quyết 0)',
      '',
      '',
    ]);
    expect(JSON.stringify(paper)).not.toContain('biểu quyết lại');
  });

  it('prints the office, the title, the sittings and the totals in Vietnamese with every mark, in PDF and DOCX alike', async () => {
    for (const [format, text] of [
      ['pdf', await pdfText(paper)],
      ['docx', await docxWords(paper)],
    ] as const) {
      for (const words of [
        'ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN',
        'VĂN PHÒNG',
        '/BC-VPUBND',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Thái Nguyên, ngày 15 tháng 12 năm 2026',
        'BÁO CÁO',
        'Tổng hợp các kỳ họp, cuộc họp của cấp xã ngày 15/12/2026',
        'số liệu đến 16 giờ 00 ngày 15 tháng 12 năm 2026',
        'Phường Sông Công',
        'Xã Đại Từ',
        'Ủy ban Mặt trận Tổ quốc Việt Nam',
        'Không khai mạc đúng giờ',
        'Tổng số kỳ họp, cuộc họp: 4, tại 2/30 xã, phường.',
        'Đã bế mạc: 1; đang họp: 1; chưa khai mạc: 2 (không khai mạc đúng giờ: 1).',
        'Số lần biểu quyết, bầu cử đã có kết quả: 3 (thông qua: 1; không thông qua: 1; có người trúng cử: 1).',
        'CHÁNH VĂN PHÒNG',
        'Nơi nhận:',
      ])
        expect(text, `${format}: ${words}`).toContain(words);
      expect(text).toBe(text.normalize('NFC'));
    }
  });

  it('prints names typed with decomposed marks (NFD) as the composed ones', async () => {
    const decomposed: DaySummaryFacts = {
      ...day,
      provinceName: day.provinceName.normalize('NFD'),
      sittings: day.sittings.map((sitting) => ({
        ...sitting,
        communeName: sitting.communeName.normalize('NFD'),
      })),
    };
    expect(await pdfText(daySummaryPaper(decomposed))).toBe(await pdfText(paper));
  });

  it('says so when no commune held a sitting that day', async () => {
    const quiet = daySummaryPaper({ ...day, sittings: [] });
    expect(rows(quiet)).toEqual([]);
    const text = await pdfText(quiet);
    expect(text).toContain('Trong ngày không có kỳ họp, cuộc họp nào của cấp xã.');
    expect(text).toContain('Tổng số kỳ họp, cuộc họp: 0, tại 0/30 xã, phường.');
    expect(text).toContain('Số lần biểu quyết, bầu cử đã có kết quả: 0.');
  });
});

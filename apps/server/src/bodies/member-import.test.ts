import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ImportRow } from '@hopxa/protocol';

import { useApiWorld } from '../test/fixtures.ts';
import { previewMemberImport } from './member-import.service.ts';

const today = '2026-01-05';

describe('reading a member list', () => {
  it('reads Vietnamese headings, semicolons, a byte-order mark and dd/mm/yyyy dates', () => {
    const csv =
      '\uFEFFHọ và tên;Chức vụ;Vị trí;Quyền biểu quyết;Từ ngày\nLê Thị Hoa;Trưởng thôn;Ủy viên;có;01/07/2025\n';
    expect(previewMemberImport(csv, [], today, 'peoples_council')).toEqual([
      {
        line: 2,
        fullName: 'Lê Thị Hoa',
        title: 'Trưởng thôn',
        position: 'member',
        votingRight: true,
        startsOn: '2025-07-01',
        endsOn: null,
        problems: [],
      },
    ]);
  });

  it('reads English headings and fills what is left out: member, with a vote, from today', () => {
    const [row] = previewMemberImport(
      'full name,position\n"Trần, Văn An",chair\n',
      [],
      today,
      'peoples_council',
    );
    expect(row).toMatchObject({
      fullName: 'Trần, Văn An',
      position: 'chair',
      votingRight: true,
      startsOn: today,
    });
  });

  it('names every problem of every row', () => {
    const csv = [
      'Họ và tên,Vị trí,Quyền biểu quyết,Từ ngày,Đến ngày',
      ',Ủy viên,có,01/07/2025,',
      'Nông Văn Tuấn,Trưởng ban,có,01/07/2025,',
      'Hà Thị Lan,Ủy viên,chắc chắn,31/02/2025,',
      'Đinh Văn Nam,Ủy viên,không,01/07/2025,01/01/2025',
      'Đinh Văn Nam,Ủy viên,không,01/07/2025,',
      'Lê Thị Hằng,,,,',
    ].join('\n');
    const rows = previewMemberImport(csv, ['lê thị hằng'], today, 'peoples_council');
    expect(rows.map((row) => [row.line, row.problems.length])).toEqual([
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 1],
      [6, 1],
      [7, 1],
    ]);
    expect(rows[0]?.problems[0]).toMatch(/Thiếu họ và tên/);
    expect(rows[1]?.problems[0]).toMatch(/Vị trí "Trưởng ban" không rõ/);
    expect(rows[3]?.problems[0]).toMatch(/Đến ngày trước từ ngày/);
    expect(rows[4]?.problems[0]).toMatch(/Trùng với dòng 5/);
    expect(rows[5]?.problems[0]).toMatch(/Đã là thành viên/);
  });

  it('refuses a list without a name column, saying which heading it needs', () => {
    expect(() => previewMemberImport('Tên đệm,Tuổi\nA,30\n', [], today, 'peoples_council')).toThrow(
      'invalid_input',
    );
  });
});

describeEachDatabase('importing a member list', (database) => {
  const context = useApiWorld(database);
  const db = () => database.handle().db;
  const importCsv = (csv: string, commit: boolean) =>
    context.api.request('POST', `/api/bodies/${context.world.councilId}/members/import`, {
      token: context.world.tokens.secretariat,
      body: { csv, commit },
    });
  const members = async () =>
    (
      await db()
        .select({ n: count() })
        .from(schema.memberships)
        .where(eq(schema.memberships.bodyId, context.world.councilId))
    )[0]?.n;

  it('previews without writing, refuses to commit while a row has a problem, then commits the fixed list', async () => {
    const before = await members();
    const bad = 'Họ và tên,Vị trí\nVũ Thị Mai,Ủy viên\nLưu Văn Hải,Thủ quỹ\n';
    const preview = await importCsv(bad, false);
    expect(preview.status).toBe(200);
    expect((preview.body as { rows: ImportRow[] }).rows.map((row) => row.problems.length)).toEqual([
      0, 1,
    ]);
    expect(await members()).toBe(before);

    const refused = await importCsv(bad, true);
    expect(refused.status).toBe(422);
    expect((refused.body as { code: string }).code).toBe('csv_has_problems');
    expect(await members()).toBe(before);

    // The secretariat drops the bad row and commits.
    const committed = await importCsv('Họ và tên,Vị trí\nVũ Thị Mai,Ủy viên\n', true);
    expect(committed.status).toBe(201);
    expect(committed.body).toMatchObject({ committed: true, created: 1 });
    expect(await members()).toBe((before ?? 0) + 1);

    // Committed twice at the same moment (a double click): written once.
    const twice = await Promise.all([
      importCsv('Họ và tên\nMa Văn Long\n', true),
      importCsv('Họ và tên\nMa Văn Long\n', true),
    ]);
    expect(twice.map((response) => response.status).sort()).toEqual([201, 422]);
    expect(await members()).toBe((before ?? 0) + 2);

    // The same list again: everyone in it is already a member, so nothing is written twice.
    expect((await importCsv('Họ và tên\nVũ Thị Mai\n', true)).status).toBe(422);
    expect(await members()).toBe((before ?? 0) + 2);
  });

  it('refuses a list longer than 500 rows before reading it into the database', async () => {
    const csv = [
      'Họ và tên',
      ...Array.from({ length: 501 }, (_, index) => `Người Thứ ${index}`),
    ].join('\n');
    const response = await importCsv(csv, true);
    expect(response.status).toBe(400);
    expect((response.body as { code: string }).code).toBe('too_many_rows');
  });

  it('W1 reads a Party committee’s own words for its seats: Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ', () => {
    const csv =
      'Họ và tên,Vị trí\nNguyễn Văn Bình,Bí thư\nTrần Thị Cúc,Phó Bí thư\nLê Văn Dũng,Ủy viên Ban Thường vụ\nPhạm Thị Em,Ủy viên Ban Chấp hành\n';
    const rows = previewMemberImport(csv, [], today, 'party_executive_committee');
    expect(rows.map((row) => row.position)).toEqual([
      'chair',
      'vice_chair',
      'standing_member',
      'member',
    ]);
  });
});

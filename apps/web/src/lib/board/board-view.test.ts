// The province board's narrowing and grouping: each test names the rule of
// packages/domain/SPEC.md it proves on the screen, or says what the screen promises.
import type { BoardSitting } from '@hopxa/protocol';
import { describe, expect, it } from 'vitest';
import { boardCounts, communeRows, indexCommunes, NO_FILTERS } from './board-view.ts';

// As a database sorts them by code point: Đ after every Latin letter.
const communes = indexCommunes([
  { id: 'c2', name: 'Phường Sông Công' },
  { id: 'c1', name: 'Phường Đồng Hỷ' },
  { id: 'c3', name: 'Xã Sông Cầu' },
  { id: 'c4', name: 'Xã Văn Lăng' },
]);

let next = 0;
function sitting(communeId: string, facts: Partial<BoardSitting> = {}): BoardSitting {
  next += 1;
  return {
    meetingId: `m${next}`,
    communeId,
    bodyKind: 'peoples_council',
    startsAt: '2025-07-14T01:00:00.000Z',
    seq: 3,
    status: 'convened',
    present: 0,
    inOffice: 5,
    quorumReached: false,
    currentItem: null,
    openPoll: null,
    lastResult: null,
    pointsDown: 0,
    alerts: [],
    ...facts,
  };
}

const byId = (list: readonly BoardSitting[]) =>
  new Map(list.map((each) => [each.meetingId, each] as const));
const names = (rows: ReturnType<typeof communeRows>) => rows.map((row) => row.name);

describe('the province board, narrowed and grouped by commune', () => {
  const committee = sitting('c2', { bodyKind: 'peoples_committee', status: 'open' });
  const council = sitting('c2', { status: 'open', alerts: ['quorum_lost'] });
  const front = sitting('c1', { bodyKind: 'fatherland_front_committee', status: 'closed' });
  const party = sitting('c3', {
    bodyKind: 'party_executive_committee',
    alerts: ['not_opened_on_time'],
  });
  const sittings = byId([committee, council, front, party]);

  it('counts the day’s sittings, those in session and those with an alert', () => {
    expect(boardCounts(sittings.values())).toEqual({ sittings: 4, inSession: 2, withAlerts: 2 });
  });

  it('shows the communes in Vietnamese order, each with its bodies in their usual order, none without a sitting', () => {
    const rows = communeRows(communes, sittings, NO_FILTERS);
    expect(names(rows)).toEqual(['Phường Đồng Hỷ', 'Phường Sông Công', 'Xã Sông Cầu']);
    expect(rows[1]?.sittings).toEqual([council, committee]);
  });

  it('B2 finds a commune by its name typed without marks, đ as d, in any case', () => {
    expect(names(communeRows(communes, sittings, { ...NO_FILTERS, search: 'song cong' }))).toEqual([
      'Phường Sông Công',
    ]);
    expect(names(communeRows(communes, sittings, { ...NO_FILTERS, search: 'SÔNG' }))).toEqual([
      'Phường Sông Công',
      'Xã Sông Cầu',
    ]);
    expect(names(communeRows(communes, sittings, { ...NO_FILTERS, search: 'dong hy' }))).toEqual([
      'Phường Đồng Hỷ',
    ]);
  });

  it('shows a commune searched for that has no sitting today, empty, unless another filter narrows', () => {
    expect(communeRows(communes, sittings, { ...NO_FILTERS, search: 'van lang' })).toEqual([
      { id: 'c4', name: 'Xã Văn Lăng', sittings: [] },
    ]);
    expect(
      communeRows(communes, sittings, { ...NO_FILTERS, search: 'van lang', status: 'open' }),
    ).toEqual([]);
  });

  it('narrows by body kind, by status and by alert, one or any', () => {
    const only = (filters: Partial<typeof NO_FILTERS>) =>
      communeRows(communes, sittings, { ...NO_FILTERS, ...filters }).flatMap((row) =>
        row.sittings.map((each) => each.meetingId),
      );
    expect(only({ bodyKind: 'peoples_committee' })).toEqual([committee.meetingId]);
    expect(only({ status: 'closed' })).toEqual([front.meetingId]);
    expect(only({ alert: 'any' })).toEqual([council.meetingId, party.meetingId]);
    expect(only({ alert: 'not_opened_on_time' })).toEqual([party.meetingId]);
    expect(only({ alert: 'any', status: 'open', search: 'song cong' })).toEqual([
      council.meetingId,
    ]);
  });

  it('still shows the sittings of a commune the board did not name', () => {
    const stray = sitting('c9');
    const rows = communeRows(communes, byId([stray]), NO_FILTERS);
    expect(rows).toEqual([{ id: 'c9', name: null, sittings: [stray] }]);
  });
});

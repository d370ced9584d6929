import {
  FIRST_MEETING_TEMPLATES,
  type BodyKind,
  type AgendaTemplateItem,
  type SittingSummary,
} from '@hopxa/domain';
import { describe, expect, it } from 'vitest';
import { packBoardSnapshot, unpackBoardSnapshot } from './board-packing.ts';
import type { BoardSnapshot } from './board.schema.ts';

const titles = (items: readonly AgendaTemplateItem[]): string[] =>
  items.flatMap((item) => [item.title.vi, ...titles(item.children ?? [])]);

/** The four bodies of a commune. */
const KINDS: readonly BodyKind[] = [
  'peoples_council',
  'peoples_committee',
  'party_executive_committee',
  'fatherland_front_committee',
];

/** A province's 700 sittings of a busy morning: every one on a first-sitting agenda. */
function busyBoard(count: number): BoardSnapshot {
  const communes = Array.from({ length: Math.ceil(count / 4) }, (_, index) => ({
    id: crypto.randomUUID(),
    name: `Xã Thử Nghiệm Số ${index + 1}`,
  }));
  const sittings = Array.from({ length: count }, (_, index): SittingSummary => {
    const kind = KINDS[index % 4] ?? 'peoples_council';
    const agenda = titles(FIRST_MEETING_TEMPLATES[kind].items);
    const current = agenda[index % agenda.length] ?? null;
    return {
      meetingId: crypto.randomUUID(),
      communeId: communes[Math.floor(index / 4)]?.id ?? '',
      bodyKind: kind,
      startsAt: '2026-12-01T01:00:00.000Z',
      seq: 100 + index,
      status: index % 10 === 0 ? 'convened' : 'open',
      present: 25,
      inOffice: 30,
      quorumReached: true,
      currentItem: current,
      openPoll: index % 4 === 0 ? current : null,
      lastResult: { title: agenda[1] ?? '', outcome: index % 7 === 0 ? 'failed' : 'passed' },
      pointsDown: index % 50 === 0 ? 1 : 0,
      alerts: index % 7 === 0 ? ['poll_failed'] : [],
    };
  });
  return {
    provinceId: crypto.randomUUID(),
    provinceName: 'Tỉnh Thử',
    day: '2026-12-01',
    communes,
    sittings,
  };
}

describe("a board's snapshot as sent", () => {
  it('comes back exactly as packed', () => {
    const board = busyBoard(40);
    expect(unpackBoardSnapshot(packBoardSnapshot(board))).toEqual(board);
  });

  it("keeps a late joiner's snapshot of 700 sittings under 150 KB", () => {
    const bytes = Buffer.byteLength(JSON.stringify(packBoardSnapshot(busyBoard(700))));
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it('refuses to pack a sitting of a commune the snapshot does not list', () => {
    const board = busyBoard(4);
    expect(() => packBoardSnapshot({ ...board, communes: [] })).toThrow('is not listed');
  });
});

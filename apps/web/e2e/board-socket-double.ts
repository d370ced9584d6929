import type { BodyKind, BoardAlert, MeetingStatus } from '@hopxa/domain';
import { BODY_KIND_VALUES } from '@hopxa/domain';
import { packBoardSnapshot, type BoardSitting, type BoardSnapshot } from '@hopxa/protocol';
import type { Page } from 'playwright-core';

/**
 * A province of `communes` communes, each with a sitting of every body: as large a board as
 * a province holds on a busy day, in every state, some with alerts. Names are made up.
 */
export function largeBoard(communes: number, day: string): BoardSnapshot {
  const first = ['An', 'Bình', 'Cẩm', 'Đồng', 'Hòa', 'Kim', 'Lâm', 'Minh', 'Phú', 'Quang'];
  const second = ['Sơn', 'Thành', 'Tiến', 'Hưng', 'Lạc', 'Phong', 'Xuân', 'Yên', 'Đức', 'Tân'];
  const list = Array.from({ length: communes }, (_, index) => ({
    id: crypto.randomUUID(),
    name:
      index === 0
        ? 'Phường Sông Công'
        : `${index % 3 === 0 ? 'Phường' : 'Xã'} ${first[index % 10]} ${second[Math.floor(index / 10) % 10]}${index >= 100 ? ` ${Math.floor(index / 100) + 1}` : ''}`,
  }));
  const items = [
    'Khai mạc',
    'Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm',
    'Thảo luận tại hội trường',
    'Tờ trình về dự toán ngân sách',
  ];
  const statuses: MeetingStatus[] = ['convened', 'open', 'open', 'closed'];
  const sittings = list.flatMap((commune, row) =>
    BODY_KIND_VALUES.map((bodyKind: BodyKind, column): BoardSitting => {
      const index = row * BODY_KIND_VALUES.length + column;
      const status = statuses[index % statuses.length] ?? 'open';
      // A result only once sitting; now and then a quorum lost or a vote failed.
      const voted = status !== 'convened' && index % 3 === 0;
      const alerts: BoardAlert[] =
        index % 17 === 0 && status === 'open'
          ? ['quorum_lost']
          : voted && index % 4 === 1
            ? ['poll_failed']
            : [];
      return {
        meetingId: crypto.randomUUID(),
        communeId: commune.id,
        bodyKind,
        startsAt: `${day}T0${1 + (index % 3)}:00:00.000Z`,
        seq: 10,
        status,
        present: alerts.includes('quorum_lost') ? 8 : 25,
        inOffice: 30,
        quorumReached: !alerts.includes('quorum_lost'),
        currentItem: status === 'open' ? (items[index % items.length] ?? null) : null,
        openPoll: status === 'open' && index % 5 === 0 ? 'Thông qua chương trình kỳ họp' : null,
        lastResult: voted
          ? {
              title: 'Thông qua Nghị quyết về kế hoạch đầu tư công',
              outcome: alerts.includes('poll_failed') ? 'failed' : 'passed',
            }
          : null,
        pointsDown: 0,
        alerts,
      };
    }),
  );
  return {
    provinceId: crypto.randomUUID(),
    provinceName: 'Tỉnh Thử Nghiệm',
    day,
    communes: list,
    sittings,
  };
}

/**
 * Stands in for the server's Socket.IO endpoint on `page` (Engine.IO 4 over a WebSocket):
 * answers the connection, and `board:join` with the board packed as the server packs it once
 * the test calls `answer` (so what the page does before, loading itself, is not measured
 * with the board); sends `board:changes` when the test says, drops the line and lets it back.
 * Only the board's own talk is spoken.
 */
export async function serveBoard(page: Page, board: BoardSnapshot) {
  let served = board;
  let line: { send: (packet: string) => void; close: () => Promise<void> } | undefined;
  let provinceId = board.provinceId;
  let asked: () => void = () => {};
  const joinAsked = new Promise<void>((resolve) => (asked = resolve));
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  /** While the line is down, a new connection waits here before it is opened. */
  let down: { promise: Promise<void>; lift: () => void } | undefined;
  await page.routeWebSocket(/\/socket\.io\//, async (socket) => {
    line = { send: (packet) => socket.send(packet), close: () => socket.close() };
    await down?.promise;
    socket.send(
      `0${JSON.stringify({ sid: 'double', upgrades: [], pingInterval: 25_000, pingTimeout: 60_000, maxPayload: 1e7 })}`,
    );
    socket.onMessage(async (message) => {
      const text = String(message);
      if (text.startsWith('40')) socket.send(`40${JSON.stringify({ sid: 'board-double' })}`);
      const event = /^42(\d+)(\[.*)$/s.exec(text);
      if (!event) return;
      const [name, request] = JSON.parse(event[2] ?? '[]') as [string, { provinceId: string }];
      if (name !== 'board:join') return;
      // The board is of the province the page asks for: its changes are heard as that one's.
      provinceId = request.provinceId;
      asked();
      await answered;
      const answer = { ok: true, seq: 0, data: packBoardSnapshot({ ...served, provinceId }) };
      socket.send(`43${event[1]}${JSON.stringify([answer])}`);
    });
  });
  return {
    /** Resolves once the page has asked to join the board. */
    joinAsked,
    /** Answers the page's join (and any later one) with the board. */
    answer: () => release(),
    /** Sends changed sittings, and the communes again when `communes` (one was added). */
    changes: (sittings: readonly BoardSitting[], communes?: BoardSnapshot['communes']) =>
      line?.send(
        `42${JSON.stringify(['board:changes', { provinceId, day: served.day, sittings, communes }])}`,
      ),
    /** Closes the line; the page's next connection waits until `restore`. */
    drop: async () => {
      let lift: () => void = () => {};
      const promise = new Promise<void>((resolve) => (lift = resolve));
      down = { promise, lift };
      await line?.close();
    },
    /** Lets the page connect again, to be answered with `next` as the whole board. */
    restore: (next: BoardSnapshot) => {
      served = next;
      down?.lift();
      down = undefined;
    },
  };
}

import type { Database } from '@hopxa/db';
import {
  boardAlerts,
  isOnBoard,
  summarizeSitting,
  vietnamDay,
  type MeetingState,
  type SittingSummary,
} from '@hopxa/domain';
import type { BoardChangesMessage, BoardSnapshot } from '@hopxa/protocol';
import type { Logger } from '../logger.ts';
import { provinceAndCommunes } from '../provinces/province.service.ts';
import { boardMeetingIds } from './board-sittings.ts';

/** A viewer hears of one sitting at most this often (the bound). */
export const SITTING_UPDATE_INTERVAL_MS = 1000;

/** How often the desk sends what changed, shares it, and asks the clock's alerts again. */
const TICK_MS = 200;

/** How many sittings' logs a board's first load reads at once. */
const LOAD_CONCURRENCY = 8;

/** A sitting changed in one process, as the others are told of it. */
export type SharedSitting = { readonly provinceId: string; readonly sitting: SittingSummary };

/** Where the desk's news goes: the socket edge gives it one, a test one that keeps it. */
export type BoardLink = {
  /** To the province's board viewers connected to this process. */
  readonly send: (message: BoardChangesMessage) => void;
  /** To the other server processes (absent: this is the only one). */
  readonly share?: (changes: readonly SharedSitting[]) => void;
  /** A meeting's dropped points, from its video home here, to the other processes. */
  readonly sharePoints?: (meetingId: string, count: number) => void;
};

type Board = {
  readonly provinceId: string;
  readonly provinceName: string;
  readonly day: string;
  communes: BoardSnapshot['communes'];
  /** The communes were read again (one was added): the viewers are sent them with the next. */
  communesChanged: boolean;
  readingCommunes: boolean;
  readonly sittings: Map<string, SittingSummary>;
  /** Changed and not yet sent; with when each sitting was last sent. */
  readonly dirty: Set<string>;
  readonly sentAt: Map<string, number>;
};

/**
 * The province boards of one server process (B1-B4): a small summary per sitting of the
 * day, made from each meeting's state as this process commits it, or as another process
 * tells of it (through the Redis adapter), or read from the logs when a board is first
 * asked for (after a restart too). A viewer is sent the sittings that changed, each at most
 * once a second, and joins no meeting's room; a late joiner is given the whole board.
 */
export class BoardDesk {
  private readonly boards = new Map<string, Board>();
  private readonly loading = new Map<
    string,
    { promise: Promise<Board>; early: SittingSummary[] }
  >();
  private readonly pointsDown = new Map<string, number>();
  private outbox: SharedSitting[] = [];
  private readonly timer: NodeJS.Timeout;

  private readonly options: {
    readonly db: Database;
    readonly logger: Logger;
    readonly clock: () => Date;
    /** The meeting's state as its log now ends. */
    readonly state: (meetingId: string) => Promise<MeetingState>;
    readonly link: BoardLink;
  };

  constructor(options: BoardDesk['options']) {
    this.options = options;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** A meeting's state after this process committed to its log. */
  committed(state: MeetingState): void {
    const { provinceId, meetingId } = state.target;
    if (provinceId === null) return;
    const pointsDown = this.pointsDown.get(meetingId) ?? 0;
    const sitting = summarizeSitting(state, { pointsDown }, this.options.clock());
    this.outbox.push({ provinceId, sitting });
    this.apply(provinceId, sitting);
  }

  /** Sittings another process changed. */
  received(changes: readonly SharedSitting[]): void {
    for (const { provinceId, sitting } of changes) this.apply(provinceId, sitting);
  }

  /**
   * How many of a meeting's connection points dropped, from its video home (in this process,
   * or `fromPeer`). Every process keeps the count, so a summary made anywhere carries it.
   */
  pointsDownChanged(meetingId: string, count: number, fromPeer = false): void {
    if ((this.pointsDown.get(meetingId) ?? 0) === count) return;
    if (count === 0) this.pointsDown.delete(meetingId);
    else this.pointsDown.set(meetingId, count);
    if (!fromPeer) this.options.link.sharePoints?.(meetingId, count);
    for (const board of this.boards.values()) {
      const sitting = board.sittings.get(meetingId);
      if (!sitting) continue;
      const facts = { ...sitting, pointsDown: count };
      board.sittings.set(meetingId, { ...facts, alerts: boardAlerts(facts, this.options.clock()) });
      board.dirty.add(meetingId);
    }
  }

  /** The whole board of the day, loaded from the logs if this process has not yet. */
  async snapshot(provinceId: string): Promise<BoardSnapshot> {
    const board = await this.board(provinceId);
    const known = new Set(board.communes.map((commune) => commune.id));
    // A sitting of a commune added since the board was read: the list is read again first.
    if ([...board.sittings.values()].some((sitting) => !known.has(sitting.communeId)))
      board.communes = await this.communesOf(provinceId);
    const { provinceName, day, communes, sittings } = board;
    return { provinceId, provinceName, day, communes, sittings: [...sittings.values()] };
  }

  private board(provinceId: string): Promise<Board> {
    const today = vietnamDay(this.options.clock());
    const held = this.boards.get(provinceId);
    if (held?.day === today) return Promise.resolve(held);
    const pending = this.loading.get(provinceId);
    if (pending) return pending.promise;
    const early: SittingSummary[] = [];
    const promise = this.load(provinceId, today)
      .then((board) => {
        // What changed while the logs were read: the later of each sitting's wins.
        for (const sitting of early) this.put(board, sitting);
        this.boards.set(provinceId, board);
        return board;
      })
      .finally(() => this.loading.delete(provinceId));
    this.loading.set(provinceId, { promise, early });
    return promise;
  }

  private async load(provinceId: string, day: string): Promise<Board> {
    const { db, clock } = this.options;
    const { province, communes } = await provinceAndCommunes(db, provinceId);
    const ids = await boardMeetingIds(db, provinceId, day);
    const sittings = new Map<string, SittingSummary>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const meetingId = ids[next] ?? '';
        next += 1;
        const state = await this.options.state(meetingId);
        const pointsDown = this.pointsDown.get(meetingId) ?? 0;
        const sitting = summarizeSitting(state, { pointsDown }, clock());
        if (isOnBoard(sitting, day)) sittings.set(meetingId, sitting);
      }
    };
    await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
    return {
      provinceId,
      provinceName: province.name,
      day,
      communes: communes.map(({ id, name }) => ({ id, name })),
      communesChanged: false,
      readingCommunes: false,
      sittings,
      dirty: new Set(),
      sentAt: new Map(),
    };
  }

  private async communesOf(provinceId: string): Promise<BoardSnapshot['communes']> {
    const { communes } = await provinceAndCommunes(this.options.db, provinceId);
    return communes.map(({ id, name }) => ({ id, name }));
  }

  private apply(provinceId: string, sitting: SittingSummary): void {
    const board = this.boards.get(provinceId);
    if (board) this.put(board, sitting);
    else this.loading.get(provinceId)?.early.push(sitting);
  }

  /** Keeps a sitting's newer summary; a sitting held today stays on the board once there. */
  private put(board: Board, sitting: SittingSummary): void {
    const held = board.sittings.get(sitting.meetingId);
    if (!held && !isOnBoard(sitting, board.day)) return;
    if (held && (held.seq > sitting.seq || sameSummary(held, sitting))) return;
    board.sittings.set(sitting.meetingId, sitting);
    board.dirty.add(sitting.meetingId);
    if (!board.communes.some((commune) => commune.id === sitting.communeId))
      this.readCommunes(board);
  }

  /** A commune added since the board was loaded: its name is read before its sitting is sent. */
  private readCommunes(board: Board): void {
    if (board.readingCommunes) return;
    board.readingCommunes = true;
    this.communesOf(board.provinceId)
      .then((communes) => {
        board.communes = communes;
        board.communesChanged = true;
      })
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error }, "the province's communes were not read again"),
      )
      .finally(() => {
        board.readingCommunes = false;
      });
  }

  private tick(): void {
    const now = this.options.clock();
    const { link, logger } = this.options;
    try {
      if (this.outbox.length > 0) {
        link.share?.(this.outbox);
        this.outbox = [];
      }
      for (const board of this.boards.values()) {
        if (board.day !== vietnamDay(now)) {
          // A new day: the board is read again when next asked for; its viewers ask at once.
          this.boards.delete(board.provinceId);
          link.send({ provinceId: board.provinceId, day: vietnamDay(now), sittings: [] });
          continue;
        }
        this.askTheClock(board, now);
        this.sendDue(board, now.getTime());
      }
    } catch (error) {
      logger.error({ err: error }, 'the province board was not sent');
    }
  }

  /** The alert that comes with time alone (not opened on time), asked again. */
  private askTheClock(board: Board, now: Date): void {
    for (const sitting of board.sittings.values()) {
      if (sitting.status !== 'convened') continue;
      const alerts = boardAlerts(sitting, now);
      if (alerts.length !== sitting.alerts.length) {
        board.sittings.set(sitting.meetingId, { ...sitting, alerts });
        board.dirty.add(sitting.meetingId);
      }
    }
  }

  private sendDue(board: Board, now: number): void {
    // A sitting of a commune being read waits for its name.
    if (board.dirty.size === 0 || board.readingCommunes) return;
    const due: SittingSummary[] = [];
    for (const meetingId of board.dirty) {
      if (now - (board.sentAt.get(meetingId) ?? 0) < SITTING_UPDATE_INTERVAL_MS) continue;
      const sitting = board.sittings.get(meetingId);
      if (sitting) due.push(sitting);
      board.dirty.delete(meetingId);
      board.sentAt.set(meetingId, now);
    }
    if (due.length === 0) return;
    const { provinceId, day } = board;
    this.options.link.send({
      provinceId,
      day,
      sittings: due,
      ...(board.communesChanged && { communes: board.communes }),
    });
    board.communesChanged = false;
  }
}

function sameSummary(a: SittingSummary, b: SittingSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

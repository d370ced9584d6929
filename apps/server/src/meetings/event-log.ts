import { createHmac } from 'node:crypto';
import { schema, type Database } from '@hopxa/db';
import {
  apply,
  canonicalJson,
  initialMeetingState,
  type MeetingEvent,
  type MeetingState,
} from '@hopxa/domain';
import { and, asc, eq, gt, gte, lte } from 'drizzle-orm';

/** The hash the first event of every meeting links back to. */
export const GENESIS_HASH = '0'.repeat(64);

type StoredEvent = typeof schema.meetingEvents.$inferSelect;
type Reader = Pick<Database, 'select'>;

/**
 * What an event's hash covers: its place in the log, who and when, its content, the hash
 * before; keyed (HMAC-SHA256 under the log key), so only a holder of the server's secret can
 * make a chain that verifies.
 */
export function eventHash(
  logKey: Buffer,
  event: Pick<
    StoredEvent,
    'meetingId' | 'seq' | 'type' | 'payload' | 'commandId' | 'actorAccountId' | 'at' | 'prevHash'
  >,
): string {
  return createHmac('sha256', logKey)
    .update(
      canonicalJson({
        meetingId: event.meetingId,
        seq: event.seq,
        type: event.type,
        payload: event.payload,
        commandId: event.commandId,
        actorAccountId: event.actorAccountId,
        at: event.at.toISOString(),
        prevHash: event.prevHash,
      }),
    )
    .digest('hex');
}

/** The keyed check of where a meeting's log ends, kept in `meeting_heads`. */
export function headMac(logKey: Buffer, meetingId: string, seq: number, hash: string): string {
  return createHmac('sha256', logKey).update(`${meetingId}:${seq}:${hash}`).digest('hex');
}

/**
 * How a log can be found broken: a seq missing (`gap`), an event whose content no longer
 * matches its keyed hash (`hash`), an event not linked to the one before (`link`), or a log
 * that does not end where its keyed head says (`head`: a last event deleted, or added).
 */
export type LogBreak = {
  readonly firstBadSeq: number;
  readonly reason: 'gap' | 'hash' | 'link' | 'head';
};

/** A meeting's log failed its check: the server refuses to serve the meeting. */
export class LogBrokenError extends Error {
  readonly meetingId: string;
  readonly broken: LogBreak;
  constructor(meetingId: string, broken: LogBreak) {
    super(`meeting ${meetingId} log broken at seq ${broken.firstBadSeq} (${broken.reason})`);
    this.meetingId = meetingId;
    this.broken = broken;
  }
}

/** A state with the hash of the event that made it, which the next event links to. */
export type Head = { readonly state: MeetingState; readonly hash: string };

type Tail = {
  readonly rows: StoredEvent[];
  readonly head: { readonly seq: number; readonly mac: string } | null;
};

/**
 * The events of a meeting from `fromSeq` on and its keyed head, read in one statement so both
 * come from the same moment (another process may be appending).
 */
async function readTail(db: Reader, meetingId: string, fromSeq: number): Promise<Tail> {
  const found = await db
    .select({
      headSeq: schema.meetingHeads.seq,
      headMac: schema.meetingHeads.mac,
      event: schema.meetingEvents,
    })
    .from(schema.meetings)
    .leftJoin(schema.meetingHeads, eq(schema.meetingHeads.meetingId, schema.meetings.id))
    .leftJoin(
      schema.meetingEvents,
      and(
        eq(schema.meetingEvents.meetingId, schema.meetings.id),
        gte(schema.meetingEvents.seq, fromSeq),
      ),
    )
    .where(eq(schema.meetings.id, meetingId))
    .orderBy(asc(schema.meetingEvents.seq));
  const first = found[0];
  return {
    rows: found.flatMap((row) => (row.event ? [row.event] : [])),
    head:
      first?.headSeq != null && first.headMac != null
        ? { seq: first.headSeq, mac: first.headMac }
        : null,
  };
}

/**
 * Checks that `tail` continues a log known up to `from` (seq and hash): the known last event
 * still there unchanged (the tail starts with it), then seq without a gap, every keyed hash,
 * every link, and the keyed head at the last event. Null when whole.
 */
export function checkTail(
  logKey: Buffer,
  meetingId: string,
  from: { readonly seq: number; readonly hash: string },
  tail: Tail,
): LogBreak | null {
  let rows = tail.rows;
  if (from.seq > 0) {
    const [known, ...after] = rows;
    if (known?.seq !== from.seq) return { firstBadSeq: from.seq, reason: 'gap' };
    if (known.hash !== from.hash || eventHash(logKey, known) !== known.hash)
      return { firstBadSeq: from.seq, reason: 'hash' };
    rows = after;
  }
  let seq = from.seq;
  let hash = from.hash;
  for (const row of rows) {
    if (row.seq !== seq + 1) return { firstBadSeq: seq + 1, reason: 'gap' };
    if (row.prevHash !== hash) return { firstBadSeq: row.seq, reason: 'link' };
    if (eventHash(logKey, row) !== row.hash) return { firstBadSeq: row.seq, reason: 'hash' };
    seq = row.seq;
    hash = row.hash;
  }
  if (seq === 0) return tail.head === null ? null : { firstBadSeq: 1, reason: 'head' };
  const head = tail.head;
  if (head?.seq !== seq || head.mac !== headMac(logKey, meetingId, seq, hash)) {
    // Events missing after the last one read start right after it.
    return { firstBadSeq: head && head.seq > seq ? seq + 1 : seq, reason: 'head' };
  }
  return null;
}

function toDomainEvent(row: StoredEvent): MeetingEvent {
  return { ...row.payload, type: row.type, seq: row.seq } as unknown as MeetingEvent;
}

/**
 * The events of a meeting after `sinceSeq` up to `untilSeq`, in order: what a reconnecting
 * client missed, up to the state just checked.
 */
export async function loadEventsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
  untilSeq: number,
): Promise<MeetingEvent[]> {
  const rows = await db
    .select()
    .from(schema.meetingEvents)
    .where(
      and(
        eq(schema.meetingEvents.meetingId, meetingId),
        gt(schema.meetingEvents.seq, sinceSeq),
        lte(schema.meetingEvents.seq, untilSeq),
      ),
    )
    .orderBy(asc(schema.meetingEvents.seq));
  return rows.map(toDomainEvent);
}

/**
 * What this process knows of each meeting: where it sits (commune, body; that never
 * changes) and its latest state with the hash of its last event, so a command or a join
 * reads only the events appended since (by this process or another) instead of the whole log.
 * Every event it reads is checked against the keyed chain first: a meeting whose log was
 * changed outside the server is never served (`LogBrokenError`).
 */
export class MeetingStateCache {
  readonly logKey: Buffer;
  private readonly heads = new Map<string, Head>();
  private readonly targets = new Map<string, Promise<MeetingState['target']>>();
  private readonly reading = new Map<string, Promise<MeetingState>>();

  constructor(logKey: Buffer) {
    this.logKey = logKey;
  }

  /** The meeting's commune, province and body, read once per process. */
  target(
    meetingId: string,
    load: () => Promise<MeetingState['target']>,
  ): Promise<MeetingState['target']> {
    let known = this.targets.get(meetingId);
    if (!known) {
      known = load();
      this.targets.set(meetingId, known);
      known.catch(() => this.targets.delete(meetingId));
    }
    return known;
  }

  /** The head this process holds, without asking the database whether it is still the latest. */
  held(meetingId: string): Head | undefined {
    return this.heads.get(meetingId);
  }

  /**
   * The latest state, read at most once at a time per meeting: a call made while a read is
   * in flight shares it. For checks that tolerate a state one round trip old (a ballot's
   * entitlement), so a storm of casts is not a storm of reads.
   */
  recent(db: Reader, target: MeetingState['target']): Promise<MeetingState> {
    let reading = this.reading.get(target.meetingId);
    if (!reading) {
      reading = this.current(db, target).finally(() => this.reading.delete(target.meetingId));
      this.reading.set(target.meetingId, reading);
    }
    return reading;
  }

  async current(db: Reader, target: MeetingState['target']): Promise<MeetingState> {
    return (await this.head(db, target)).state;
  }

  /** The latest head: the held one brought up to date with the events appended since, checked. */
  async head(db: Reader, target: MeetingState['target']): Promise<Head> {
    const known = this.heads.get(target.meetingId) ?? {
      state: initialMeetingState(target),
      hash: GENESIS_HASH,
    };
    // From the held last event on: it must still be there, unchanged.
    const tail = await readTail(db, target.meetingId, known.state.seq);
    const broken = checkTail(
      this.logKey,
      target.meetingId,
      { seq: known.state.seq, hash: known.hash },
      tail,
    );
    if (broken) throw new LogBrokenError(target.meetingId, broken);
    const head = tail.rows
      .filter((row) => row.seq > known.state.seq)
      .reduce(
        (current, row) => ({ state: apply(current.state, toDomainEvent(row)), hash: row.hash }),
        known,
      );
    this.remember(head);
    return head;
  }

  /** Keeps a head only if it is newer than the one held. */
  remember(head: Head): void {
    const held = this.heads.get(head.state.target.meetingId);
    if (!held || held.state.seq < head.state.seq) this.heads.set(head.state.target.meetingId, head);
  }
}

export type LogVerification =
  { readonly ok: true; readonly events: number } | ({ readonly ok: false } & LogBreak);

/**
 * Checks a meeting's whole log: seq runs 1, 2, 3 ... without a gap, every event's keyed hash
 * matches its content, every event links to the hash of the one before, and the keyed head
 * names the last event. Names the first bad seq.
 */
export async function verifyLog(
  db: Reader,
  logKey: Buffer,
  meetingId: string,
): Promise<LogVerification> {
  const tail = await readTail(db, meetingId, 1);
  const broken = checkTail(logKey, meetingId, { seq: 0, hash: GENESIS_HASH }, tail);
  return broken ? { ok: false, ...broken } : { ok: true, events: tail.rows.length };
}

/** A meeting's state from its whole log, checked (tests and tools). */
export async function loadMeetingState(
  db: Reader,
  logKey: Buffer,
  target: MeetingState['target'],
): Promise<MeetingState> {
  return new MeetingStateCache(logKey).current(db, target);
}

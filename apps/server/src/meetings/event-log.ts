import { createHash } from 'node:crypto';
import { schema, type Database } from '@hopxa/db';
import {
  apply,
  canonicalJson,
  initialMeetingState,
  type MeetingEvent,
  type MeetingState,
} from '@hopxa/domain';
import { and, asc, eq, gt } from 'drizzle-orm';

/** The hash the first event of every meeting links back to. */
export const GENESIS_HASH = '0'.repeat(64);

type StoredEvent = typeof schema.meetingEvents.$inferSelect;

/** What an event's hash covers: its place in the log, who and when, its content, the hash before. */
export function eventHash(
  event: Pick<
    StoredEvent,
    'meetingId' | 'seq' | 'type' | 'payload' | 'commandId' | 'actorAccountId' | 'at' | 'prevHash'
  >,
): string {
  return createHash('sha256')
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

function toDomainEvent(row: StoredEvent): MeetingEvent {
  return { ...row.payload, type: row.type, seq: row.seq } as unknown as MeetingEvent;
}

type Reader = Pick<Database, 'select'>;

async function loadRowsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(schema.meetingEvents)
    .where(
      and(eq(schema.meetingEvents.meetingId, meetingId), gt(schema.meetingEvents.seq, sinceSeq)),
    )
    .orderBy(asc(schema.meetingEvents.seq));
}

/** The events of a meeting after `sinceSeq`, in order: what a reconnecting client missed. */
export async function loadEventsSince(
  db: Reader,
  meetingId: string,
  sinceSeq: number,
): Promise<MeetingEvent[]> {
  return (await loadRowsSince(db, meetingId, sinceSeq)).map(toDomainEvent);
}

/** A meeting's state: its whole log applied in order. */
export async function loadMeetingState(
  db: Reader,
  target: MeetingState['target'],
): Promise<MeetingState> {
  return (await loadEventsSince(db, target.meetingId, 0)).reduce(
    apply,
    initialMeetingState(target),
  );
}

/** A state with the hash of the event that made it, which the next event links to. */
export type Head = { readonly state: MeetingState; readonly hash: string };

/**
 * What this process knows of each meeting: where it sits (commune, body; that never
 * changes) and its latest state with the hash of its last event, so a command or a join
 * reads only the events appended since (by this process or another) instead of the whole log.
 */
export class MeetingStateCache {
  private readonly heads = new Map<string, Head>();
  private readonly targets = new Map<string, Promise<MeetingState['target']>>();
  private readonly reading = new Map<string, Promise<MeetingState>>();

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

  async head(db: Reader, target: MeetingState['target']): Promise<Head> {
    const known = this.heads.get(target.meetingId) ?? {
      state: initialMeetingState(target),
      hash: GENESIS_HASH,
    };
    const rows = await loadRowsSince(db, target.meetingId, known.state.seq);
    const head = rows.reduce(
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
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: 'gap' | 'hash' | 'link' };

/**
 * Checks a meeting's log: seq runs 1, 2, 3 ... without a gap, every event's hash matches its
 * content, and every event links to the hash of the one before. Names the first bad seq.
 */
export async function verifyLog(db: Reader, meetingId: string): Promise<LogVerification> {
  const rows = await db
    .select()
    .from(schema.meetingEvents)
    .where(eq(schema.meetingEvents.meetingId, meetingId))
    .orderBy(asc(schema.meetingEvents.seq));
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, reason: 'gap' };
    if (row.prevHash !== prevHash) return { ok: false, firstBadSeq: row.seq, reason: 'link' };
    if (eventHash(row) !== row.hash) return { ok: false, firstBadSeq: row.seq, reason: 'hash' };
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length };
}

import { createHash } from 'node:crypto';
import { schema, type Database, type Transaction } from '@hopxa/db';
import { MinutesAuthority, minutesSchema, normalizedSteps, type StepRecord } from '@hopxa/minutes';
import { canonicalJson } from '@hopxa/domain';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';

/** A snapshot of the document every this many steps: a late joiner replays fewer. */
export const SNAPSHOT_EVERY = 100;

export type Written =
  | { readonly ok: true; readonly version: number; readonly accepted: readonly StepRecord[] }
  /** The same batch again (its answer was lost): already stored, nothing applied twice. */
  | { readonly ok: true; readonly version: number; readonly replayed: true }
  | { readonly ok: false; readonly reason: 'stale' | 'invalid'; readonly version: number }
  /** The batch id of steps already stored, sent with other steps: refused, nothing applied. */
  | { readonly ok: false; readonly reason: 'reused'; readonly version: number };

/** A writer's batch of steps, written on top of `version`. */
export type Batch = {
  readonly batchId: string;
  readonly version: number;
  readonly clientId: string;
  readonly steps: readonly unknown[];
};

/**
 * The minutes of every meeting as the server holds them: a `MinutesAuthority` per meeting in
 * memory, brought up to date from the database before each write, under a lock per meeting,
 * so several processes order one meeting's steps as one. A step is acknowledged only once
 * its transaction has committed.
 */
export class MinutesStore {
  readonly #db: Database;
  readonly #held = new Map<string, MinutesAuthority>();

  constructor(db: Database) {
    this.#db = db;
  }

  /** The document and its version as they stand, for a reader joining. */
  async current(meetingId: string): Promise<{ version: number; doc: unknown }> {
    // Read from what is committed, never from the held document a write may be changing.
    const authority = await this.#caughtUp(
      this.#db,
      meetingId,
      await this.#fromSnapshot(this.#db, meetingId),
    );
    return { version: authority.version, doc: authority.doc.toJSON() };
  }

  /**
   * The minutes as they are signed off: the stored version and the SHA-256 of that document
   * (its ProseMirror JSON, keys sorted), which the log records at submission (M1).
   */
  async signed(meetingId: string): Promise<{ version: number; sha256: string }> {
    const { version, doc } = await this.current(meetingId);
    return { version, sha256: documentSha256(doc) };
  }

  /**
   * The document at `version`, replayed from the latest snapshot at or before it, or with
   * `fromStart` from the first stored step; null when the stored steps do not replay to that
   * version (a step missing or changed outside the system).
   */
  async documentAt(
    meetingId: string,
    version: number,
    { fromStart = false }: { fromStart?: boolean } = {},
  ): Promise<unknown> {
    try {
      // A snapshot that no longer reads as a document is as broken as a step that does not apply.
      const authority = fromStart
        ? new MinutesAuthority()
        : await this.#fromSnapshot(this.#db, meetingId, version);
      await this.#replay(this.#db, meetingId, authority, version);
      return authority.version === version ? authority.doc.toJSON() : null;
    } catch {
      return null;
    }
  }

  /** The steps after `version`, for a writer catching up after a refusal or a lost line. */
  async since(meetingId: string, version: number): Promise<readonly StepRecord[]> {
    const rows = await this.#db
      .select({ step: schema.minutesSteps.step, clientId: schema.minutesSteps.clientId })
      .from(schema.minutesSteps)
      .where(
        and(eq(schema.minutesSteps.meetingId, meetingId), gt(schema.minutesSteps.version, version)),
      )
      .orderBy(asc(schema.minutesSteps.version));
    return rows;
  }

  /** Orders a batch after every step already stored, or says why not. */
  async write(meetingId: string, batch: Batch): Promise<Written> {
    try {
      return await this.#db.transaction(async (tx) => {
        // One writer of a meeting's minutes at a time, across every process.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${meetingId}, 0))`);
        const authority = await this.#caughtUp(tx, meetingId);
        const stored = await tx
          .select({
            version: schema.minutesSteps.version,
            step: schema.minutesSteps.step,
            clientId: schema.minutesSteps.clientId,
          })
          .from(schema.minutesSteps)
          .where(
            and(
              eq(schema.minutesSteps.meetingId, meetingId),
              eq(schema.minutesSteps.batchId, batch.batchId),
            ),
          )
          .orderBy(asc(schema.minutesSteps.version));
        const last = stored.at(-1);
        if (last) {
          // A resend is the same writer's same steps; anything else under its id is refused.
          const same =
            stored.every((row) => row.clientId === batch.clientId) &&
            canonicalJson(stored.map((row) => row.step)) ===
              canonicalJson(normalizedSteps(batch.steps));
          return same
            ? { ok: true, version: last.version, replayed: true }
            : { ok: false, reason: 'reused', version: authority.version };
        }
        const before = authority.version;
        const received = authority.receive(batch.version, batch.steps, batch.clientId);
        if (!received.ok) return received;
        await tx.insert(schema.minutesSteps).values(
          received.accepted.map((record, index) => ({
            meetingId,
            version: before + index + 1,
            clientId: record.clientId,
            batchId: batch.batchId,
            step: record.step,
          })),
        );
        if (Math.floor(received.version / SNAPSHOT_EVERY) > Math.floor(before / SNAPSHOT_EVERY))
          await tx
            .insert(schema.minutesSnapshots)
            .values({ meetingId, version: received.version, doc: authority.doc.toJSON() });
        return received;
      });
    } catch (error) {
      // The held document may be ahead of what was stored: read it again next time.
      this.#held.delete(meetingId);
      throw error;
    }
  }

  /** The authority as of the meeting's last snapshot (at most `atMost`), or an empty document. */
  async #fromSnapshot(
    db: Database | Transaction,
    meetingId: string,
    atMost?: number,
  ): Promise<MinutesAuthority> {
    const [snapshot] = await db
      .select()
      .from(schema.minutesSnapshots)
      .where(
        and(
          eq(schema.minutesSnapshots.meetingId, meetingId),
          atMost === undefined ? undefined : lte(schema.minutesSnapshots.version, atMost),
        ),
      )
      .orderBy(desc(schema.minutesSnapshots.version))
      .limit(1);
    return snapshot
      ? new MinutesAuthority(minutesSchema.nodeFromJSON(snapshot.doc), snapshot.version)
      : new MinutesAuthority();
  }

  /** `authority` (the held one unless given) with every step stored after it applied. */
  async #caughtUp(
    db: Database | Transaction,
    meetingId: string,
    given?: MinutesAuthority,
  ): Promise<MinutesAuthority> {
    const authority =
      given ?? this.#held.get(meetingId) ?? (await this.#fromSnapshot(db, meetingId));
    await this.#replay(db, meetingId, authority);
    if (!given) this.#held.set(meetingId, authority);
    return authority;
  }

  /** Applies to `authority` the stored steps after its version (up to `upTo`); throws if one does not. */
  async #replay(
    db: Database | Transaction,
    meetingId: string,
    authority: MinutesAuthority,
    upTo?: number,
  ): Promise<void> {
    const newer = await db
      .select()
      .from(schema.minutesSteps)
      .where(
        and(
          eq(schema.minutesSteps.meetingId, meetingId),
          gt(schema.minutesSteps.version, authority.version),
          upTo === undefined ? undefined : lte(schema.minutesSteps.version, upTo),
        ),
      )
      .orderBy(asc(schema.minutesSteps.version));
    for (const row of newer) {
      const caught = authority.receive(row.version - 1, [row.step], row.clientId);
      if (!caught.ok) throw new Error(`minutes of ${meetingId} do not replay at ${row.version}`);
    }
  }
}

/** What the log records of a minutes document: the SHA-256 of its JSON with sorted keys. */
export const documentSha256 = (doc: unknown): string => sha256Hex(canonicalJson(doc));

/** The SHA-256 of a text in UTF-8, as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import { schema, type Database } from '@hopxa/db';
import type { auditResponseSchema } from '@hopxa/protocol';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';

/** Who acted: their account (none for a failed sign-in), the commune and where they called from. */
export type AuditActor = {
  readonly accountId: string | null;
  readonly organisationId: string | null;
  readonly address?: string | null;
};

/** What was acted on: a kind of row such as 'body' or 'session', and its id. */
export type AuditTarget = { readonly type: string; readonly id: string };

/** Only `auditEntry` makes one, so every record has the same shape wherever it is written. */
declare const madeByAuditEntry: unique symbol;

export type AuditEntry = {
  readonly actorAccountId: string | null;
  readonly organisationId: string | null;
  /** A dotted name such as 'auth.sign_in' or 'member.create'. */
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** What changed. Never a password, token or pairing code. */
  readonly detail: Record<string, unknown> | null;
  readonly address: string | null;
  readonly [madeByAuditEntry]: true;
};

/**
 * One audit record: `actor` did `action` to `target`, with `detail` saying what changed.
 *
 * @example
 * await recordAudit(tx, auditEntry(actor, 'body.create', { type: 'body', id: body.id }, input));
 */
export function auditEntry(
  actor: AuditActor,
  action: string,
  target?: AuditTarget | null,
  detail?: Record<string, unknown> | null,
): AuditEntry {
  return {
    actorAccountId: actor.accountId,
    organisationId: actor.organisationId,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    detail: detail ?? null,
    address: actor.address ?? null,
  } as AuditEntry;
}

type Writer = Pick<Database, 'insert'>;

/** Records who did what; pass the transaction that made the change, so both land or neither. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(schema.auditEvents).values({
    actorAccountId: entry.actorAccountId,
    organisationId: entry.organisationId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: entry.detail,
    address: entry.address,
  });
}

export type AuditEvent = z.infer<typeof auditResponseSchema>['events'][number];

/** The latest 200 records of a commune, newest first, each with its actor's name. */
export async function listAuditEvents(db: Database, organisationId: string): Promise<AuditEvent[]> {
  const rows = await db
    .select({ event: schema.auditEvents, actor: schema.accounts.displayName })
    .from(schema.auditEvents)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.auditEvents.actorAccountId))
    .where(eq(schema.auditEvents.organisationId, organisationId))
    .orderBy(desc(schema.auditEvents.id))
    .limit(200);
  return rows.map(({ event, actor }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actor,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    detail: event.detail,
    address: event.address,
  }));
}

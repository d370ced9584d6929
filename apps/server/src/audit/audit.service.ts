import { schema, type Database } from '@hopxa/db';

export type AuditEntry = {
  readonly actorAccountId: string | null;
  readonly organisationId: string | null;
  /** A dotted name such as 'auth.sign_in' or 'member.create'. */
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** What changed. Never a password, token or pairing code. */
  readonly detail?: Record<string, unknown>;
  readonly address?: string | null;
};

type Writer = Pick<Database, 'insert'>;

/** Records who did what; pass the transaction that made the change, so both land or neither. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(schema.auditEvents).values({
    actorAccountId: entry.actorAccountId,
    organisationId: entry.organisationId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
    address: entry.address ?? null,
  });
}

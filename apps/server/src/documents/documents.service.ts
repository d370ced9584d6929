import { schema, type Database } from '@hopxa/db';
import { can, documentReadAction, type Actor, type MeetingTarget } from '@hopxa/domain';
import type { DocumentView, NewDocumentQuery } from '@hopxa/protocol';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { HttpError } from '../http/http-error.ts';

type DocumentRow = typeof schema.documents.$inferSelect;

/** An opening counts again in the audit log only after this long without one. */
const OPENING_AUDIT_GAP_MS = 10 * 60 * 1000;

function viewOf(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    title: row.title,
    kind: row.kind,
    audience: row.audience,
    fileName: row.fileName,
    byteSize: row.byteSize,
    pageCount: row.pageCount,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/**
 * A meeting's papers not withdrawn, in agenda order (the meeting's own papers, under no
 * item, first), each item's in the order they were filed.
 */
export async function listDocuments(db: Database, meetingId: string): Promise<DocumentView[]> {
  const rows = await db
    .select({ document: schema.documents })
    .from(schema.documents)
    .leftJoin(schema.agendaItems, eq(schema.agendaItems.id, schema.documents.agendaItemId))
    .where(and(eq(schema.documents.meetingId, meetingId), isNull(schema.documents.withdrawnAt)))
    .orderBy(
      sql`${schema.agendaItems.id} is not null`,
      asc(schema.agendaItems.position),
      asc(schema.documents.uploadedAt),
      asc(schema.documents.id),
    );
  return rows.map((row) => viewOf(row.document));
}

/** The papers of `documents` that `actor` may read, each by its own audience. */
export function readableBy(
  actor: Actor,
  target: MeetingTarget,
  documents: readonly DocumentView[],
): DocumentView[] {
  return documents.filter((document) => can(actor, documentReadAction(document.audience), target));
}

/**
 * A paper and its meeting, for a permission to be asked; 404 when there is none, or when it
 * was withdrawn unless `withdrawn` is 'included' (withdrawing again is no error).
 */
export async function documentTarget(
  db: Database,
  documentId: string,
  withdrawn: 'excluded' | 'included' = 'excluded',
): Promise<{ document: DocumentView; target: MeetingTarget }> {
  const [row] = await db
    .select()
    .from(schema.documents)
    .where(
      and(
        eq(schema.documents.id, documentId),
        withdrawn === 'excluded' ? isNull(schema.documents.withdrawnAt) : undefined,
      ),
    );
  if (!row) throw new HttpError(404, 'not_found');
  return { document: viewOf(row), target: await meetingTarget(db, row.meetingId) };
}

/**
 * Files a checked paper whose content is stored already: its row and its audit record
 * land together. The agenda item, when named, must be one of this meeting's.
 */
export async function fileDocument(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
  target: MeetingTarget,
  description: NewDocumentQuery,
  file: { readonly sha256: string; readonly byteSize: number; readonly pageCount: number },
): Promise<DocumentView> {
  return db.transaction(async (tx) => {
    if (description.agendaItemId) {
      const [item] = await tx
        .select({ id: schema.agendaItems.id })
        .from(schema.agendaItems)
        .where(
          and(
            eq(schema.agendaItems.id, description.agendaItemId),
            eq(schema.agendaItems.meetingId, target.meetingId),
          ),
        );
      if (!item) throw new HttpError(422, 'unknown_item');
    }
    const [row] = await tx
      .insert(schema.documents)
      .values({
        meetingId: target.meetingId,
        agendaItemId: description.agendaItemId ?? null,
        title: description.title,
        kind: description.kind,
        audience: description.audience,
        fileName: description.fileName,
        byteSize: file.byteSize,
        sha256: file.sha256,
        pageCount: file.pageCount,
        uploadedBy: actor.accountId,
      })
      .returning();
    if (!row) throw new Error('the paper was not filed');
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'document.file',
        { type: 'document', id: row.id },
        {
          meetingId: target.meetingId,
          title: row.title,
          kind: row.kind,
          audience: row.audience,
          fileName: row.fileName,
          byteSize: row.byteSize,
          sha256: row.sha256,
        },
      ),
    );
    return viewOf(row);
  });
}

/** Withdraws a paper: readers no longer see it; its row and file stay for the record. */
export async function withdrawDocument(
  db: Database,
  actor: AuditActor,
  document: DocumentView,
): Promise<void> {
  await db.transaction(async (tx) => {
    const withdrawn = await tx
      .update(schema.documents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(schema.documents.id, document.id), isNull(schema.documents.withdrawnAt)))
      .returning({ id: schema.documents.id });
    if (withdrawn.length === 0) return;
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'document.withdraw',
        { type: 'document', id: document.id },
        { meetingId: document.meetingId, title: document.title },
      ),
    );
  });
}

/**
 * Notes that `actor` opened the paper: its first and last opening kept per account, and an
 * audit record for each opening after a pause (a reader's range requests and reloads within
 * ten minutes are one opening).
 */
export async function recordOpening(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
  document: DocumentView,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ lastOpenedAt: schema.documentReads.lastOpenedAt })
      .from(schema.documentReads)
      .where(
        and(
          eq(schema.documentReads.documentId, document.id),
          eq(schema.documentReads.accountId, actor.accountId),
        ),
      )
      .for('update');
    await tx
      .insert(schema.documentReads)
      .values({
        documentId: document.id,
        accountId: actor.accountId,
        firstOpenedAt: now,
        lastOpenedAt: now,
      })
      .onConflictDoUpdate({
        target: [schema.documentReads.documentId, schema.documentReads.accountId],
        set: { lastOpenedAt: now },
      });
    if (before && now.getTime() - before.lastOpenedAt.getTime() < OPENING_AUDIT_GAP_MS) return;
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'document.open',
        { type: 'document', id: document.id },
        { meetingId: document.meetingId, title: document.title },
      ),
    );
  });
}

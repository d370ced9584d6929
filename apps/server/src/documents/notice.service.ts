import { schema, type Database } from '@hopxa/db';
import type { Actor, MeetingState } from '@hopxa/domain';
import type { NoticeReceiptsResponse, NoticeResponse } from '@hopxa/protocol';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { listDocuments, readableBy } from './documents.service.ts';

/** The notice as the log has it, for `actor`: the papers of it they may read, and their receipt. */
export async function noticeFor(
  db: Database,
  state: MeetingState,
  actor: Actor,
): Promise<NoticeResponse> {
  const notice = state.notice;
  if (!notice) throw new HttpError(409, 'not_convened');
  const listed = new Set(notice.papers.map((paper) => paper.documentId));
  const papers = readableBy(actor, state.target, await listDocuments(db, state.target.meetingId));
  const [receipt] = await db
    .select({ openedAt: schema.noticeReceipts.openedAt })
    .from(schema.noticeReceipts)
    .where(
      and(
        eq(schema.noticeReceipts.meetingId, state.target.meetingId),
        eq(schema.noticeReceipts.accountId, actor.accountId),
        eq(schema.noticeReceipts.noticeVersion, notice.version),
      ),
    );
  return {
    version: notice.version,
    title: notice.title,
    startsAt: notice.startsAt,
    place: notice.place,
    changes: [...notice.changes],
    amendedAt: notice.amendedAt,
    agenda: state.agenda.map((item) => ({
      id: item.id,
      parentId: item.parentId,
      title: item.title,
    })),
    papers: papers.filter((paper) => listed.has(paper.id)),
    openedAt: receipt?.openedAt.toISOString() ?? null,
  };
}

/**
 * Records that `actor` opened version `version` of the notice, once; the first opening of
 * each version is in the audit log. A version that is not the current one is refused: the
 * screen that showed it is out of date.
 */
export async function recordNoticeOpened(
  db: Database,
  state: MeetingState,
  actor: AuditActor & { readonly accountId: string },
  version: number,
  now: Date,
): Promise<void> {
  if (!state.notice) throw new HttpError(409, 'not_convened');
  if (version !== state.notice.version) throw new HttpError(409, 'notice_changed');
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(schema.noticeReceipts)
      .values({
        meetingId: state.target.meetingId,
        accountId: actor.accountId,
        noticeVersion: version,
        openedAt: now,
      })
      .onConflictDoNothing()
      .returning({ version: schema.noticeReceipts.noticeVersion });
    if (inserted.length === 0) return;
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'notice.open',
        { type: 'meeting', id: state.target.meetingId },
        { version },
      ),
    );
  });
}

/** Each roster member's latest opening of the notice, through any of their accounts. */
export async function noticeReceipts(
  db: Database,
  state: MeetingState,
): Promise<NoticeReceiptsResponse> {
  if (!state.notice) throw new HttpError(409, 'not_convened');
  const personIds = state.roster.map((member) => member.personId);
  const rows =
    personIds.length === 0
      ? []
      : await db
          .select({
            personId: schema.accounts.personId,
            version: schema.noticeReceipts.noticeVersion,
            openedAt: schema.noticeReceipts.openedAt,
          })
          .from(schema.noticeReceipts)
          .innerJoin(schema.accounts, eq(schema.accounts.id, schema.noticeReceipts.accountId))
          .where(
            and(
              eq(schema.noticeReceipts.meetingId, state.target.meetingId),
              inArray(schema.accounts.personId, personIds),
            ),
          )
          .orderBy(desc(schema.noticeReceipts.noticeVersion), schema.noticeReceipts.openedAt);
  const latest = new Map<string, { version: number; openedAt: Date }>();
  for (const row of rows)
    if (row.personId && !latest.has(row.personId))
      latest.set(row.personId, { version: row.version, openedAt: row.openedAt });
  return {
    version: state.notice.version,
    members: state.roster.map((member) => {
      const opened = latest.get(member.personId);
      return {
        personId: member.personId,
        fullName: member.fullName,
        openedVersion: opened?.version ?? null,
        openedAt: opened?.openedAt.toISOString() ?? null,
      };
    }),
  };
}

import type { Database } from '@hopxa/db';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { invalidateAllSessions, invalidateSession } from './session.service.ts';

/** Signs one device out, and records it. */
export async function signOut(db: Database, actor: AuditActor, sessionId: string): Promise<void> {
  await invalidateSession(db, sessionId);
  await recordAudit(db, auditEntry(actor, 'auth.sign_out', { type: 'session', id: sessionId }));
}

/** Signs the actor's account out on every device, and records it; returns the sessions ended. */
export async function signOutEverywhere(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
): Promise<string[]> {
  const ended = await invalidateAllSessions(db, actor.accountId);
  await recordAudit(
    db,
    auditEntry(actor, 'auth.sign_out_everywhere', null, { sessions: ended.length }),
  );
  return ended;
}

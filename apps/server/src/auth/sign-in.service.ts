import { createHmac } from 'node:crypto';
import { schema, type Database } from '@hopxa/db';
import { eq } from 'drizzle-orm';
import { auditEntry, recordAudit } from '../audit/audit.service.ts';
import { beginAttempt } from './attempt-limiter.ts';
import { verifyPassword } from './password.ts';
import { createSession, type Account } from './session.service.ts';

export type SignInResult =
  | {
      readonly ok: true;
      readonly account: Account;
      readonly token: string;
      readonly expiresAt: Date;
    }
  | { readonly ok: false; readonly reason: 'invalid_credentials' | 'rate_limited' };

/**
 * Checks a username and password and starts a browser session. An unknown username and a
 * wrong password get the same answer in the same time; past a limit of failures, even the
 * right password is refused until the window passes. A name no account has is never kept,
 * in the attempts or the audit log: it may be a password typed in the wrong field.
 */
export async function signIn(
  db: Database,
  namesKey: Buffer,
  input: { username: string; password: string; address: string; trusted: boolean },
  now: Date,
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const { address } = input;
  const [account] = await db
    .select()
    .from(schema.accounts)
    .where(eq(schema.accounts.username, username));
  const subject = account
    ? `account:${account.id}`
    : `name:${createHmac('sha256', namesKey).update(username).digest('hex')}`;
  const attempt = await beginAttempt(
    db,
    { kind: 'password', subject, address, trusted: input.trusted },
    now,
  );
  if (!attempt.allowed) return { ok: false, reason: 'rate_limited' };
  const valid = await verifyPassword(account?.passwordHash ?? null, input.password);
  // A closed account is answered as a wrong password is: nothing is told of it.
  const admitted = account !== undefined && valid && account.disabledAt === null;
  await attempt.finish(admitted);
  if (!account || !admitted) {
    const actor = { accountId: null, organisationId: account?.organisationId ?? null, address };
    const target = account && { type: 'account', id: account.id };
    await recordAudit(
      db,
      auditEntry(actor, 'auth.sign_in_failed', target, account && { username }),
    );
    return { ok: false, reason: 'invalid_credentials' };
  }
  const { token, session } = await createSession(db, account.id, 'browser', now);
  const actor = { accountId: account.id, organisationId: account.organisationId, address };
  await recordAudit(db, auditEntry(actor, 'auth.sign_in', { type: 'session', id: session.id }));
  return { ok: true, account, token, expiresAt: session.expiresAt };
}

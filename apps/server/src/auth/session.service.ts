import { schema, type Database } from '@hopxa/db';
import { eq } from 'drizzle-orm';
import { generateSessionToken, hashSecret } from './session-token.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lasts 30 days from its last use: used within the last 15, it is extended. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export type Session = typeof schema.sessions.$inferSelect;
export type Account = typeof schema.accounts.$inferSelect;

/** Starts a session for `accountId`; the token goes into the cookie and nowhere else. */
export async function createSession(
  db: Database,
  accountId: string,
  kind: Session['kind'],
  now: Date,
  deviceLabel: string | null = null,
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken();
  const [session] = await db
    .insert(schema.sessions)
    .values({
      tokenHash: hashSecret(token),
      accountId,
      kind,
      deviceLabel,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    })
    .returning();
  if (!session) throw new Error('session insert returned no row');
  return { token, session };
}

/**
 * Finds the live session behind a token. An expired one is deleted; one past half its life
 * is extended (sliding expiry), and `renewed` tells the caller to send the cookie again.
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
): Promise<{ session: Session; account: Account; renewed: boolean } | null> {
  const [row] = await db
    .select({ session: schema.sessions, account: schema.accounts })
    .from(schema.sessions)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.sessions.accountId))
    .where(eq(schema.sessions.tokenHash, hashSecret(token)));
  if (!row || row.account.disabledAt !== null) return null;
  const left = row.session.expiresAt.getTime() - now.getTime();
  if (left <= 0) {
    await db.delete(schema.sessions).where(eq(schema.sessions.id, row.session.id));
    return null;
  }
  if (left >= RENEW_WHEN_LEFT_MS) return { ...row, renewed: false };
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.update(schema.sessions).set({ expiresAt }).where(eq(schema.sessions.id, row.session.id));
  return { session: { ...row.session, expiresAt }, account: row.account, renewed: true };
}

/** Signs one device out. */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
}

/** Signs an account out on every device; returns the sessions that ended. */
export async function invalidateAllSessions(db: Database, accountId: string): Promise<string[]> {
  const removed = await db
    .delete(schema.sessions)
    .where(eq(schema.sessions.accountId, accountId))
    .returning({ id: schema.sessions.id });
  return removed.map((row) => row.id);
}

import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { hashSecret } from './session-token.ts';
import {
  SESSION_LIFETIME_MS,
  createSession,
  invalidateAllSessions,
  invalidateSession,
  validateSessionToken,
} from './session.service.ts';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T08:00:00Z');
const at = (days: number) => new Date(start.getTime() + days * DAY);

describeEachDatabase('sessions (Lucia design)', (database) => {
  const db = () => database.handle().db;
  let accountId: string;
  beforeAll(async () => {
    const [account] = await db()
      .insert(schema.accounts)
      .values({ role: 'secretariat', username: 'phien.thu', displayName: 'Phiên Thử' })
      .returning();
    accountId = account?.id ?? '';
  });

  it('creates a session whose token is stored only as its SHA-256, and validates it', async () => {
    const { token, session } = await createSession(db(), accountId, 'browser', start);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const [row] = await db()
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.id, session.id));
    expect(row?.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.expiresAt).toEqual(new Date(start.getTime() + SESSION_LIFETIME_MS));
    const found = await validateSessionToken(db(), token, at(1));
    expect(found?.account.id).toBe(accountId);
    expect(found?.renewed).toBe(false);
  });

  it('slides: used past half its life, it is extended to 30 days from that use', async () => {
    const { token } = await createSession(db(), accountId, 'browser', start);
    const found = await validateSessionToken(db(), token, at(20));
    expect(found?.renewed).toBe(true);
    expect(found?.session.expiresAt).toEqual(new Date(at(20).getTime() + SESSION_LIFETIME_MS));
    expect(await validateSessionToken(db(), token, at(45))).not.toBeNull();
  });

  it('expires after 30 days unused, and the expired row is removed', async () => {
    const { token, session } = await createSession(db(), accountId, 'browser', start);
    expect(await validateSessionToken(db(), token, at(30))).toBeNull();
    expect(
      await db().select().from(schema.sessions).where(eq(schema.sessions.id, session.id)),
    ).toEqual([]);
  });

  it('refuses a token that was never issued', async () => {
    expect(await validateSessionToken(db(), 'a'.repeat(32), start)).toBeNull();
  });

  it('revokes one session, and signs an account out everywhere', async () => {
    const first = await createSession(db(), accountId, 'browser', start);
    const second = await createSession(db(), accountId, 'tablet', start);
    await invalidateSession(db(), first.session.id);
    expect(await validateSessionToken(db(), first.token, at(1))).toBeNull();
    expect(await validateSessionToken(db(), second.token, at(1))).not.toBeNull();
    const third = await createSession(db(), accountId, 'browser', start);
    expect((await invalidateAllSessions(db(), accountId)).length).toBeGreaterThanOrEqual(2);
    expect(await validateSessionToken(db(), second.token, at(1))).toBeNull();
    expect(await validateSessionToken(db(), third.token, at(1))).toBeNull();
  });
});

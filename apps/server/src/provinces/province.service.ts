import { schema, type Database } from '@hopxa/db';
import type { NewProvinceAccountRequest, ProvinceAccount, ProvinceResponse } from '@hopxa/protocol';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { HttpError } from '../http/http-error.ts';

const PROVINCE_ROLES = ['follower', 'province_admin'] as const;

/** The province's name and its communes, by name. */
export async function provinceAndCommunes(
  db: Database,
  provinceId: string,
): Promise<Pick<ProvinceResponse, 'province' | 'communes'>> {
  const [province] = await db
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .where(eq(schema.organisations.id, provinceId));
  if (!province) throw new HttpError(404, 'not_found');
  const communes = await db
    .select({
      id: schema.organisations.id,
      name: schema.organisations.name,
      code: schema.organisations.code,
    })
    .from(schema.organisations)
    .where(
      and(eq(schema.organisations.parentId, provinceId), eq(schema.organisations.kind, 'commune')),
    )
    .orderBy(asc(schema.organisations.name));
  return { province, communes };
}

/** The province's own accounts (its followers and administrators), newest last. */
export async function provinceAccounts(
  db: Database,
  provinceId: string,
): Promise<ProvinceAccount[]> {
  const rows = await db
    .select()
    .from(schema.accounts)
    .where(
      and(
        eq(schema.accounts.organisationId, provinceId),
        inArray(schema.accounts.role, [...PROVINCE_ROLES]),
      ),
    )
    .orderBy(asc(schema.accounts.createdAt), asc(schema.accounts.displayName));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role === 'province_admin' ? 'province_admin' : 'follower',
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  }));
}

/**
 * A follower of the whole province (B3: it sees every commune below), made by the
 * province's administrator, who gives it its first password.
 */
export async function createProvinceFollower(
  db: Database,
  actor: AuditActor,
  provinceId: string,
  input: NewProvinceAccountRequest,
): Promise<ProvinceAccount> {
  const passwordHash = await hashPassword(input.password);
  const username = input.username.toLowerCase();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.accounts)
      .values({
        role: 'follower',
        username,
        passwordHash,
        displayName: input.displayName,
        organisationId: provinceId,
      })
      .onConflictDoNothing({ target: schema.accounts.username })
      .returning();
    if (!row) throw new HttpError(409, 'username_taken');
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'account.create',
        { type: 'account', id: row.id },
        {
          username,
          displayName: input.displayName,
          role: 'follower',
        },
      ),
    );
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: 'follower',
      createdAt: row.createdAt.toISOString(),
      disabledAt: null,
    };
  });
}

/**
 * Closes one of the province's followers: it signs in no more and its sessions end.
 * @returns the sessions ended, for their sockets to be closed.
 */
export async function disableProvinceFollower(
  db: Database,
  actor: AuditActor,
  provinceId: string,
  accountId: string,
  now: Date,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.accounts)
      .set({ disabledAt: now })
      .where(
        and(
          eq(schema.accounts.id, accountId),
          eq(schema.accounts.organisationId, provinceId),
          eq(schema.accounts.role, 'follower'),
          isNull(schema.accounts.disabledAt),
        ),
      )
      .returning({ id: schema.accounts.id });
    if (!row) {
      const [existing] = await tx
        .select({ id: schema.accounts.id })
        .from(schema.accounts)
        .where(
          and(
            eq(schema.accounts.id, accountId),
            eq(schema.accounts.organisationId, provinceId),
            eq(schema.accounts.role, 'follower'),
          ),
        );
      // Closed already: nothing more to do. Not one of the province's followers: not found.
      if (!existing) throw new HttpError(404, 'not_found');
      return [];
    }
    const ended = await tx
      .delete(schema.sessions)
      .where(eq(schema.sessions.accountId, accountId))
      .returning({ id: schema.sessions.id });
    await recordAudit(tx, auditEntry(actor, 'account.disable', { type: 'account', id: accountId }));
    return ended.map((session) => session.id);
  });
}

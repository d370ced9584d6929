import { membershipInForceOn, schema, type Database } from '@hopxa/db';
import {
  ACCOUNT_ROLE_NAMES,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_CODE_LIFETIME_MS,
  normalizePairingCode,
} from '@hopxa/domain';
import { and, desc, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { beginAttempt } from '../auth/attempt-limiter.ts';
import { hashSecret } from '../auth/session-token.ts';
import { createSession, type Account } from '../auth/session.service.ts';
import { HttpError } from '../http/http-error.ts';

/** A code drawn uniformly from the alphabet (rejection sampling keeps every letter equally likely). */
function generatePairingCode(): string {
  const limit = 256 - (256 % PAIRING_CODE_ALPHABET.length);
  let code = '';
  while (code.length < PAIRING_CODE_LENGTH) {
    const [byte = 255] = crypto.getRandomValues(new Uint8Array(1));
    if (byte < limit) code += PAIRING_CODE_ALPHABET[byte % PAIRING_CODE_ALPHABET.length];
  }
  return code;
}

/** The delegate account of a person, made on first need: a tablet signs in as it. */
async function delegateAccountOf(
  db: Database,
  person: { id: string; fullName: string },
): Promise<Account> {
  const [existing] = await db
    .select()
    .from(schema.accounts)
    .where(eq(schema.accounts.personId, person.id));
  // A tablet must never carry a staff account's powers: pair only plain delegate accounts.
  if (existing && existing.role !== 'delegate')
    throw new HttpError(409, 'person_has_staff_account');
  if (existing) return existing;
  const [created] = await db
    .insert(schema.accounts)
    .values({ role: 'delegate', displayName: person.fullName, personId: person.id })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  // Another request made it at the same moment.
  const [made] = await db
    .select()
    .from(schema.accounts)
    .where(eq(schema.accounts.personId, person.id));
  if (!made) throw new Error('delegate account vanished');
  return made;
}

/** A person who is a member of the body today, with the name a code is made out to. */
async function memberInForce(
  db: Database,
  seat: { bodyId: string; personId: string; today: string },
): Promise<{ id: string; fullName: string }> {
  const [person] = await db
    .select({ id: schema.people.id, fullName: schema.people.fullName })
    .from(schema.memberships)
    .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
    .where(
      and(
        eq(schema.memberships.bodyId, seat.bodyId),
        eq(schema.memberships.personId, seat.personId),
        membershipInForceOn(seat.today),
      ),
    );
  if (!person) throw new HttpError(404, 'not_a_member');
  return person;
}

/** The commune's hall display account, made on first need: every paired hall display signs in as it. */
async function hallDisplayAccountOf(db: Database, organisationId: string): Promise<Account> {
  const ofCommune = and(
    eq(schema.accounts.role, 'hall_display'),
    eq(schema.accounts.organisationId, organisationId),
  );
  const [existing] = await db.select().from(schema.accounts).where(ofCommune).limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(schema.accounts)
    .values({
      role: 'hall_display',
      displayName: ACCOUNT_ROLE_NAMES.hall_display.vi,
      organisationId,
    })
    .returning();
  if (!created) throw new Error('hall display account insert returned no row');
  return created;
}

/**
 * Stores a fresh one-time code for `account` and returns it. Only its hash is kept; the code
 * itself is returned once, to be shown to the secretariat as a QR code and as text.
 */
async function issuePairingCode(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
  paired: { account: Account; organisationId: string; target: { type: string; id: string } },
  now: Date,
): Promise<{ id: string; code: string; expiresAt: Date }> {
  const code = generatePairingCode();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_LIFETIME_MS);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.pairingCodes)
      .values({
        codeHash: hashSecret(code),
        accountId: paired.account.id,
        organisationId: paired.organisationId,
        createdByAccountId: actor.accountId,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: schema.pairingCodes.id });
    if (!row) throw new Error('pairing code insert returned no row');
    const detail = { pairingId: row.id, expiresAt: expiresAt.toISOString() };
    await recordAudit(tx, auditEntry(actor, 'pairing.create', paired.target, detail));
    return { id: row.id, code, expiresAt };
  });
}

/** Makes a one-time code that pairs a tablet with a member of a body. */
export async function createPairingCode(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
  seat: { bodyId: string; personId: string; organisationId: string; today: string },
  now: Date,
): Promise<{ id: string; code: string; expiresAt: Date; fullName: string }> {
  const person = await memberInForce(db, seat);
  const account = await delegateAccountOf(db, person);
  const target = { type: 'person', id: person.id };
  const issued = await issuePairingCode(
    db,
    actor,
    { account, organisationId: seat.organisationId, target },
    now,
  );
  return { ...issued, fullName: person.fullName };
}

/**
 * Makes a one-time code that pairs a screen as the commune's hall display: it shows the
 * commune's meetings to the hall and has no other power, so the secretariat's own account
 * never has to be signed in on a projector's computer.
 */
export async function createHallDisplayPairingCode(
  db: Database,
  actor: AuditActor & { readonly accountId: string },
  organisationId: string,
  now: Date,
): Promise<{ id: string; code: string; expiresAt: Date; fullName: string }> {
  const account = await hallDisplayAccountOf(db, organisationId);
  const target = { type: 'account', id: account.id };
  const issued = await issuePairingCode(db, actor, { account, organisationId, target }, now);
  return { ...issued, fullName: account.displayName };
}

export type RedeemResult =
  | {
      readonly ok: true;
      readonly account: Account;
      readonly token: string;
      readonly expiresAt: Date;
    }
  | { readonly ok: false; readonly reason: 'pairing_code_invalid' | 'rate_limited' };

/**
 * Gives the tablet that presents a live code the delegate's session. The code is spent in the
 * same statement that checks it, so two tablets racing with one code cannot both win.
 */
export async function redeemPairingCode(
  db: Database,
  input: { code: string; address: string; deviceLabel: string | null },
  now: Date,
): Promise<RedeemResult> {
  const attempt = await beginAttempt(
    db,
    { kind: 'pairing', subject: '', address: input.address, trusted: false },
    now,
  );
  if (!attempt.allowed) return { ok: false, reason: 'rate_limited' };
  const code = normalizePairingCode(input.code);
  if (code === null) {
    await attempt.finish(false);
    return { ok: false, reason: 'pairing_code_invalid' };
  }
  // Spending the code, making the session and linking them is one transaction: a revocation
  // racing with it waits on the code's row and then finds the session to end.
  const paired = await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(schema.pairingCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(schema.pairingCodes.codeHash, hashSecret(code)),
          isNull(schema.pairingCodes.usedAt),
          isNull(schema.pairingCodes.revokedAt),
          gt(schema.pairingCodes.expiresAt, now),
        ),
      )
      .returning();
    if (!spent) return null;
    const [account] = await tx
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.id, spent.accountId));
    if (!account) return null;
    const { token, session } = await createSession(
      tx,
      account.id,
      'tablet',
      now,
      input.deviceLabel,
    );
    await tx
      .update(schema.pairingCodes)
      .set({ sessionId: session.id })
      .where(eq(schema.pairingCodes.id, spent.id));
    const { address } = input;
    const actor = { accountId: account.id, organisationId: spent.organisationId, address };
    const target = { type: 'session', id: session.id };
    await recordAudit(tx, auditEntry(actor, 'pairing.redeem', target, { pairingId: spent.id }));
    return { ok: true as const, account, token, expiresAt: session.expiresAt };
  });
  await attempt.finish(paired !== null);
  return paired ?? { ok: false, reason: 'pairing_code_invalid' };
}

export type TabletListing = {
  readonly pairingId: string;
  readonly delegate: string;
  readonly personId: string | null;
  readonly status: 'waiting' | 'paired';
  readonly createdAt: Date;
  /** When a waiting code expires, or when a paired tablet's session does. */
  readonly expiresAt: Date;
  readonly deviceLabel: string | null;
};

/** The commune's paired tablets and the codes still waiting to be used. */
export async function listTablets(
  db: Database,
  organisationId: string,
  now: Date,
): Promise<TabletListing[]> {
  const rows = await db
    .select({ code: schema.pairingCodes, account: schema.accounts, session: schema.sessions })
    .from(schema.pairingCodes)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.pairingCodes.accountId))
    .leftJoin(schema.sessions, eq(schema.sessions.id, schema.pairingCodes.sessionId))
    .where(
      and(
        eq(schema.pairingCodes.organisationId, organisationId),
        isNull(schema.pairingCodes.revokedAt),
        or(
          and(isNull(schema.pairingCodes.usedAt), gt(schema.pairingCodes.expiresAt, now)),
          and(isNotNull(schema.sessions.id), gt(schema.sessions.expiresAt, now)),
        ),
      ),
    )
    .orderBy(desc(schema.pairingCodes.createdAt));
  return rows.map(({ code, account, session }) => ({
    pairingId: code.id,
    delegate: account.displayName,
    personId: account.personId,
    status: session ? 'paired' : 'waiting',
    createdAt: code.createdAt,
    expiresAt: session?.expiresAt ?? code.expiresAt,
    deviceLabel: session?.deviceLabel ?? null,
  }));
}

/**
 * Revokes a waiting code or signs a paired tablet out. Returns null when the pairing is not
 * this commune's or was already revoked, else the tablet session it ended (if it had one).
 */
export async function revokeTablet(
  db: Database,
  actor: AuditActor,
  input: { pairingId: string; organisationId: string },
  now: Date,
): Promise<{ endedSession: string | null } | null> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(schema.pairingCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(schema.pairingCodes.id, input.pairingId),
          eq(schema.pairingCodes.organisationId, input.organisationId),
          isNull(schema.pairingCodes.revokedAt),
        ),
      )
      .returning();
    if (!revoked) return null;
    if (revoked.sessionId)
      await tx.delete(schema.sessions).where(eq(schema.sessions.id, revoked.sessionId));
    const target = { type: 'pairing', id: revoked.id };
    const detail = { wasPaired: revoked.sessionId !== null };
    await recordAudit(tx, auditEntry(actor, 'pairing.revoke', target, detail));
    return { endedSession: revoked.sessionId };
  });
}

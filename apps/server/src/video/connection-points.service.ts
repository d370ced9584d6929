import { schema, type Database } from '@hopxa/db';
import {
  CONNECTION_POINT_CREDENTIAL_BYTES,
  type ConnectionPointSummary,
  type MeetingTarget,
} from '@hopxa/domain';
import type { ConnectionPointView, NewConnectionPointRequest } from '@hopxa/protocol';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { hashSecret } from '../auth/session-token.ts';
import { HttpError } from '../http/http-error.ts';

/** A point a credential was made for, while it is not revoked. */
export type CredentialHolder = ConnectionPointSummary & { readonly meetingId: string };

/** Every point of a meeting, revoked ones last, with the follower bound to each. */
export async function listConnectionPoints(
  db: Database,
  meetingId: string,
): Promise<ConnectionPointView[]> {
  const rows = await db
    .select({
      pointId: schema.connectionPoints.id,
      kind: schema.connectionPoints.kind,
      name: schema.connectionPoints.name,
      people: schema.connectionPoints.people,
      followerAccountId: schema.connectionPoints.followerAccountId,
      followerName: schema.accounts.displayName,
      createdAt: schema.connectionPoints.createdAt,
      revokedAt: schema.connectionPoints.revokedAt,
    })
    .from(schema.connectionPoints)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.connectionPoints.followerAccountId))
    .where(eq(schema.connectionPoints.meetingId, meetingId))
    .orderBy(asc(schema.connectionPoints.createdAt), asc(schema.connectionPoints.id));
  return rows
    .map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** The points of a meeting that are not revoked: what the program and the video may use. */
export async function livePoints(
  db: Database,
  meetingId: string,
): Promise<ConnectionPointSummary[]> {
  return db
    .select({
      pointId: schema.connectionPoints.id,
      kind: schema.connectionPoints.kind,
      name: schema.connectionPoints.name,
    })
    .from(schema.connectionPoints)
    .where(
      and(
        eq(schema.connectionPoints.meetingId, meetingId),
        isNull(schema.connectionPoints.revokedAt),
      ),
    )
    .orderBy(asc(schema.connectionPoints.createdAt), asc(schema.connectionPoints.id));
}

/** The follower accounts that may be bound to a point of this meeting: its commune's and province's. */
export async function followersFor(
  db: Database,
  target: MeetingTarget,
): Promise<{ accountId: string; displayName: string }[]> {
  const reach = target.provinceId
    ? or(
        eq(schema.accounts.organisationId, target.organisationId),
        eq(schema.accounts.organisationId, target.provinceId),
      )
    : eq(schema.accounts.organisationId, target.organisationId);
  return db
    .select({ accountId: schema.accounts.id, displayName: schema.accounts.displayName })
    .from(schema.accounts)
    .where(and(eq(schema.accounts.role, 'follower'), reach))
    .orderBy(asc(schema.accounts.displayName));
}

/**
 * Adds a point and makes its publish credential, returned this once: only its SHA-256 is
 * kept. A bound follower must be one who may follow this meeting.
 */
export async function addConnectionPoint(
  db: Database,
  actor: AuditActor,
  target: MeetingTarget,
  input: NewConnectionPointRequest,
): Promise<{ point: ConnectionPointView; credential: string }> {
  if (input.followerAccountId) {
    const allowed = await followersFor(db, target);
    if (!allowed.some((follower) => follower.accountId === input.followerAccountId))
      throw new HttpError(422, 'not_a_follower_here');
  }
  const credential = makeCredential();
  const point = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.connectionPoints)
      .values({
        meetingId: target.meetingId,
        kind: input.kind,
        name: input.name,
        people: input.people ?? '',
        followerAccountId: input.followerAccountId ?? null,
        credentialHash: hashSecret(credential),
      })
      .onConflictDoNothing({
        target: [schema.connectionPoints.meetingId, schema.connectionPoints.followerAccountId],
      })
      .returning();
    if (!row) throw new HttpError(409, 'follower_already_bound');
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'connection_point.create',
        { type: 'connection_point', id: row.id },
        {
          meetingId: target.meetingId,
          kind: row.kind,
          name: row.name,
          followerAccountId: row.followerAccountId,
        },
      ),
    );
    return row;
  });
  const [view] = (await listConnectionPoints(db, target.meetingId)).filter(
    (each) => each.pointId === point.id,
  );
  if (!view) throw new Error('connection point vanished');
  return { point: view, credential };
}

/**
 * Revokes a point: its credential stops working and its follower is unbound. Returns false
 * when it was already revoked (nothing changes).
 */
export async function revokeConnectionPoint(
  db: Database,
  actor: AuditActor,
  meetingId: string,
  pointId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ revokedAt: schema.connectionPoints.revokedAt, name: schema.connectionPoints.name })
      .from(schema.connectionPoints)
      .where(
        and(
          eq(schema.connectionPoints.id, pointId),
          eq(schema.connectionPoints.meetingId, meetingId),
        ),
      )
      .for('update');
    if (!row) throw new HttpError(404, 'not_found');
    if (row.revokedAt) return false;
    await tx
      .update(schema.connectionPoints)
      .set({ revokedAt: new Date(), followerAccountId: null })
      .where(eq(schema.connectionPoints.id, pointId));
    await recordAudit(
      tx,
      auditEntry(
        actor,
        'connection_point.revoke',
        { type: 'connection_point', id: pointId },
        { meetingId, name: row.name },
      ),
    );
    return true;
  });
}

/** The live point a presented credential belongs to, or null (unknown, revoked or malformed). */
export async function pointOfCredential(
  db: Database,
  credential: string,
): Promise<CredentialHolder | null> {
  if (!/^[a-z2-7]{20,100}$/.test(credential)) return null;
  const [row] = await db
    .select({
      pointId: schema.connectionPoints.id,
      meetingId: schema.connectionPoints.meetingId,
      kind: schema.connectionPoints.kind,
      name: schema.connectionPoints.name,
    })
    .from(schema.connectionPoints)
    .where(
      and(
        eq(schema.connectionPoints.credentialHash, hashSecret(credential)),
        isNull(schema.connectionPoints.revokedAt),
      ),
    );
  return row ?? null;
}

/** The points a follower account is bound to, one per meeting at most. */
export async function boundPoints(
  db: Database,
  accountId: string,
): Promise<{ meetingId: string; pointId: string; name: string }[]> {
  return db
    .select({
      meetingId: schema.connectionPoints.meetingId,
      pointId: schema.connectionPoints.id,
      name: schema.connectionPoints.name,
    })
    .from(schema.connectionPoints)
    .where(
      and(
        eq(schema.connectionPoints.followerAccountId, accountId),
        isNull(schema.connectionPoints.revokedAt),
      ),
    );
}

function makeCredential(): string {
  const bytes = new Uint8Array(CONNECTION_POINT_CREDENTIAL_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

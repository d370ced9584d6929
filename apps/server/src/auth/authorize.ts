import { schema, type Database } from '@hopxa/db';
import { can, type Action, type MeetingTarget, type Target } from '@hopxa/domain';
import type { Request } from 'express';
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { HttpError } from '../http/http-error.ts';
import type { RequestAuth } from './request-auth.ts';

/**
 * The one door every route passes: no session is a 401, a session whose actor `can` not do
 * `action` on `target` is a 403. Returns the caller's auth for the route to use.
 */
export function authorize(request: Request, action: Action, target: Target): RequestAuth {
  const auth = request.auth;
  if (!auth) throw new HttpError(401, 'unauthenticated');
  if (!can(auth.actor, action, target)) throw new HttpError(403, 'forbidden');
  return auth;
}

/** A signed-in caller, whatever their role (for their own session and profile). */
export function requireAuth(request: Request): RequestAuth {
  if (!request.auth) throw new HttpError(401, 'unauthenticated');
  return request.auth;
}

const parent = alias(schema.organisations, 'parent');

/** The commune (and its province) a permission is asked about; 404 when there is none. */
export async function organisationTarget(db: Database, organisationId: string): Promise<Target> {
  const [row] = await db
    .select({ id: schema.organisations.id, kind: schema.organisations.kind, parentId: parent.id })
    .from(schema.organisations)
    .leftJoin(parent, eq(parent.id, schema.organisations.parentId))
    .where(eq(schema.organisations.id, organisationId));
  if (!row || row.kind !== 'commune') throw new HttpError(404, 'not_found');
  return { organisationId: row.id, provinceId: row.parentId };
}

/** A province, for what is done there (its board, its accounts); 404 when there is none. */
export async function provinceTarget(db: Database, provinceId: string): Promise<Target> {
  const target = await findProvinceTarget(db, provinceId);
  if (!target) throw new HttpError(404, 'not_found');
  return target;
}

/** The province `organisationId` as a target, or null when it is no province. */
export async function findProvinceTarget(
  db: Database,
  organisationId: string,
): Promise<Target | null> {
  const [row] = await db
    .select({ id: schema.organisations.id, kind: schema.organisations.kind })
    .from(schema.organisations)
    .where(eq(schema.organisations.id, organisationId));
  // The stored id, as every other target has it: an id typed in capitals is the same province.
  return row?.kind === 'province' ? { organisationId: row.id, provinceId: null } : null;
}

export async function bodyTarget(
  db: Database,
  bodyId: string,
): Promise<Target & { bodyId: string }> {
  const [row] = await db
    .select({ organisationId: schema.bodies.organisationId })
    .from(schema.bodies)
    .where(eq(schema.bodies.id, bodyId));
  if (!row) throw new HttpError(404, 'not_found');
  return { ...(await organisationTarget(db, row.organisationId)), bodyId };
}

export async function meetingTarget(db: Database, meetingId: string): Promise<MeetingTarget> {
  const [row] = await db
    .select({ bodyId: schema.meetings.bodyId, bodyKind: schema.bodies.kind })
    .from(schema.meetings)
    .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
    .where(eq(schema.meetings.id, meetingId));
  if (!row) throw new HttpError(404, 'not_found');
  return { ...(await bodyTarget(db, row.bodyId)), meetingId, bodyKind: row.bodyKind };
}

import { membershipInForceOn, schema, type Database } from '@hopxa/db';
import type { Actor } from '@hopxa/domain';
import { vietnamDay } from '@hopxa/domain';
import { and, eq } from 'drizzle-orm';
import { boundPoints } from '../video/connection-points.service.ts';
import type { Account } from './session.service.ts';

/**
 * The permissions view of an account: its role, the seats and meeting roles of its person,
 * and for a follower the connection points it is bound to.
 */
export async function loadActor(db: Database, account: Account, now: Date): Promise<Actor> {
  const base = {
    accountId: account.id,
    role: account.role,
    personId: account.personId,
    displayName: account.displayName,
    organisationId: account.organisationId,
  };
  if (account.role === 'follower')
    return {
      ...base,
      memberships: [],
      meetingRoles: [],
      connectionPoints: await boundPoints(db, account.id),
    };
  if (account.personId === null) return { ...base, memberships: [], meetingRoles: [] };
  const today = vietnamDay(now);
  const [memberships, meetingRoles] = await Promise.all([
    db
      .select({ bodyId: schema.memberships.bodyId, votingRight: schema.memberships.votingRight })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.personId, account.personId), membershipInForceOn(today))),
    db
      .select({ meetingId: schema.meetingRoles.meetingId, role: schema.meetingRoles.role })
      .from(schema.meetingRoles)
      .where(eq(schema.meetingRoles.personId, account.personId)),
  ]);
  return { ...base, memberships, meetingRoles };
}

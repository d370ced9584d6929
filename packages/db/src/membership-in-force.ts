import { and, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import { memberships } from './schema/membership.table.ts';

/**
 * Memberships in force on `day` (yyyy-mm-dd): begun, and not yet ended. A member whose term
 * has ended keeps their history but no seat, vote or role.
 *
 * @example
 * db.select().from(schema.memberships).where(and(eq(schema.memberships.bodyId, id), membershipInForceOn('2026-01-05')))
 */
export function membershipInForceOn(day: string): SQL {
  return and(
    lte(memberships.startsOn, day),
    or(isNull(memberships.endsOn), gte(memberships.endsOn, day)),
  ) as SQL;
}

/**
 * Memberships with a vote in force on `day`: the members in office whom quorum and every
 * threshold count against (rule T2).
 */
export function inOfficeWithVoteOn(day: string): SQL {
  return and(membershipInForceOn(day), eq(memberships.votingRight, true)) as SQL;
}

import { schema, type Transaction } from '@hopxa/db';
import { peakInOffice, type TermOfOffice } from '@hopxa/domain';
import { and, eq, ne } from 'drizzle-orm';
import { HttpError } from '../http/http-error.ts';

/** The day a change to a body's members is checked on, and the language a refusal is told in. */
export type SizeCheck = { readonly today: string; readonly language: 'vi' | 'en' };

/**
 * Refuses a change to a body's members that would put more members with a vote in office on
 * any day from `today` on than its statutory size (rule T3): the terms `adding`, with the
 * membership `replacing` (if any) counted as its changed term instead. The caller holds the
 * body's row lock, so two changes cannot both fit the last place.
 */
export async function checkStatutorySize(
  tx: Transaction,
  body: { readonly id: string; readonly statutorySize: number },
  today: string,
  language: 'vi' | 'en',
  change: { readonly adding: readonly TermOfOffice[]; readonly replacing?: string },
): Promise<void> {
  const current = await tx
    .select({
      votingRight: schema.memberships.votingRight,
      startsOn: schema.memberships.startsOn,
      endsOn: schema.memberships.endsOn,
    })
    .from(schema.memberships)
    .where(
      and(
        eq(schema.memberships.bodyId, body.id),
        ...(change.replacing ? [ne(schema.memberships.id, change.replacing)] : []),
      ),
    );
  const peak = peakInOffice([...current, ...change.adding], today);
  if (peak <= body.statutorySize) return;
  const message =
    language === 'vi'
      ? `Sẽ có ${peak} thành viên có quyền biểu quyết đương nhiệm, vượt số lượng theo luật định là ${body.statutorySize}.`
      : `There would be ${peak} members with a vote in office, more than the statutory size of ${body.statutorySize}.`;
  throw new HttpError(409, 'over_statutory_size', [{ path: 'statutorySize', message }]);
}

/** Locks a body's row for a change to its members, and returns it. */
export async function lockBody(tx: Transaction, bodyId: string) {
  const [body] = await tx
    .select()
    .from(schema.bodies)
    .where(eq(schema.bodies.id, bodyId))
    .for('update');
  if (!body) throw new HttpError(404, 'not_found');
  return body;
}

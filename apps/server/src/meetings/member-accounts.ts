import { schema, type Database } from '@hopxa/db';
import { inArray } from 'drizzle-orm';

/** The accounts of these people (a member may have a tablet's and a password's). */
export async function memberAccounts(
  db: Database,
  personIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .select({ id: schema.accounts.id })
    .from(schema.accounts)
    .where(inArray(schema.accounts.personId, [...personIds]));
  return rows.map((row) => row.id);
}

import { schema, type Database } from '@hopxa/db';
import type { Actor } from '@hopxa/domain';
import { and, eq } from 'drizzle-orm';
import { loadActor } from '../auth/actor.service.ts';

/**
 * The secretariat of a commune as the server knows it, who convenes its meetings: for tests
 * and benchmarks that write a meeting's log directly.
 */
export async function secretariatOf(db: Database, communeId: string, now: Date): Promise<Actor> {
  const [office] = await db
    .select()
    .from(schema.accounts)
    .where(
      and(eq(schema.accounts.role, 'secretariat'), eq(schema.accounts.organisationId, communeId)),
    );
  if (!office) throw new Error('the commune has no secretariat');
  return loadActor(db, office, now);
}

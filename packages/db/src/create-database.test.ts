import { DEFAULT_BODY_RULES } from '@hopxa/domain';
import { describeEachDatabase } from './testing/describe-each-database.ts';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createDatabase } from './create-database.ts';
import * as schema from './schema/index.ts';

describeEachDatabase('migrations', (database) => {
  it('create every table, empty', async () => {
    const { db } = database.handle();
    for (const table of [
      schema.organisations,
      schema.bodies,
      schema.people,
      schema.memberships,
      schema.meetings,
      schema.agendaItems,
      schema.accounts,
      schema.appMeta,
      schema.sessions,
      schema.pairingCodes,
      schema.signInAttempts,
      schema.auditEvents,
      schema.meetingRoles,
    ]) {
      expect(await db.select({ n: count() }).from(table)).toEqual([{ n: 0 }]);
    }
  });

  it('apply on every start without harm, from several processes at once', async () => {
    // Only Postgres is shared between processes; a PGlite folder has one process at a time.
    const config = database.config();
    const others =
      config.driver === 'postgres'
        ? await Promise.all([createDatabase(config), createDatabase(config)])
        : [];
    try {
      await Promise.all([database.handle().migrate(), ...others.map((other) => other.migrate())]);
      await database.handle().ping();
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('enforce the rules of the schema in the database itself', async () => {
    const { db } = database.handle();
    const [organisation] = await db
      .insert(schema.organisations)
      .values({ kind: 'commune', code: 'test/x', name: 'Xã Thử' })
      .returning();
    await expect(
      db.insert(schema.bodies).values({
        organisationId: organisation?.id ?? '',
        kind: 'peoples_council',
        name: 'Hội đồng không ghế',
        statutorySize: 0,
        rules: DEFAULT_BODY_RULES.peoples_council,
      }),
    ).rejects.toThrow();
  });
});

// What a copy of the database's files holds of a secret ballot, before and after closing,
// read from the raw files of both databases.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rowsOf, schema, type Database } from '@hopxa/db';
import { describeEachDatabase, type TestDatabase } from '@hopxa/db/testing';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { buildWorld, type World } from '../test/fixtures.ts';
import { testKeys } from '../test/test-keys.ts';
import { castBallots, closeBox, countBox, openBox } from './ballot-box.ts';
import { BallotSeal } from './ballot-seal.ts';

/** The folder holding this database's own files (its tables, indexes, toast). */
async function databaseFolder(database: TestDatabase): Promise<string> {
  const db = database.handle().db;
  const [found] = rowsOf<{ oid: string }>(
    await db.execute(
      sql`select oid::text as oid from pg_database where datname = current_database()`,
    ),
  );
  const config = database.config();
  const root =
    config.driver === 'pglite'
      ? path.join(config.dataDir ?? '', 'pglite')
      : (rowsOf<{ data_directory: string }>(await db.execute(sql`show data_directory`))[0]
          ?.data_directory ?? '');
  return path.join(root, 'base', found?.oid ?? '');
}

/** Every file under `folder`, read whole. */
function filesUnder(folder: string): Buffer[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)));
}

describeEachDatabase(
  'a secret ballot in the database files',
  (database) => {
    const db = (): Database => database.handle().db;
    const seal = new BallotSeal(testKeys.seal);
    let world: World;
    const voters: string[] = [];

    beforeAll(async () => {
      world = await buildWorld(db(), new Date());
      for (let index = 0; index < 6; index += 1) {
        const [person] = await db()
          .insert(schema.people)
          .values({ fullName: `Cử Tri Thử ${index}` })
          .returning();
        voters.push(person?.id ?? '');
      }
    });

    it('V16 pairs no participation with a sealed ballot while open, and leaves no sealed ballot, live or dead, in the files once closed', async () => {
      const box = { meetingId: world.meetingId, pollId: randomUUID(), secret: true, seats: 0 };
      const table = sql.identifier(`sealed_ballots_${box.pollId.replaceAll('-', '')}`);
      expect(await openBox(db(), box)).toBe(true);
      const choices = ['in_favour', 'against', 'not_voting'] as const;
      // Two batches, as a storm would bring them, then a lone late voter.
      for (const batch of [voters.slice(0, 3), voters.slice(3, 5), voters.slice(5)]) {
        const result = await castBallots(
          db(),
          seal,
          box,
          batch.map((personId, index) => ({
            personId,
            castId: randomUUID(),
            ballot: { kind: 'motion', choice: choices[index % 3] ?? 'in_favour' },
            enteredBy: null,
          })),
        );
        expect(result.outcomes.every((outcome) => outcome === 'recorded')).toBe(true);
      }

      // Open: the participation rows and the sealed ballots share no transaction id.
      const participation = rowsOf<{ xmin: string }>(
        await db().execute(
          sql`select xmin::text as xmin from poll_voters where poll_id = ${box.pollId}`,
        ),
      );
      const sealed = rowsOf<{ xmin: string; sealed: Uint8Array }>(
        await db().execute(sql`select xmin::text as xmin, sealed from ${table}`),
      );
      expect(participation).toHaveLength(6);
      expect(sealed).toHaveLength(6);
      const participationIds = new Set(participation.map((row) => row.xmin));
      expect(sealed.filter((row) => participationIds.has(row.xmin))).toEqual([]);

      // The sealed ballots are in the files while the poll is open (so the scan sees them)...
      await db().execute(sql`checkpoint`);
      const folder = await databaseFolder(database);
      const ciphertexts = sealed.map((row) => Buffer.from(row.sealed));
      const inFiles = (files: Buffer[]) =>
        ciphertexts.filter((ciphertext) => files.some((file) => file.includes(ciphertext)));
      expect(inFiles(filesUnder(folder))).toHaveLength(6);

      // ...and gone from them, dead rows too, once it is closed and counted.
      await closeBox(db(), box.pollId);
      const count = await countBox(db(), seal, box);
      expect(count.tally).toEqual({ inFavour: 3, against: 2, notVoting: 1 });
      await db().execute(sql`checkpoint`);
      expect(inFiles(filesUnder(folder))).toEqual([]);
      const left = rowsOf<{ here: boolean }>(
        await db().execute(
          sql`select to_regclass(${`sealed_ballots_${box.pollId.replaceAll('-', '')}`}) is not null as here`,
        ),
      );
      expect(left).toEqual([{ here: false }]);
      // The opened ballots were written together: one transaction, no order of arrival.
      const opened = rowsOf<{ xmin: string }>(
        await db().execute(
          sql`select xmin::text as xmin from secret_ballots where poll_id = ${box.pollId}`,
        ),
      );
      expect(opened).toHaveLength(6);
      expect(new Set(opened.map((row) => row.xmin)).size).toBe(1);
      expect(participationIds.has(opened[0]?.xmin ?? '')).toBe(false);

      // No copy of the files holds the key that sealed them.
      const keys = [testKeys.seal, Buffer.from(testKeys.seal.toString('hex'))];
      expect(filesUnder(folder).filter((file) => keys.some((key) => file.includes(key)))).toEqual(
        [],
      );
    });
  },
  { onDisk: true },
);

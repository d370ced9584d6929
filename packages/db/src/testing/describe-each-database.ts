import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type DatabaseConfig, type DatabaseHandle } from '../create-database.ts';

export type TestDatabase = {
  /** The migrated database; fresh for each describe block. */
  readonly handle: () => DatabaseHandle;
  /** How a server process would reach the same database. */
  readonly config: () => DatabaseConfig;
};

/**
 * Runs the same suite on embedded PGlite (always) and on real Postgres (when DATABASE_URL
 * is set, and required in CI), each in a database of its own that is dropped afterwards.
 *
 * @example
 * describeEachDatabase('seed', (database) => {
 *   it('applies once', async () => { const { db } = database.handle(); ... });
 * });
 */
export function describeEachDatabase(
  title: string,
  body: (database: TestDatabase) => void,
  /** `onDisk`: PGlite keeps its files in a folder of its own (for tests that read them). */
  options: { readonly onDisk?: boolean } = {},
): void {
  describeWithDatabase('pglite', `${title} [PGlite]`, body, options);
  describeWithService('postgres', `${title} [Postgres]`, () =>
    describeWithDatabase('postgres', '', body, options),
  );
}

function describeWithDatabase(
  driver: DatabaseConfig['driver'],
  title: string,
  body: (database: TestDatabase) => void,
  options: { readonly onDisk?: boolean },
): void {
  let handle: DatabaseHandle | undefined;
  let config: DatabaseConfig | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (driver === 'postgres') {
      const throwaway = await createThrowawayPostgres(process.env.DATABASE_URL ?? '');
      config = { driver: 'postgres', url: throwaway.url, maxConnections: 4 };
      drop = throwaway.drop;
    } else if (options.onDisk) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-pglite-'));
      config = { driver: 'pglite', dataDir };
      drop = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    } else {
      config = { driver: 'pglite' };
    }
    handle = await createDatabase(config);
    await handle.migrate();
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });
  const database: TestDatabase = {
    handle: () => handle ?? fail('database not open yet'),
    config: () => config ?? fail('database not open yet'),
  };
  // An empty title nests nothing: the Postgres block already has its describe.
  if (title === '') body(database);
  else describe(title, () => body(database));
}

function fail(message: string): never {
  throw new Error(message);
}

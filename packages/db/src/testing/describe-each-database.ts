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
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  describeWithDatabase('pglite', `${title} [PGlite]`, body);
  describeWithService('postgres', `${title} [Postgres]`, () =>
    describeWithDatabase('postgres', '', body),
  );
}

function describeWithDatabase(
  driver: DatabaseConfig['driver'],
  title: string,
  body: (database: TestDatabase) => void,
): void {
  let handle: DatabaseHandle | undefined;
  let config: DatabaseConfig | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (driver === 'postgres') {
      const throwaway = await createThrowawayPostgres(process.env.DATABASE_URL ?? '');
      config = { driver: 'postgres', url: throwaway.url, maxConnections: 4 };
      drop = throwaway.drop;
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

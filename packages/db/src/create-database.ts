import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;

/** The one typed handle both drivers give: write queries against this, never the driver. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** The handle inside `db.transaction(...)`: for work that must commit with its caller's. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseConfig =
  /** Embedded PGlite; in memory when `dataDir` is left out (tests). */
  | { readonly driver: 'pglite'; readonly dataDir?: string }
  /** A real Postgres server through postgres.js. */
  | { readonly driver: 'postgres'; readonly url: string; readonly maxConnections?: number };

export type DatabaseHandle = {
  readonly db: Database;
  readonly driver: DatabaseConfig['driver'];
  /** Applies pending migrations; safe to call from several processes at once. */
  readonly migrate: () => Promise<void>;
  /** Resolves when the database answers a query. */
  readonly ping: () => Promise<void>;
  readonly close: () => Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

// Any constant works; it only has to be the same in every process of this system.
const MIGRATION_LOCK_KEY = 740_128_001;

/**
 * Opens the database described by `config`. For PGlite on disk it first takes the data
 * folder's lock, so a second process on the same folder refuses instead of corrupting it.
 *
 * @example
 * const database = await createDatabase({ driver: 'pglite', dataDir: './data' });
 * await database.migrate();
 * await database.close();
 */
export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.driver === 'pglite' ? openPglite(config.dataDir) : openPostgres(config);
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const lock: DataDirLock | undefined = dataDir === undefined ? undefined : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client =
      dataDir === undefined
        ? await PGlite.create()
        : await PGlite.create(path.join(dataDir, 'pglite'));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client, schema });
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(config: {
  url: string;
  maxConnections?: number;
}): Promise<DatabaseHandle> {
  const client = postgres(config.url, {
    max: config.maxConnections ?? 10,
    connect_timeout: 10,
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client, schema });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  }
  return {
    db,
    driver: 'postgres',
    migrate: async () => {
      // One connection holds an advisory lock while it migrates, so processes starting
      // together take turns instead of racing to create the same tables.
      const single = postgres(config.url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The rows of a raw `db.execute`, from either driver: postgres.js answers with the rows,
 * PGlite with an object holding them.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Postgres' error code (e.g. '23505', unique_violation), however deep driver and drizzle wrapped it. */
export function postgresErrorCode(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Whether the database refused the data itself (a class 22 "data exception": a character it
 * cannot store, a number out of range): the sender's mistake, not worth a retry.
 */
export function isDataRefused(error: unknown): boolean {
  return postgresErrorCode(error)?.startsWith('22') === true;
}

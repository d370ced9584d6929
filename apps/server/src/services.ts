import path from 'node:path';
import { createDatabase, type DatabaseHandle } from '@hopxa/db';
import { createClient } from 'redis';
import type { Env } from './env.ts';
import type { ReadinessCheck } from './health.routes.ts';
import type { Logger } from './logger.ts';
import { seedDemo } from './seed/demo-seed.ts';
import {
  checkServerKey,
  deriveServerKeys,
  loadServerSecret,
  type ServerKeys,
} from './server-key.ts';
import { describeConnectionFailure } from './startup-error.ts';

export type Services = {
  readonly database: DatabaseHandle;
  /** The keys made from the server's secret, which is never in the database or its folder. */
  readonly keys: ServerKeys;
  /** Redis when REDIS_URL is set: Socket.IO's adapter shares rooms through it across processes. */
  readonly redis: RedisClient | undefined;
  readonly readinessChecks: readonly ReadinessCheck[];
  /** Where the data lives, for the start banner. */
  readonly storage: string;
  readonly close: () => Promise<void>;
};

/**
 * Opens what the server stands on: the database (migrated, and seeded once with the demo
 * ward when SEED_DEMO is on) and Redis when REDIS_URL is set. On any failure it closes what
 * it opened, so the data folder's lock is never left behind by a failed start.
 */
export async function openServices(env: Env, logger: Logger): Promise<Services> {
  const opened: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of opened.reverse()) await close();
  };
  try {
    const database = await openDatabase(env);
    opened.push(() => database.close());
    await database.migrate();
    const keys = deriveServerKeys(
      loadServerSecret({
        key: env.SERVER_KEY,
        keyFile: env.SERVER_KEY_FILE,
        dataDir: env.DATA_DIR,
      }),
    );
    await checkServerKey(database.db, keys);
    if (env.SEED_DEMO && (await seedDemo(database.db))) logger.info('demo data seeded');

    const readinessChecks: ReadinessCheck[] = [{ name: 'database', check: database.ping }];
    let redis: RedisClient | undefined;
    if (env.REDIS_URL) {
      const client = await openRedis(env.REDIS_URL, logger);
      redis = client;
      opened.push(async () => {
        await client.quit();
      });
      readinessChecks.push({ name: 'redis', check: async () => void (await client.ping()) });
    }
    return {
      database,
      keys,
      redis,
      readinessChecks,
      storage: env.DATABASE_URL
        ? `Postgres ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname}`
        : `PGlite ${path.resolve(env.DATA_DIR)}`,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The database the environment names: Postgres at DATABASE_URL, else PGlite in DATA_DIR. */
export async function openDatabase(env: Env): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) return createDatabase({ driver: 'pglite', dataDir: env.DATA_DIR });
  try {
    return await createDatabase({ driver: 'postgres', url: env.DATABASE_URL });
  } catch (error) {
    throw describeConnectionFailure('Postgres', env.DATABASE_URL, error);
  }
}

export type RedisClient = Awaited<ReturnType<typeof openRedis>>;

async function openRedis(url: string, logger: Logger) {
  // Give up on the first failed connect at start; once running, reconnect with backoff.
  let started = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries) => (started ? Math.min(retries * 200, 5000) : false),
    },
  });
  client.on('error', (error: Error) => {
    if (started) logger.warn({ err: error }, 'redis connection problem');
  });
  try {
    await client.connect();
  } catch (error) {
    throw describeConnectionFailure('Redis', url, error);
  }
  started = true;
  return client;
}

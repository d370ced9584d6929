import fs from 'node:fs';
import { createDatabase, schema, type DatabaseConfig } from '@hopxa/db';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLog } from './meetings/event-log.ts';
import { demoCouncilTablets } from './test/demo-council.ts';
import { stateHash, until } from './test/realtime-harness.ts';
import {
  freePort,
  killLeftoverServers,
  startServerProcess,
  temporaryDataDir,
} from './test/server-process.ts';
import { testKeys } from './test/test-keys.ts';

// A test that timed out between the kill and the restart leaves no server behind.
afterEach(killLeftoverServers);

const DELEGATES = 12;
const COMMANDS_EACH = 15;

/**
 * Tablets send commands while the server is killed with SIGKILL and started again on the
 * same port and data: every acknowledged command must be in the log exactly once, and every
 * tablet must end with the server's state.
 */
async function crashDuringCommands(
  env: Record<string, string>,
  database: DatabaseConfig,
): Promise<void> {
  const port = String(await freePort());
  let server = await startServerProcess({ ...env, PORT: port });
  const base = server.url;
  const { meetingId, presidingId, memberIds, tablet, convene } = await demoCouncilTablets(base);
  const presiding = await tablet(presidingId);
  const delegates = await Promise.all(
    memberIds
      .filter((personId) => personId !== presidingId)
      .slice(0, DELEGATES)
      .map((personId) => tablet(personId)),
  );
  const clients = [presiding, ...delegates];
  try {
    // The roll call of a convened meeting: check-ins from every tablet, through the crash.
    await convene();

    const acknowledged: string[] = [];
    const load = Promise.all(
      delegates.map(async (client, index) => {
        for (let turn = 0; turn < COMMANDS_EACH; turn += 1) {
          const commandId = crypto.randomUUID();
          const status = turn % 2 ? 'present_in_hall' : 'present_online';
          const answer = await client.send(
            {
              type: 'check_in',
              status,
              ...(status === 'present_online' && { connectionPoint: `Điểm cầu ${index}` }),
            },
            commandId,
          );
          if (answer.ok) acknowledged.push(commandId);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const killed = await server.stop('SIGKILL');
    expect(killed.code).toBeNull();
    server = await startServerProcess({ ...env, PORT: port });
    await load;
    expect(acknowledged).toHaveLength(DELEGATES * COMMANDS_EACH);

    // Every tablet resynchronises to what a fresh join of the restarted server gives.
    const fresh = await tablet(presidingId);
    clients.push(fresh);
    const truth = fresh.state;
    const states = await Promise.all(
      clients.map((client) => until(client, (state) => state.seq >= (truth?.seq ?? 0))),
    );
    expect(new Set(states.map(stateHash))).toEqual(new Set([stateHash(truth)]));
  } finally {
    for (const client of clients) client.stop();
    expect((await server.stop()).code).toBe(0);
  }

  // With the server stopped, read its log: each acknowledged command exactly once, chain intact.
  const handle = await createDatabase(database);
  try {
    expect(await verifyLog(handle.db, testKeys.log, meetingId)).toMatchObject({ ok: true });
    const perCommand = await handle.db
      .select({ commandId: schema.meetingEvents.commandId, n: count() })
      .from(schema.meetingEvents)
      .where(eq(schema.meetingEvents.meetingId, meetingId))
      .groupBy(schema.meetingEvents.commandId);
    expect(perCommand.every((row) => row.n === 1)).toBe(true);
    expect(perCommand).toHaveLength(1 + DELEGATES * COMMANDS_EACH);
  } finally {
    await handle.close();
  }
}

describe('a crash in the middle of a sitting [PGlite]', () => {
  it('SIGKILL while tablets send: every acknowledged command is in the log once, every tablet resyncs', async () => {
    const dataDir = temporaryDataDir();
    try {
      await crashDuringCommands({ DATA_DIR: dataDir }, { driver: 'pglite', dataDir });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWithService('postgres', 'a crash in the middle of a sitting [Postgres]', (postgresUrl) => {
  it('SIGKILL while tablets send: every acknowledged command is in the log once, every tablet resyncs', async () => {
    const database = await createThrowawayPostgres(postgresUrl);
    try {
      await crashDuringCommands(
        { DATABASE_URL: database.url },
        { driver: 'postgres', url: database.url },
      );
    } finally {
      await database.drop();
    }
  });
});

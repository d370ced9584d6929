import { overviewSchema } from '@hopxa/protocol';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './test/server-process.ts';

describeWithService('postgres', 'several server processes on one Postgres', (postgresUrl) => {
  describeWithService('redis', 'and one Redis', (redisUrl) => {
    let drop: () => Promise<void>;
    let servers: ServerProcess[] = [];

    beforeAll(async () => {
      const database = await createThrowawayPostgres(postgresUrl);
      drop = database.drop;
      // Started at the same moment: both migrate and seed the same empty database.
      servers = await Promise.all(
        [1, 2].map(() => startServerProcess({ DATABASE_URL: database.url, REDIS_URL: redisUrl })),
      );
    });
    afterAll(async () => {
      const stopped = await Promise.all(servers.map((server) => server.stop()));
      await drop?.();
      expect(stopped.map((result) => result.code)).toEqual([0, 0]);
    });

    it('are each ready, with the database and Redis answering', async () => {
      for (const server of servers) {
        const response = await fetch(`${server.url}/readyz`);
        expect(await response.json()).toEqual({
          status: 'ok',
          checks: { database: 'ok', redis: 'ok' },
        });
      }
    });

    it('seed the demo ward exactly once between them and serve the same data', async () => {
      const seeded = servers.filter((server) => server.output().includes('demo data seeded'));
      expect(seeded).toHaveLength(1);
      const overviews = await Promise.all(
        servers.map(async (server) =>
          overviewSchema.parse(await (await fetch(`${server.url}/api/overview`)).json()),
        ),
      );
      expect(overviews[0]).toEqual(overviews[1]);
      expect(overviews[0]?.communes).toHaveLength(1);
      expect(overviews[0]?.communes[0]?.bodies.map((body) => body.memberCount)).toEqual([
        30, 9, 33, 45,
      ]);
    });
  });
});

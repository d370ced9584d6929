import { MeetingClient } from '@hopxa/client';
import { createDatabase } from '@hopxa/db';
import type { MeetingState } from '@hopxa/domain';
import {
  overviewSchema,
  type MeetingDetail,
  type MembersResponse,
  type SetupOverview,
} from '@hopxa/protocol';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLog } from './meetings/event-log.ts';
import { DEMO_ACCOUNT } from './seed/demo-commune.ts';
import { getOver, pairTabletOver, signInOver } from './test/http-session.ts';
import { stateHash } from './test/realtime-harness.ts';
import { startServerProcess, type ServerProcess } from './test/server-process.ts';

describeWithService('postgres', 'several server processes on one Postgres', (postgresUrl) => {
  describeWithService('redis', 'and one Redis', (redisUrl) => {
    let drop: () => Promise<void>;
    let databaseUrl: string;
    let servers: ServerProcess[] = [];

    beforeAll(async () => {
      const database = await createThrowawayPostgres(postgresUrl);
      drop = database.drop;
      databaseUrl = database.url;
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

    it('keep one meeting gapless and identical on clients of both processes', async () => {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      const office = await signInOver(a, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
      const overview = overviewSchema.parse(await (await fetch(`${a}/api/overview`)).json());
      const communeId = overview.communes[0]?.id ?? '';
      const setup = await getOver<SetupOverview>(
        a,
        `/api/organisations/${communeId}/setup`,
        office,
      );
      const council = setup.bodies.find((body) => body.kind === 'peoples_council');
      const meeting = setup.meetings.find((candidate) => candidate.bodyId === council?.id);
      const detail = await getOver<MeetingDetail>(a, `/api/meetings/${meeting?.id}`, office);
      const { members } = await getOver<MembersResponse>(
        a,
        `/api/bodies/${council?.id}/members`,
        office,
      );
      const presidingId =
        detail.roles.find((role) => role.role === 'presiding_officer')?.personId ?? '';
      const delegates = members.filter((member) => member.personId !== presidingId).slice(0, 10);

      // The presiding officer's tablet on process A; the delegates' tablets alternate A and B.
      const tablet = async (base: string, personId: string) => {
        const cookie = await pairTabletOver(base, office, council?.id ?? '', personId);
        const client = new MeetingClient(base, meeting?.id ?? '', { headers: { cookie } });
        await client.start();
        return client;
      };
      const presiding = await tablet(a, presidingId);
      const clients = await Promise.all(
        delegates.map((delegate, index) => tablet(index % 2 ? b : a, delegate.personId)),
      );
      try {
        expect((await presiding.send({ type: 'open_sitting' })).ok).toBe(true);
        const answers = await Promise.all(
          clients.flatMap((client) => [
            client.send({ type: 'check_in', status: 'present_in_hall' }),
            client.send({ type: 'request_floor', requestId: crypto.randomUUID() }),
          ]),
        );
        const seqs = answers.map((answer) => (answer.ok ? answer.seq : -1)).sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));

        const last = 21;
        const reached = (client: MeetingClient) =>
          new Promise<MeetingState>((resolve) => {
            if (client.state?.seq === last) return resolve(client.state);
            const stop = client.subscribe((state) => {
              if (state.seq === last) {
                stop();
                resolve(state);
              }
            });
          });
        const states = await Promise.all([presiding, ...clients].map(reached));
        expect(new Set(states.map(stateHash)).size).toBe(1);
        expect(states[0]?.queue).toHaveLength(10);

        const database = await createDatabase({ driver: 'postgres', url: databaseUrl });
        try {
          expect(await verifyLog(database.db, meeting?.id ?? '')).toEqual({
            ok: true,
            events: last,
          });
        } finally {
          await database.close();
        }
      } finally {
        for (const client of [presiding, ...clients]) client.stop();
      }
    });
  });
});

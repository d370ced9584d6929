import type { MeetingClient } from '@hopxa/client';
import { createDatabase } from '@hopxa/db';
import { overviewSchema } from '@hopxa/protocol';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLog } from './meetings/event-log.ts';
import { demoCouncilTablets } from './test/demo-council.ts';
import { stateHash, until } from './test/realtime-harness.ts';
import { startServerProcess, type ServerProcess } from './test/server-process.ts';
import { testKeys } from './test/test-keys.ts';
import { getOver, postOver, signInOver } from './test/http-session.ts';
import { boardViewer } from './board/board-viewer.ts';
import { DEMO_COMMUNE, DEMO_FOLLOWER } from './seed/demo-commune.ts';
import { DEMO_OTHER_COMMUNES } from './seed/demo-province.ts';
import type { SittingSummary } from '@hopxa/domain';
import { TestPublisher, TestViewer } from '@hopxa/sfu/testing';

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
      expect(overviews[0]?.communes).toHaveLength(1 + DEMO_OTHER_COMMUNES.length);
      expect(overviews[0]?.communes[0]?.name).toBe(DEMO_COMMUNE.name);
      expect(overviews[0]?.communes[0]?.bodies.map((body) => body.membersInOffice)).toEqual([
        30, 9, 33, 45,
      ]);
    });

    it('keep one meeting gapless and identical on clients of both processes', async () => {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      const { meetingId, presidingId, memberIds, tablet, convene } = await demoCouncilTablets(a);
      const delegates = memberIds.filter((personId) => personId !== presidingId).slice(0, 10);

      // The presiding officer's tablet on process A; the delegates' tablets alternate A and B.
      const presiding = await tablet(presidingId);
      const clients = await Promise.all(
        delegates.map((personId, index) => tablet(personId, index % 2 ? b : a)),
      );
      try {
        await convene();
        // The roll call: each tablet checks in twice at once, in the hall and online.
        const answers = await Promise.all(
          clients.flatMap((client) => [
            client.send({ type: 'check_in', status: 'present_in_hall' }),
            client.send({
              type: 'check_in',
              status: 'present_online',
              connectionPoint: 'Tổ dân phố 1',
            }),
          ]),
        );
        const seqs = answers.map((answer) => (answer.ok ? answer.seq : -1)).sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));

        const last = 21;
        const states = await Promise.all(
          [presiding, ...clients].map((client) => until(client, (state) => state.seq === last)),
        );
        expect(new Set(states.map(stateHash)).size).toBe(1);
        expect(
          delegates.filter((personId) =>
            ['present_in_hall', 'present_online'].includes(
              states[0]?.attendance[personId]?.status ?? '',
            ),
          ),
        ).toHaveLength(10);

        const database = await createDatabase({ driver: 'postgres', url: databaseUrl });
        try {
          expect(await verifyLog(database.db, testKeys.log, meetingId)).toEqual({
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

    it('count a secret ballot cast through both processes once, and show every client the same result', async () => {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      const { presidingId, memberIds, tablet } = await demoCouncilTablets(a);
      // The ten from the test before are checked in; ten more make quorum (20 of 30), and the
      // sitting opens.
      const voterIds = memberIds.filter((personId) => personId !== presidingId).slice(0, 20);
      const presiding = await tablet(presidingId, b);
      const voters = await Promise.all(
        voterIds.map((personId, index) => tablet(personId, index % 2 ? b : a)),
      );
      try {
        await Promise.all(
          voters.slice(10).map((client) =>
            client.send({
              type: 'check_in',
              status: 'present_online',
              connectionPoint: 'Tổ dân phố 2',
            }),
          ),
        );
        expect((await presiding.send({ type: 'open_sitting' })).ok).toBe(true);
        const itemId = presiding.state?.agenda[0]?.id ?? '';
        expect((await presiding.send({ type: 'set_current_item', itemId })).ok).toBe(true);
        expect(
          (await presiding.send({ type: 'appoint_tellers', personIds: voterIds.slice(0, 2) })).ok,
        ).toBe(true);
        const pollId = crypto.randomUUID();
        expect(
          (
            await presiding.send({
              type: 'open_poll',
              pollId,
              kind: 'secret_ballot',
              title: 'Nghị quyết về quy chế làm việc',
            })
          ).ok,
        ).toBe(true);
        await Promise.all(
          voters.map((client) =>
            until(client, (state) => state.polls.some((poll) => poll.pollId === pollId)),
          ),
        );
        const cast = await Promise.all(
          voters.map((client, index) =>
            client.cast(pollId, { kind: 'motion', choice: index < 14 ? 'in_favour' : 'against' }),
          ),
        );
        expect(cast.every(({ answer }) => answer.ok)).toBe(true);
        expect((await presiding.send({ type: 'close_poll', pollId })).ok).toBe(true);
        const closed = (client: MeetingClient) =>
          until(client, (state) =>
            state.polls.some((poll) => poll.pollId === pollId && poll.status === 'closed'),
          );
        const states = await Promise.all([presiding, ...voters].map(closed));
        expect(new Set(states.map(stateHash)).size).toBe(1);
        expect(states[0]?.polls.find((poll) => poll.pollId === pollId)?.result).toMatchObject({
          returned: 20,
          tally: { inFavour: 14, against: 6, notVoting: 0 },
          outcome: 'failed', // 14 of 30 seats is not more than half
        });
      } finally {
        for (const client of [presiding, ...voters]) client.stop();
      }
    });

    it("carry a point's video to a viewer on the other process, and cut it when the other revokes it", async () => {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      const { meetingId, office, memberIds, tablet } = await demoCouncilTablets(a);
      const points = `/api/meetings/${meetingId}/connection-points`;
      const hall = await postOver<{ point: { pointId: string }; credential: string }>(
        b,
        points,
        { kind: 'hall', name: 'Hội trường' },
        office,
      );
      // The point publishes through process A, a delegate watches through process B.
      const publishing = await tablet(memberIds[1] ?? '', a);
      const watching = await tablet(memberIds[2] ?? '', b);
      const publisher = await TestPublisher.create();
      const viewer = await TestViewer.create();
      try {
        const published = await publishing.socket.emitWithAck('video:publish', {
          meetingId,
          credential: hall.credential,
          offer: publisher.offer,
        });
        if (!published.ok) throw new Error(published.error.code);
        await publisher.accept(published.data.answer);
        publisher.startSending();
        const watched = await watching.socket.emitWithAck('video:watch', {
          meetingId,
          source: { kind: 'point', pointId: hall.point.pointId },
          quality: 'high',
          offer: viewer.offer,
        });
        if (!watched.ok) throw new Error(watched.error.code);
        await viewer.accept(watched.data.answer);
        await viewer.waitFor(() => viewer.received.video.length > 20, 'the point’s packets');
        // Revoked through process B: the publisher on process A is told, at once.
        const ended = new Promise((resolve) => publishing.socket.once('video:ended', resolve));
        await postOver(b, `${points}/${hall.point.pointId}/revoke`, {}, office);
        expect(await ended).toMatchObject({
          reason: 'revoked',
          sessionId: published.data.sessionId,
        });
      } finally {
        publisher.close();
        viewer.close();
        publishing.stop();
        watching.stop();
      }
    });

    it("show a province board on one process what happens on the other: the item under way, a point's line dropped and back", async () => {
      const [a, b] = servers.map((server) => server.url) as [string, string];
      const { meetingId, office, presidingId, memberIds, tablet } = await demoCouncilTablets(a);
      const follower = await signInOver(b, DEMO_FOLLOWER.username, DEMO_FOLLOWER.password);
      const { account } = await getOver<{ account: { organisationId: string } }>(
        b,
        '/api/auth/me',
        follower,
      );
      const board = await boardViewer(b, follower);
      const presiding = await tablet(presidingId, a);
      const publishing = await tablet(memberIds[3] ?? '', a);
      const publisher = await TestPublisher.create();
      try {
        const joined = await board.join(account.organisationId);
        if (!joined.ok) throw new Error(joined.error.code);
        // Read from the log by process B, written by both.
        expect(joined.data.sittings.find((each) => each.meetingId === meetingId)).toMatchObject({
          status: 'open',
          quorumReached: true,
        });
        const mine = (each: SittingSummary) => each.meetingId === meetingId;
        const next = presiding.state?.agenda.find((item) => item.status === 'pending');
        if (!next) throw new Error('no item left to take up');
        expect(await presiding.send({ type: 'set_current_item', itemId: next.id })).toMatchObject({
          ok: true,
        });
        await board.until((each) => mine(each) && each.currentItem === next.title);

        // A point publishes through process A and goes silent: B's board says so.
        const points = `/api/meetings/${meetingId}/connection-points`;
        const hamlet = await postOver<{ point: { pointId: string }; credential: string }>(
          a,
          points,
          { kind: 'commune', name: 'Nhà văn hóa thôn 3' },
          office,
        );
        const published = await publishing.socket.emitWithAck('video:publish', {
          meetingId,
          credential: hamlet.credential,
          offer: publisher.offer,
        });
        if (!published.ok) throw new Error(published.error.code);
        await publisher.accept(published.data.answer);
        publisher.startSending();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        publisher.stopSending();
        await board.until((each) => mine(each) && each.alerts.includes('point_down'));
        // Revoked, it is no longer the sitting's point: the alert clears.
        await postOver(b, `${points}/${hamlet.point.pointId}/revoke`, {}, office);
        await board.until(
          (each) => mine(each) && each.pointsDown === 0 && !each.alerts.includes('point_down'),
        );
      } finally {
        publisher.close();
        board.stop();
        presiding.stop();
        publishing.stop();
      }
    }, 60_000);
  });
});

import fs from 'node:fs';
import type { MeetingClient } from '@hopxa/client';
import type { MotionChoice } from '@hopxa/domain';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCouncilTablets } from '../test/demo-council.ts';
import { until } from '../test/realtime-harness.ts';
import {
  freePort,
  killLeftoverServers,
  startServerProcess,
  temporaryDataDir,
} from '../test/server-process.ts';

// A test that timed out between the kill and the restart leaves no server behind.
afterEach(killLeftoverServers);

/** Enough of the demo council's 30 seats present for quorum (20). */
const VOTERS = 22;
const CHOICES: readonly MotionChoice[] = ['in_favour', 'against', 'not_voting'];

/**
 * A secret ballot while the server is killed with SIGKILL and started again on the same
 * port and data: every acknowledged ballot is counted exactly once (each receipt finds its
 * ballot), and a refused one is nowhere in the count.
 */
async function crashDuringVote(env: Record<string, string>): Promise<void> {
  const port = String(await freePort());
  let server = await startServerProcess({ ...env, PORT: port });
  const { presidingId, memberIds, tablet, convene } = await demoCouncilTablets(server.url);
  const presiding = await tablet(presidingId);
  const voters = await Promise.all(
    memberIds
      .filter((personId) => personId !== presidingId)
      .slice(0, VOTERS)
      .map(async (personId) => ({ personId, client: await tablet(personId) })),
  );
  const clients: MeetingClient[] = [presiding, ...voters.map((voter) => voter.client)];
  const pollId = crypto.randomUUID();
  try {
    await convene();
    await Promise.all(
      voters.map((voter) => voter.client.send({ type: 'check_in', status: 'present_in_hall' })),
    );
    expect((await presiding.send({ type: 'open_sitting' })).ok).toBe(true);
    const itemId = (await until(presiding, (state) => state.agenda.length > 0)).agenda[0]?.id;
    expect((await presiding.send({ type: 'set_current_item', itemId: itemId ?? '' })).ok).toBe(
      true,
    );
    const tellers = voters.slice(0, 2).map((voter) => voter.personId);
    expect((await presiding.send({ type: 'appoint_tellers', personIds: tellers })).ok).toBe(true);
    const opened = await presiding.send({
      type: 'open_poll',
      pollId,
      kind: 'secret_ballot',
      title: 'Nghị quyết về kế hoạch tổ chức kỳ họp',
    });
    expect(opened.ok).toBe(true);
    await Promise.all(
      voters.map((voter) =>
        until(voter.client, (state) => state.polls.some((poll) => poll.pollId === pollId)),
      ),
    );

    const storm = Promise.all(
      voters.map(async (voter, index) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
        const choice = CHOICES[index % CHOICES.length] ?? 'in_favour';
        const { answer } = await voter.client.cast(pollId, { kind: 'motion', choice });
        return { answer, receipt: (answer.ok ? answer.data.receipt : null) ?? '', choice };
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await server.stop('SIGKILL')).code).toBeNull();
    server = await startServerProcess({ ...env, PORT: port });
    const cast = await storm;
    expect(cast.map(({ answer }) => answer.ok)).toEqual(voters.map(() => true));

    // A second, different ballot from a voter is refused and never counted.
    const second = await voters[0]?.client.cast(pollId, { kind: 'motion', choice: 'against' });
    expect(second?.answer).toMatchObject({ ok: false, error: { code: 'already_voted' } });

    expect((await presiding.send({ type: 'close_poll', pollId })).ok).toBe(true);
    const closed = await until(presiding, (state) =>
      state.polls.some((poll) => poll.pollId === pollId && poll.status === 'closed'),
    );
    const count = (choice: MotionChoice) =>
      cast.filter((ballot) => ballot.choice === choice).length;
    expect(closed.polls.find((poll) => poll.pollId === pollId)?.result).toMatchObject({
      returned: VOTERS,
      tally: {
        inFavour: count('in_favour'),
        against: count('against'),
        notVoting: count('not_voting'),
      },
    });
    for (const [index, ballot] of cast.entries()) {
      expect(await voters[index]?.client.verify(pollId, ballot.receipt)).toMatchObject({
        ok: true,
        data: { counted: true, ballot: { kind: 'motion', choice: ballot.choice } },
      });
    }
    // The refused second ballot got no receipt to check.
    expect(second?.answer).not.toHaveProperty('data');
  } finally {
    for (const client of clients) client.stop();
    expect((await server.stop()).code).toBe(0);
  }
}

describe('a crash during a secret ballot [PGlite]', () => {
  it('SIGKILL while delegates vote: every acknowledged ballot is counted once, a refused one never', async () => {
    const dataDir = temporaryDataDir();
    try {
      await crashDuringVote({ DATA_DIR: dataDir });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWithService('postgres', 'a crash during a secret ballot [Postgres]', (postgresUrl) => {
  it('SIGKILL while delegates vote: every acknowledged ballot is counted once, a refused one never', async () => {
    const database = await createThrowawayPostgres(postgresUrl);
    try {
      await crashDuringVote({ DATABASE_URL: database.url });
    } finally {
      await database.drop();
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { rowsOf, schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { readRoll, type Ballot, type MotionChoice } from '@hopxa/domain';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createSession } from '../auth/session.service.ts';
import { until, useRealtime } from '../test/realtime-harness.ts';

const VOTERS = 7;
const TOTAL_SEATS = 9;

describeEachDatabase('polls over Socket.IO', (database) => {
  const context = useRealtime(database);
  const db = () => database.handle().db;
  let voters: { personId: string; client: MeetingClient }[] = [];
  let presiding: MeetingClient;
  let follower: MeetingClient;

  /** Voting delegates of the council beside the world's own, with tablets signed in. */
  async function seatVoters(): Promise<{ personId: string; token: string }[]> {
    const { councilId } = context.world;
    await db()
      .update(schema.bodies)
      .set({ statutorySize: TOTAL_SEATS })
      .where(eq(schema.bodies.id, councilId));
    const seated = [];
    for (let index = 1; index < VOTERS; index += 1) {
      const [person] = await db()
        .insert(schema.people)
        .values({ fullName: `Đại Biểu Thử ${index + 1}` })
        .returning();
      const personId = person?.id ?? '';
      await db()
        .insert(schema.memberships)
        .values({ personId, bodyId: councilId, votingRight: true, startsOn: '2025-07-01' });
      const [account] = await db()
        .insert(schema.accounts)
        .values({ role: 'delegate', displayName: `Đại Biểu Thử ${index + 1}`, personId })
        .returning();
      const { token } = await createSession(db(), account?.id ?? '', 'tablet', new Date());
      seated.push({ personId, token });
    }
    return seated;
  }

  beforeAll(async () => {
    const seated = await seatVoters();
    presiding = context.client('presidingOfficer');
    follower = context.client('follower');
    const secretary = context.client('secretary');
    const delegate = context.client('delegate');
    voters = [
      { personId: context.world.delegatePersonId, client: delegate },
      ...seated.map((voter) => ({
        personId: voter.personId,
        client: context.clientWithToken(voter.token),
      })),
    ];
    await Promise.all(
      [presiding, follower, secretary, ...voters.map((voter) => voter.client)].map((client) =>
        client.start(),
      ),
    );
    await context.convene();
    for (const member of (await until(presiding, (state) => state.status === 'convened')).roster) {
      await secretary.send({
        type: 'record_attendance',
        personId: member.personId,
        status: 'present_in_hall',
      });
    }
    expect(await presiding.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    const firstItem = presiding.state?.agenda[0]?.id ?? '';
    expect(await presiding.send({ type: 'set_current_item', itemId: firstItem })).toMatchObject({
      ok: true,
    });
    const tellers = voters.slice(1, 3).map((voter) => voter.personId);
    expect(await presiding.send({ type: 'appoint_tellers', personIds: tellers })).toMatchObject({
      ok: true,
    });
  });

  const openPoll = async (poll: {
    kind: 'open_vote' | 'secret_ballot' | 'election' | 'consultation';
    title: string;
    candidates?: { id: string; name: string }[];
    seats?: number;
  }) => {
    const pollId = randomUUID();
    expect(await presiding.send({ type: 'open_poll', pollId, ...poll })).toMatchObject({
      ok: true,
    });
    await Promise.all(
      voters.map((voter) =>
        until(voter.client, (state) => state.polls.some((item) => item.pollId === pollId)),
      ),
    );
    return pollId;
  };
  const closePoll = async (pollId: string) => {
    expect(await presiding.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
    const state = await until(follower, (current) =>
      current.polls.some((poll) => poll.pollId === pollId && poll.status === 'closed'),
    );
    return state.polls.find((poll) => poll.pollId === pollId);
  };
  const motion = (choice: MotionChoice): Ballot => ({ kind: 'motion', choice });

  it('V6 V8 an open vote records each voter once, shows who has voted, and names who chose what', async () => {
    const pollId = await openPoll({ kind: 'open_vote', title: 'Thông qua chương trình kỳ họp' });
    const choices: MotionChoice[] = [
      'in_favour',
      'in_favour',
      'in_favour',
      'in_favour',
      'in_favour',
      'against',
      'not_voting',
    ];
    const cast = await Promise.all(
      voters.map((voter, index) => voter.client.cast(pollId, motion(choices[index] ?? 'against'))),
    );
    expect(cast.map(({ answer }) => answer)).toEqual(
      voters.map(() => ({
        ok: true,
        seq: expect.any(Number),
        data: { replayed: false, receipt: null },
      })),
    );
    // The same ballot sent again under its cast id is answered as a resend; another ballot
    // under it, or any ballot under a new id, is refused.
    const first = voters[0]?.client;
    const castId = cast[0]?.castId;
    expect((await first?.cast(pollId, motion('in_favour'), castId))?.answer).toMatchObject({
      ok: true,
      data: { replayed: true },
    });
    expect((await first?.cast(pollId, motion('against'), castId))?.answer).toMatchObject({
      ok: false,
      error: { code: 'cast_id_reused' },
    });
    expect((await first?.cast(pollId, motion('against')))?.answer).toMatchObject({
      ok: false,
      error: { code: 'already_voted', message: expect.stringMatching(/đã biểu quyết/) },
    });

    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(follower.progress).toEqual({
      pollId,
      voted: VOTERS,
      voters: expect.arrayContaining(voters.map((voter) => voter.personId)),
    });

    const poll = await closePoll(pollId);
    expect(poll?.result).toMatchObject({
      issued: VOTERS,
      returned: VOTERS,
      valid: VOTERS,
      tally: { inFavour: 5, against: 1, notVoting: 1 },
      // The base is the 7 members in office with a vote, not the 9 typed as the size.
      membersInOffice: VOTERS,
      required: 4,
      outcome: 'passed',
    });
    const roll = readRoll(follower.state?.roster ?? [], poll?.roll ?? '');
    expect(roll.filter((entry) => entry.voted)).toHaveLength(VOTERS);
    expect(roll.find((entry) => entry.personId === voters[5]?.personId)?.choice).toBe('against');
  });

  it('V5 V7 V12 refuses a ballot from a member without a vote, a guest, into a closed poll, or with too many names, and the count stays', async () => {
    const pollId = await openPoll({
      kind: 'election',
      title: 'Bầu Phó Chủ tịch Hội đồng nhân dân',
      candidates: [
        { id: 'a', name: 'Ứng Cử Viên A' },
        { id: 'b', name: 'Ứng Cử Viên B' },
        { id: 'c', name: 'Ứng Cử Viên C' },
      ],
      seats: 2,
    });
    const silent = context.client('delegateWithoutVote');
    const guest = context.client('guest');
    await Promise.all([silent.start(), guest.start()]);
    const codeOf = async (client: MeetingClient, ballot: Ballot) =>
      (await client.cast(pollId, ballot)).answer;
    expect(await codeOf(silent, { kind: 'election', candidateIds: ['a'] })).toMatchObject({
      error: { code: 'not_entitled' },
    });
    expect(await codeOf(guest, { kind: 'election', candidateIds: ['a'] })).toMatchObject({
      error: { code: 'forbidden' },
    });
    const voter = voters[0]?.client as MeetingClient;
    expect(await codeOf(voter, { kind: 'election', candidateIds: ['a', 'b', 'c'] })).toMatchObject({
      error: { code: 'too_many_choices', message: expect.stringMatching(/nhiều hơn/) },
    });
    expect(await codeOf(voter, motion('in_favour'))).toMatchObject({
      error: { code: 'ballot_invalid' },
    });
    const malformed = (await voter.socket.timeout(2000).emitWithAck('poll:cast', {
      meetingId: context.world.meetingId,
      pollId,
      castId: 'not a uuid',
      ballot: { kind: 'election', candidateIds: ['a'] },
    })) as { ok: boolean; error?: { code: string } };
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const poll = await closePoll(pollId);
    expect(poll?.result).toMatchObject({ returned: 0, valid: 0, invalid: 0 });
    expect(await codeOf(voter, { kind: 'election', candidateIds: ['a'] })).toMatchObject({
      error: { code: 'poll_not_open' },
    });
  });

  it('V16 after a secret election no table and no log line joins a voter to a choice, and each receipt finds its ballot', async () => {
    const linesBefore = context.logLines.length;
    const pollId = await openPoll({
      kind: 'election',
      title: 'Bầu Chủ tịch Hội đồng nhân dân',
      candidates: [
        { id: 'a', name: 'Ứng Cử Viên A' },
        { id: 'b', name: 'Ứng Cử Viên B' },
      ],
      seats: 1,
    });
    const ballots: Ballot[] = voters.map((_, index) => ({
      kind: 'election',
      candidateIds: index < 5 ? ['a'] : ['b'],
    }));
    const cast = await Promise.all(
      voters.map((voter, index) => voter.client.cast(pollId, ballots[index] as Ballot)),
    );
    expect(cast.every(({ answer }) => answer.ok)).toBe(true);
    // While open, followers see only how many voted.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(follower.progress).toEqual({ pollId, voted: VOTERS, voters: [] });
    // Sealed ballots of one poll are all one length: the length tells nothing either.
    const sealedTable = sql.identifier(`sealed_ballots_${pollId.replaceAll('-', '')}`);
    const lengths = rowsOf<{ length: number }>(
      await db().execute(sql`select octet_length(sealed) as length from ${sealedTable}`),
    );
    expect(lengths).toHaveLength(VOTERS);
    expect(new Set(lengths.map((row) => Number(row.length))).size).toBe(1);
    const receipts = cast.map(({ answer }) => (answer.ok ? answer.data.receipt : null) ?? '');
    expect(new Set(receipts).size).toBe(VOTERS);

    const poll = await closePoll(pollId);
    expect(poll?.result?.candidates.map((candidate) => [candidate.id, candidate.votes])).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
    // 5 of the 7 in office is more than half: elected; shares are of the members in office.
    expect(poll?.result?.candidates[0]).toMatchObject({ elected: true, shareOfTotalBp: 7143 });
    expect(poll?.roll).not.toMatch(/[FAN]/);

    // Every table, with the system columns a database operator could read.
    const personIds = new Set(voters.map((voter) => voter.personId));
    const names = rowsOf<{ tablename: string }>(
      await db().execute(sql`select tablename from pg_tables where schemaname = current_schema()`),
    ).map((row) => row.tablename);
    const ballotRows: string[] = [];
    for (const name of names) {
      const rows = rowsOf<{ xmin: string; row: string }>(
        await db().execute(
          sql`select xmin::text as xmin, t::text as row from ${sql.identifier(name)} t`,
        ),
      );
      for (const { row } of rows) {
        const namesVoter = [...personIds].some((personId) => row.includes(personId));
        const namesChoice = /candidateIds/.test(row);
        expect(namesVoter && namesChoice, `${name}: ${row}`).toBe(false);
      }
      if (name === 'secret_ballots') {
        const ofPoll = rows.filter((row) => row.row.includes(pollId));
        expect(ofPoll).toHaveLength(VOTERS);
        // Written together at closing: one transaction, so no time or order tells them apart.
        expect(new Set(ofPoll.map((row) => row.xmin)).size).toBe(1);
        ballotRows.push(...ofPoll.map((row) => row.row));
      }
      // Counted: the poll's sealed table is dropped, its files with it.
      expect(name).not.toMatch(/^sealed_ballots/);
    }
    expect(ballotRows).toHaveLength(VOTERS);
    const logged = context.logLines.slice(linesBefore).join('\n');
    for (const receipt of receipts) expect(logged).not.toContain(receipt);
    expect(logged).not.toMatch(/candidateIds/);

    // Each voter finds their own ballot counted as cast, and only their own.
    for (const [index, voter] of voters.entries()) {
      const checked = await voter.client.verify(pollId, receipts[index] ?? '');
      expect(checked).toMatchObject({ ok: true, data: { counted: true, ballot: ballots[index] } });
    }
    expect(await voters[0]?.client.verify(pollId, receipts[1] ?? '')).toMatchObject({
      ok: false,
      error: { code: 'receipt_not_yours' },
    });
    expect(await voters[0]?.client.verify(pollId, 'ABCDEFGHJKMNPQRS')).toMatchObject({
      ok: false,
      error: { code: 'receipt_not_yours' },
    });
    // A follower of the province, who may follow the meeting, learns nothing from a receipt.
    expect(await follower.verify(pollId, receipts[0] ?? '')).toMatchObject({
      ok: false,
      error: { code: 'receipt_not_yours' },
    });
    // A follower of another province may not ask about this meeting's ballots at all.
    const stranger = context.client('otherProvinceFollower');
    await stranger.start().catch(() => undefined);
    expect(await stranger.verify(pollId, receipts[0] ?? '')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('V14 the tellers sign the report of a secret ballot; no one else can', async () => {
    const pollId = await openPoll({ kind: 'secret_ballot', title: 'Biểu quyết kín thử' });
    const { answer, castId } = (await voters[0]?.client.cast(pollId, motion('in_favour'))) ?? {};
    const receipt = answer?.ok ? answer.data.receipt : null;
    expect(await voters[0]?.client.verify(pollId, receipt ?? '')).toMatchObject({
      ok: false,
      error: { code: 'poll_still_open' },
    });
    await Promise.all(
      voters.slice(1).map((voter) => voter.client.cast(pollId, motion('in_favour'))),
    );
    await closePoll(pollId);
    // A resend of a ballot that got in before closing is answered as a resend, not refused.
    expect(
      (await voters[0]?.client.cast(pollId, motion('in_favour'), castId))?.answer,
    ).toMatchObject({ ok: true, data: { replayed: true, receipt } });
    const teller = voters[1]?.client as MeetingClient;
    expect(await teller.send({ type: 'sign_tally', pollId })).toMatchObject({ ok: true });
    expect(await voters[0]?.client.send({ type: 'sign_tally', pollId })).toMatchObject({
      ok: false,
      error: { code: 'not_a_teller' },
    });
    const state = await until(follower, (current) =>
      current.polls.some((poll) => poll.pollId === pollId && poll.signatures.length === 1),
    );
    expect(state.polls.find((poll) => poll.pollId === pollId)?.result).toMatchObject({
      issued: VOTERS,
      returned: VOTERS,
      tally: { inFavour: VOTERS },
      outcome: 'passed',
    });
  });

  it('V13 annulling an open poll keeps it and its reason, and takes no more ballots', async () => {
    const pollId = await openPoll({ kind: 'secret_ballot', title: 'Biểu quyết bị hủy' });
    await voters[0]?.client.cast(pollId, motion('against'));
    expect(
      await presiding.send({ type: 'annul_poll', pollId, reason: 'Thiết bị bỏ phiếu gặp sự cố' }),
    ).toMatchObject({ ok: true });
    const state = await until(follower, (current) =>
      current.polls.some((poll) => poll.pollId === pollId && poll.status === 'annulled'),
    );
    expect(state.polls.find((poll) => poll.pollId === pollId)?.annulment).toMatchObject({
      reason: 'Thiết bị bỏ phiếu gặp sự cố',
    });
    expect((await voters[1]?.client.cast(pollId, motion('against')))?.answer).toMatchObject({
      error: { code: 'poll_not_open' },
    });
    // Annulled while open, the ballots were opened and the sealed table dropped all the same.
    const sealed = rowsOf<{ here: boolean }>(
      await db().execute(
        sql`select to_regclass(${`sealed_ballots_${pollId.replaceAll('-', '')}`}) is not null as here`,
      ),
    );
    expect(sealed).toEqual([{ here: false }]);
  });
});

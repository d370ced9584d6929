// Results that hold in law, through the real server with real Socket.IO clients on both
// databases: each test names the rule of packages/domain/SPEC.md it proves.
import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { Ballot, MotionChoice } from '@hopxa/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { until } from '../test/realtime-harness.ts';
import { people, range, useSittings } from '../test/sitting-kit.ts';

describeEachDatabase('results that hold in law, over Socket.IO', (database) => {
  const { sitting, vote } = useSittings(database);
  const db = () => database.handle().db;
  const motion = (choice: MotionChoice | null): Ballot | null =>
    choice ? { kind: 'motion', choice } : null;

  it("V9 a People's Committee of 9: 1 in favour, 1 against, 7 present and not voting is not passed", async () => {
    const committee = await sitting('peoples_committee', people(9, 0), range(9));
    const result = await vote(committee, { kind: 'open_vote', title: 'Quyết định thử' }, [
      motion('in_favour'),
      motion('against'),
      ...range(7).map(() => null),
    ]);
    expect(result).toMatchObject({ outcome: 'failed', required: 5, decidedByChair: false });
  });

  it('V9 an even split of all 10 members goes the side the Chairperson voted with, not the presiding officer', async () => {
    // Member 0 presides; member 6 is the Chairperson of the People's Committee.
    const committee = await sitting('peoples_committee', people(10, 6), range(10));
    const choices = range(10).map((index) => (index < 5 ? 'against' : 'in_favour'));
    const result = await vote(
      committee,
      { kind: 'open_vote', title: 'Quyết định thử' },
      choices.map((choice) => motion(choice as MotionChoice)),
    );
    expect(result).toMatchObject({
      outcome: 'passed',
      decidedByChair: true,
      tally: { inFavour: 5, against: 5, notVoting: 0 },
    });
    const secret = await vote(
      committee,
      { kind: 'secret_ballot', title: 'Quyết định bỏ phiếu kín' },
      choices.map((choice) => motion(choice as MotionChoice)),
    );
    expect(secret).toMatchObject({ outcome: 'tie', decidedByChair: false });
  });

  it('T2 counts against the 30 members in office, not the 25 typed as the size: 13 for and 17 against is not passed', async () => {
    // Typed before the size was checked against the list: the count must not believe it.
    const council = await sitting('peoples_council', people(30), range(30), 25);
    const opened = council.chair.state;
    expect(opened).toMatchObject({ membersInOffice: 30, statutorySize: 25 });
    const result = await vote(
      council,
      { kind: 'open_vote', title: 'Nghị quyết thử' },
      range(30).map((index) => motion(index < 13 ? 'in_favour' : 'against')),
    );
    expect(result).toMatchObject({
      outcome: 'failed',
      required: 16,
      membersInOffice: 30,
      tallyShareBp: { inFavour: 4333, against: 5667, notVoting: 0 },
    });
  });

  it('T1 T2 a vacancy lowers the base: 25 in office of a statutory 30 pass with 13, not 12', async () => {
    const council = await sitting('peoples_council', people(25), range(25), 30);
    const result = await vote(
      council,
      { kind: 'open_vote', title: 'Nghị quyết thử' },
      range(25).map((index) => motion(index < 13 ? 'in_favour' : 'against')),
    );
    expect(result).toMatchObject({ outcome: 'passed', required: 13, membersInOffice: 25 });
    const short = await vote(
      council,
      { kind: 'open_vote', title: 'Nghị quyết thử lần hai' },
      range(25).map((index) => motion(index < 12 ? 'in_favour' : 'not_voting')),
    );
    expect(short).toMatchObject({ outcome: 'failed', required: 13 });
  });

  it('Q5 members without a vote present do not make up the quorum', async () => {
    // 9 with a vote, 3 without; 5 voters and the 3 without are present: 5 of 9 is short of 6.
    const members = [
      ...people(9),
      ...range(3).map((index) => ({ fullName: `Khách Mời Thử ${index}`, votingRight: false })),
    ];
    const council = await sitting('peoples_council', members, [0, 1, 2, 3, 4, 9, 10, 11]);
    expect(council.chair.state?.membersInOffice).toBe(9);
    expect(await council.chair.send({ type: 'open_sitting' })).toMatchObject({
      ok: false,
      error: { code: 'quorum_not_reached', quorum: { present: 5, required: 6, total: 9 } },
    });
  });

  it("V11 a consultation is refused in a People's Council by the server, whatever the screen offers", async () => {
    const council = await sitting('peoples_council', people(5), range(5));
    const answer = await council.chair.send({
      type: 'open_poll',
      pollId: randomUUID(),
      kind: 'consultation',
      title: 'Hiệp thương thử',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'poll_kind_not_allowed', message: expect.stringMatching(/hiệp thương/) },
    });
    expect(council.chair.state?.polls).toEqual([]);
  });

  it('I2 a secret ballot resent under its cast id with another choice is refused, and the first is the one counted', async () => {
    const council = await sitting('peoples_council', people(5), range(5));
    const pollId = randomUUID();
    await council.chair.send({ type: 'open_poll', pollId, kind: 'secret_ballot', title: 'Thử' });
    const voter = council.clients[3] as MeetingClient;
    await until(voter, (state) => state.polls.some((poll) => poll.pollId === pollId));
    const first = await voter.cast(pollId, { kind: 'motion', choice: 'in_favour' });
    expect(first.answer).toMatchObject({ ok: true, data: { replayed: false } });
    const same = await voter.cast(pollId, { kind: 'motion', choice: 'in_favour' }, first.castId);
    // The resend is answered as the first was, receipt and all.
    expect(same.answer).toEqual({
      ...first.answer,
      data: { ...(first.answer.ok && first.answer.data), replayed: true },
    });
    const other = await voter.cast(pollId, { kind: 'motion', choice: 'against' }, first.castId);
    expect(other.answer).toMatchObject({
      ok: false,
      error: { code: 'cast_id_reused', message: expect.stringMatching(/phiếu khác/) },
    });
    expect(await council.chair.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
    const closed = await until(voter, (state) =>
      state.polls.some((poll) => poll.pollId === pollId && poll.status === 'closed'),
    );
    expect(closed.polls.find((poll) => poll.pollId === pollId)?.result).toMatchObject({
      returned: 1,
      tally: { inFavour: 1, against: 0, notVoting: 0 },
    });
    // After closing, the same holds for a late resend.
    const late = await voter.cast(pollId, { kind: 'motion', choice: 'against' }, first.castId);
    expect(late.answer).toMatchObject({ ok: false, error: { code: 'cast_id_reused' } });
    const lateSame = await voter.cast(
      pollId,
      { kind: 'motion', choice: 'in_favour' },
      first.castId,
    );
    expect(lateSame.answer).toMatchObject({ ok: true, data: { replayed: true } });
  });

  it('I1 a command id reused for another command is refused, and the other command never runs', async () => {
    const council = await sitting('peoples_council', people(5), range(5));
    const commandId = randomUUID();
    const asked = await council.clients[3]?.send(
      { type: 'request_floor', requestId: 'xin-noi-1' },
      commandId,
    );
    expect(asked).toMatchObject({ ok: true });
    const other = await council.clients[3]?.send(
      { type: 'request_floor', requestId: 'xin-noi-2' },
      commandId,
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'command_id_reused' } });
    const stolen = await council.chair.send({ type: 'close_sitting' }, commandId);
    expect(stolen).toMatchObject({ ok: false, error: { code: 'command_id_reused' } });
    expect(council.chair.state).toMatchObject({ status: 'open' });
    expect(council.chair.state?.queue.map((request) => request.requestId)).toEqual(['xin-noi-1']);
    const [stored] = await db()
      .select({ fingerprint: schema.meetingCommands.fingerprint })
      .from(schema.meetingCommands)
      .where(eq(schema.meetingCommands.commandId, commandId));
    expect(stored?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("V10 an election's result: a tie at the last place, blank ballots apart, the tellers' numbers", async () => {
    const council = await sitting('peoples_council', people(11), range(11));
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng Cử Viên ${id}` }));
    const names = (...candidateIds: string[]): Ballot => ({ kind: 'election', candidateIds });
    // 11 in office: elected with 6. For two places a gets 7, b and c 6 each; one blank.
    const tie = await vote(council, { kind: 'election', title: 'Bầu thử', candidates, seats: 2 }, [
      names('a', 'b'),
      names('b', 'a'),
      names('a', 'b'),
      names('a', 'c'),
      names('c', 'a'),
      names('a', 'c'),
      names('a'),
      names('b', 'c'),
      names('c', 'b'),
      names('b', 'c'),
      names(),
    ]);
    expect(tie).toMatchObject({
      outcome: 'tie',
      issued: 11,
      returned: 11,
      valid: 10,
      blank: 1,
      invalid: 0,
      required: 6,
      membersInOffice: 11,
    });
    expect(tie?.candidates.map((c) => [c.id, c.votes, c.elected, c.tied])).toEqual([
      ['a', 7, true, false],
      ['b', 6, false, true],
      ['c', 6, false, true],
    ]);
    const nobody = await vote(
      council,
      { kind: 'election', title: 'Bầu thử lần hai', candidates, seats: 1 },
      ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', null, null].map((id) =>
        id ? names(id) : null,
      ),
    );
    expect(nobody).toMatchObject({ outcome: 'not_elected', returned: 9, valid: 9, blank: 0 });
  });

  it('V16 an election ballot is kept with its names in the poll’s order, whatever order the voter chose', async () => {
    const council = await sitting('peoples_council', people(5), range(5));
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, name: `Ứng Cử Viên ${id}` }));
    const names = (...candidateIds: string[]): Ballot => ({ kind: 'election', candidateIds });
    await vote(council, { kind: 'election', title: 'Bầu thử', candidates, seats: 3 }, [
      names('c', 'a'),
      names('b', 'c', 'a'),
      names('a', 'c'),
      null,
      null,
    ]);
    const pollId = council.chair.state?.polls.at(-1)?.pollId ?? '';
    const kept = await db()
      .select({ ballot: schema.secretBallots.ballot })
      .from(schema.secretBallots)
      .where(eq(schema.secretBallots.pollId, pollId));
    const orders = kept.map((row) =>
      (row.ballot as { candidateIds?: string[] }).candidateIds?.join(','),
    );
    expect(orders.sort()).toEqual(['a,b,c', 'a,c', 'a,c']);
  });

  it('V18 V6 the secretary enters the show of hands of members without a tablet: counted once with the tablets, named as entered, and never a second vote', async () => {
    const council = await sitting('peoples_council', people(6), range(6));
    const { chair, secretary, clients, personIds } = council;
    const pollId = randomUUID();
    expect(
      await chair.send({ type: 'open_poll', pollId, kind: 'open_vote', title: 'Nghị quyết' }),
    ).toMatchObject({ ok: true });
    await Promise.all(clients.map((client) => until(client, (state) => state.polls.length > 0)));
    for (const index of [0, 1, 2])
      expect(
        (await clients[index]?.cast(pollId, motion('in_favour') as Ballot))?.answer,
      ).toMatchObject({ ok: true });
    const [fourth, fifth] = [personIds[3] ?? '', personIds[4] ?? ''];
    // Nobody but a secretary enters votes, and never over a tablet's ballot.
    expect(await clients[2]?.enter(pollId, fourth, 'in_favour')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await secretary.enter(pollId, personIds[0] ?? '', 'against')).toMatchObject({
      ok: false,
      error: { code: 'already_voted' },
    });
    const castId = randomUUID();
    expect(await secretary.enter(pollId, fourth, 'against', castId)).toMatchObject({ ok: true });
    // Sent again under its id: a resend, counted once.
    expect(await secretary.enter(pollId, fourth, 'against', castId)).toMatchObject({
      ok: true,
      data: { replayed: true },
    });
    expect(await secretary.enter(pollId, fifth, 'in_favour')).toMatchObject({ ok: true });
    // The member whose hands were entered cannot vote again from a tablet.
    expect((await clients[4]?.cast(pollId, motion('against') as Ballot))?.answer).toMatchObject({
      ok: false,
      error: { code: 'already_voted' },
    });
    expect(await chair.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
    const closed = await until(chair, (state) => state.polls[0]?.status === 'closed');
    expect(closed.polls[0]?.result).toMatchObject({
      issued: 6,
      returned: 5,
      fromTablets: 3,
      didNotVote: 1,
      tally: { inFavour: 4, against: 1, notVoting: 0 },
      outcome: 'passed',
    });
    expect(closed.polls[0]?.result?.entered.map((entry) => entry.personId).sort()).toEqual(
      [fourth, fifth].sort(),
    );
  });

  it('V17 the secretary enters the paper ballots of a secret ballot; the result adds them to the tablets’', async () => {
    const council = await sitting('peoples_council', people(6), range(6));
    const { chair, secretary, clients } = council;
    const pollId = randomUUID();
    expect(
      await chair.send({ type: 'open_poll', pollId, kind: 'secret_ballot', title: 'Miễn nhiệm' }),
    ).toMatchObject({ ok: true });
    await Promise.all(clients.map((client) => until(client, (state) => state.polls.length > 0)));
    for (const index of [0, 1, 2])
      await clients[index]?.cast(pollId, motion('in_favour') as Ballot);
    const paper = {
      returned: 2,
      invalid: 1,
      blank: 0,
      tally: { inFavour: 1, against: 0, notVoting: 0 },
      perCandidate: {},
    };
    expect(await chair.send({ type: 'enter_paper_count', pollId, paper })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await secretary.send({ type: 'enter_paper_count', pollId, paper: { ...paper, returned: 3 } }),
    ).toMatchObject({ ok: false, error: { code: 'paper_count_invalid' } });
    expect(await secretary.send({ type: 'enter_paper_count', pollId, paper })).toMatchObject({
      ok: true,
    });
    expect(await chair.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
    const closed = await until(chair, (state) => state.polls[0]?.status === 'closed');
    expect(closed.polls[0]?.result).toMatchObject({
      issued: 6,
      returned: 5,
      invalid: 1,
      fromTablets: 3,
      paper: { returned: 2, invalid: 1 },
      didNotVote: 1,
      tally: { inFavour: 4, against: 0, notVoting: 0 },
      outcome: 'passed',
    });
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { describeEachDatabase } from '@hopxa/db/testing';
import { expect, it } from 'vitest';
import { createMeetingFromTemplate } from '../meetings/meeting.service.ts';
import { buildWorld } from '../test/fixtures.ts';
import { openBox } from './ballot-box.ts';
import { BallotSeal, receiptHash, sealedSize } from './ballot-seal.ts';

describeEachDatabase('the ballot box', (database) => {
  const db = () => database.handle().db;

  it('V16 seals every ballot of a poll to one length, whatever it says', () => {
    const seal = new BallotSeal(randomBytes(32));
    const pollId = randomUUID();
    const sealed = (ballot: Parameters<BallotSeal['seal']>[1]['ballot'], seats: number) =>
      seal.seal(pollId, { ballot, receiptHash: receiptHash(pollId, 'ABCD') }, sealedSize(seats))
        .length;
    const motions = (['in_favour', 'against', 'not_voting'] as const).map((choice) =>
      sealed({ kind: 'motion', choice }, 0),
    );
    expect(new Set(motions).size).toBe(1);
    const longest = 'x'.repeat(40);
    const elections = [[], ['a'], [longest, `${longest.slice(1)}y`, `${longest.slice(1)}z`]].map(
      (candidateIds) => sealed({ kind: 'election', candidateIds }, 3),
    );
    expect(new Set(elections).size).toBe(1);
    const opened = seal.open(
      pollId,
      seal.seal(
        pollId,
        { ballot: { kind: 'motion', choice: 'against' }, receiptHash: 'h' },
        sealedSize(0),
      ),
    );
    expect(opened).toEqual({ ballot: { kind: 'motion', choice: 'against' }, receiptHash: 'h' });
  });

  it("refuses a poll id that already names another meeting's box", async () => {
    const world = await buildWorld(db(), new Date());
    const otherMeetingId = await db().transaction((tx) =>
      createMeetingFromTemplate(tx, {
        body: {
          id: world.councilId,
          kind: 'peoples_council',
          name: 'Hội đồng nhân dân xã Thử Một',
        },
        place: 'Hội trường',
        startsAt: new Date(),
        presidingOfficerId: world.delegatePersonId,
        secretaryIds: [],
        today: '2025-07-01',
      }),
    );
    const pollId = randomUUID();
    const box = { meetingId: world.meetingId, pollId, secret: true, seats: 0 };
    expect(await openBox(db(), box)).toBe(true);
    expect(await openBox(db(), box)).toBe(true); // a retried opening
    expect(await openBox(db(), { ...box, meetingId: otherMeetingId })).toBe(false);
    expect(await openBox(db(), { ...box, secret: false })).toBe(false);
  });
});

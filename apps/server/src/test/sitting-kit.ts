import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import type { TestDatabase } from '@hopxa/db/testing';
import type { Ballot, BodyKind, PollResult } from '@hopxa/domain';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { expect } from 'vitest';
import { until, useRealtime, type RealtimeContext } from './realtime-harness.ts';
import { seatBody, type SeatedMember } from './seated-body.ts';

/**
 * A meeting followed by a tablet of every member; member 0 presides, member 1 keeps the
 * record. Convened when seated: the roll call is open.
 */
export type Sitting = {
  readonly communeId: string;
  readonly meetingId: string;
  /** A session of the commune's secretariat. */
  readonly secretariatToken: string;
  readonly personIds: readonly string[];
  readonly clients: readonly MeetingClient[];
  readonly chair: MeetingClient;
  readonly secretary: MeetingClient;
  /** The secretary's session, for a second device of hers. */
  readonly secretaryToken: string;
};

type OpenPoll = Omit<Extract<MeetingCommandInput, { type: 'open_poll' }>, 'pollId' | 'type'>;

/** `count` fictional members; `chairAt` holds the body's chair. */
export function people(count: number, chairAt: number | null = null): SeatedMember[] {
  return Array.from({ length: count }, (_, index) => ({
    fullName: `Thành Viên Thử ${index + 1}`,
    position: index === chairAt ? 'chair' : 'member',
  }));
}

export const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/**
 * Sittings of bodies seated for one test each, over the real server and real Socket.IO
 * clients on `database`, for one describe block.
 */
export function useSittings(database: TestDatabase): {
  readonly context: RealtimeContext;
  /** Seats a body, convenes its meeting (unless told not to) and connects a tablet for every member. */
  readonly seat: (
    kind: BodyKind,
    members: readonly SeatedMember[],
    options?: { statutorySize?: number; convened?: boolean },
  ) => Promise<Sitting>;
  /**
   * Seats a body and convenes its meeting, records `present` in the roll call and opens the
   * sitting, the first item current; when `present` is short of quorum the opening is
   * refused and the meeting stays convened.
   */
  readonly sitting: (
    kind: BodyKind,
    members: readonly SeatedMember[],
    present: readonly number[],
    statutorySize?: number,
  ) => Promise<Sitting>;
  /** Opens a poll, casts `ballots[i]` from member i (null: no ballot), closes it. */
  readonly vote: (
    sitting: Sitting,
    poll: OpenPoll,
    ballots: readonly (Ballot | null)[],
  ) => Promise<PollResult | null | undefined>;
} {
  const context = useRealtime(database);

  const seat = async (
    kind: BodyKind,
    members: readonly SeatedMember[],
    { convened = true, ...options }: { statutorySize?: number; convened?: boolean } = {},
  ): Promise<Sitting> => {
    const seated = await seatBody(database.handle().db, {
      provinceId: context.world.provinceId,
      kind,
      members,
      ...options,
      presidingAt: 0,
      secretaryAt: 1,
      now: new Date(),
    });
    if (convened) await context.convene(seated.meetingId, seated.secretariatToken);
    const clients = seated.members.map((member) =>
      context.clientWithToken(member.token, seated.meetingId),
    );
    await Promise.all(clients.map((client) => client.start()));
    const [chair, secretary] = clients as [MeetingClient, MeetingClient];
    return {
      communeId: seated.communeId,
      meetingId: seated.meetingId,
      secretariatToken: seated.secretariatToken,
      personIds: seated.members.map((member) => member.personId),
      clients,
      chair,
      secretary,
      secretaryToken: seated.members[1]?.token ?? '',
    };
  };

  const sitting = async (
    kind: BodyKind,
    members: readonly SeatedMember[],
    present: readonly number[],
    statutorySize?: number,
  ): Promise<Sitting> => {
    const seated = await seat(kind, members, {
      ...(statutorySize !== undefined && { statutorySize }),
    });
    const { chair, secretary, personIds } = seated;
    for (const index of present) {
      const personId = personIds[index] ?? '';
      await secretary.send({ type: 'record_attendance', personId, status: 'present_in_hall' });
    }
    const opened = await chair.send({ type: 'open_sitting' });
    if (!opened.ok) {
      expect(opened.error.code).toBe('quorum_not_reached');
      return seated;
    }
    const itemId = chair.state?.agenda[0]?.id ?? '';
    expect(await chair.send({ type: 'set_current_item', itemId })).toMatchObject({ ok: true });
    const tellers = personIds.slice(1, 3);
    expect(await chair.send({ type: 'appoint_tellers', personIds: tellers })).toMatchObject({
      ok: true,
    });
    return seated;
  };

  const vote = async (
    { clients, chair }: Sitting,
    poll: OpenPoll,
    ballots: readonly (Ballot | null)[],
  ): Promise<PollResult | null | undefined> => {
    const pollId = randomUUID();
    expect(await chair.send({ type: 'open_poll', pollId, ...poll })).toMatchObject({ ok: true });
    await Promise.all(
      clients.map((client) =>
        until(client, (state) => state.polls.some((candidate) => candidate.pollId === pollId)),
      ),
    );
    const answers = await Promise.all(
      ballots.map((ballot, index) => (ballot ? clients[index]?.cast(pollId, ballot) : null)),
    );
    for (const cast of answers) if (cast) expect(cast.answer).toMatchObject({ ok: true });
    expect(await chair.send({ type: 'close_poll', pollId })).toMatchObject({ ok: true });
    const state = await until(clients.at(-1) as MeetingClient, (current) =>
      current.polls.some(
        (candidate) => candidate.pollId === pollId && candidate.status === 'closed',
      ),
    );
    return state.polls.find((candidate) => candidate.pollId === pollId)?.result;
  };

  return { context, seat, sitting, vote };
}

import { MeetingClient } from '@hopxa/client';
import { schema, type Database } from '@hopxa/db';
import type { BodyKind } from '@hopxa/domain';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { eq } from 'drizzle-orm';
import { SESSION_COOKIE } from '../../server/src/auth/session-cookie.ts';
import { DEMO_PROVINCE } from '../../server/src/seed/demo-commune.ts';
import { demoCommuneCode } from '../../server/src/seed/demo-province.ts';
import { seatBody } from '../../server/src/test/seated-body.ts';

/** One body's sitting in a commune of its own, run by its presiding officer and secretary. */
export type CommuneSitting = {
  readonly communeId: string;
  readonly meetingId: string;
  readonly personIds: readonly string[];
  readonly chair: MeetingClient;
  readonly secretary: MeetingClient;
  /** Runs a command as the one whose it is (the secretary keeps the record), or throws. */
  readonly run: (command: MeetingCommandInput) => Promise<void>;
};

const RECORD_KEEPING = new Set(['record_attendance', 'record_all_present', 'enter_paper_count']);

/**
 * The demo province as the seed leaves it, with more communes below it for a board: each
 * made for one body (no screen makes communes: the state does), its sitting then convened,
 * opened and voted on through the running server as a sitting's people do it.
 */
export async function provinceOf(db: Database, url: string, clients: MeetingClient[]) {
  const [province] = await db
    .select({ id: schema.organisations.id })
    .from(schema.organisations)
    .where(eq(schema.organisations.code, DEMO_PROVINCE.code));
  const provinceId = province?.id ?? '';

  /**
   * A commune named `name` whose body of `kind` has `members` fictional people, member 0
   * presiding and member 1 keeping the record, its sitting convened for `startsAt`.
   */
  const commune = async (
    name: string,
    kind: BodyKind,
    members: number,
    startsAt = new Date(),
  ): Promise<CommuneSitting> => {
    const seated = await seatBody(db, {
      provinceId,
      kind,
      members: Array.from({ length: members }, (_, index) => ({
        fullName: `Thành Viên ${name.split(' ').at(-1)} ${index + 1}`,
        position: index === 0 ? 'chair' : 'member',
      })),
      presidingAt: 0,
      secretaryAt: 1,
      now: startsAt,
    });
    await db
      .update(schema.organisations)
      .set({ name, code: demoCommuneCode(name) })
      .where(eq(schema.organisations.id, seated.communeId));
    const connect = async (token: string) => {
      const client = new MeetingClient(url, seated.meetingId, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
      clients.push(client);
      await client.start();
      return client;
    };
    const office = await connect(seated.secretariatToken);
    const convened = await office.send({ type: 'convene' });
    if (!convened.ok) throw new Error(`${name} was not convened: ${convened.error.code}`);
    const [chair, secretary] = await Promise.all(
      seated.members.slice(0, 2).map((member) => connect(member.token)),
    );
    if (!chair || !secretary) throw new Error('a sitting needs a chair and a secretary');
    const run = async (command: MeetingCommandInput) => {
      const answer = await (RECORD_KEEPING.has(command.type) ? secretary : chair).send(command);
      if (!answer.ok) throw new Error(`${name}: ${command.type} refused: ${answer.error.code}`);
    };
    return {
      communeId: seated.communeId,
      meetingId: seated.meetingId,
      personIds: seated.members.map((member) => member.personId),
      chair,
      secretary,
      run,
    };
  };

  /** Everyone present, the sitting opened and its first item taken up. */
  const open = async (sitting: CommuneSitting) => {
    await sitting.run({ type: 'record_all_present' });
    await sitting.run({ type: 'open_sitting' });
    const item = sitting.chair.state?.agenda.find((line) => line.parentId === null);
    await sitting.run({ type: 'set_current_item', itemId: item?.id ?? '' });
  };

  /** An open vote on the item under way, each member's hand entered by the secretary. */
  const vote = async (
    sitting: CommuneSitting,
    title: string,
    hands: readonly ('in_favour' | 'against')[],
  ) => {
    const pollId = crypto.randomUUID();
    await sitting.run({ type: 'open_poll', pollId, kind: 'open_vote', title });
    for (const [index, choice] of hands.entries()) {
      const answer = await sitting.secretary.enter(pollId, sitting.personIds[index] ?? '', choice);
      if (!answer.ok) throw new Error(`a hand was not entered: ${answer.error.code}`);
    }
    await sitting.run({ type: 'close_poll', pollId });
  };

  return { provinceId, commune, open, vote };
}

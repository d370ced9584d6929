import { randomUUID } from 'node:crypto';
import { schema, type Database } from '@hopxa/db';
import {
  DEFAULT_BODY_RULES,
  vietnamDay,
  type BodyKind,
  type MembershipPosition,
} from '@hopxa/domain';
import { createSession } from '../auth/session.service.ts';
import { createMeetingFromTemplate } from '../meetings/meeting.service.ts';

export type SeatedMember = {
  readonly fullName: string;
  readonly position?: MembershipPosition;
  readonly votingRight?: boolean;
};

export type SeatedBody = {
  readonly communeId: string;
  readonly bodyId: string;
  readonly meetingId: string;
  /** Each member's person and tablet session, in the order given. */
  readonly members: readonly { readonly personId: string; readonly token: string }[];
  /** A session of the commune's secretariat, who convenes the meeting. */
  readonly secretariatToken: string;
};

/**
 * A body of `kind` in a commune of its own (a commune has one body of each kind), with
 * `members` in office from 2025-07-01, each with a tablet signed in, and a first meeting
 * presided over by member `presidingAt` with member `secretaryAt` as its secretary.
 */
export async function seatBody(
  db: Database,
  options: {
    readonly provinceId: string;
    readonly kind: BodyKind;
    readonly members: readonly SeatedMember[];
    readonly statutorySize?: number;
    readonly presidingAt: number;
    readonly secretaryAt: number;
    readonly now: Date;
  },
): Promise<SeatedBody> {
  return db.transaction(async (tx) => {
    const code = `test-a/${randomUUID()}`;
    const [commune] = await tx
      .insert(schema.organisations)
      .values({ kind: 'commune', code, name: 'Xã Thử Riêng', parentId: options.provinceId })
      .returning();
    const [body] = await tx
      .insert(schema.bodies)
      .values({
        organisationId: commune?.id ?? '',
        kind: options.kind,
        name: `Cơ quan thử (${options.kind})`,
        statutorySize: options.statutorySize ?? options.members.length,
        rules: DEFAULT_BODY_RULES[options.kind],
      })
      .returning();
    const bodyId = body?.id ?? '';
    const members = [];
    for (const member of options.members) {
      const [person] = await tx
        .insert(schema.people)
        .values({ fullName: member.fullName })
        .returning();
      const personId = person?.id ?? '';
      await tx.insert(schema.memberships).values({
        personId,
        bodyId,
        position: member.position ?? 'member',
        votingRight: member.votingRight ?? true,
        startsOn: '2025-07-01',
      });
      const [account] = await tx
        .insert(schema.accounts)
        .values({ role: 'delegate', displayName: member.fullName, personId })
        .returning();
      const { token } = await createSession(tx, account?.id ?? '', 'tablet', options.now);
      members.push({ personId, token });
    }
    const [office] = await tx
      .insert(schema.accounts)
      .values({
        role: 'secretariat',
        username: `vanphong.${randomUUID()}`,
        displayName: 'Văn phòng xã thử',
        organisationId: commune?.id ?? '',
      })
      .returning();
    const secretariat = await createSession(tx, office?.id ?? '', 'browser', options.now);
    const meetingId = await createMeetingFromTemplate(tx, {
      body: { id: bodyId, kind: options.kind, name: body?.name ?? '' },
      place: 'Hội trường',
      startsAt: options.now,
      presidingOfficerId: members[options.presidingAt]?.personId ?? '',
      secretaryIds: [members[options.secretaryAt]?.personId ?? ''],
      today: vietnamDay(options.now),
    });
    return {
      communeId: commune?.id ?? '',
      bodyId,
      meetingId,
      members,
      secretariatToken: secretariat.token,
    };
  });
}

import { MeetingClient } from '@hopxa/client';
import {
  overviewSchema,
  type MeetingDetail,
  type MembersResponse,
  type SetupOverview,
} from '@hopxa/protocol';
import { DEMO_ACCOUNT } from '../seed/demo-commune.ts';
import { getOver, pairTabletOver, signInOver } from './http-session.ts';

/**
 * The demo ward's People's Council as a running server shows it to its secretariat: the
 * first meeting, its presiding officer and members, and tablets paired the way the office
 * pairs them, each following the meeting with a client that retries through a restart.
 */
export async function demoCouncilTablets(base: string) {
  const office = await signInOver(base, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
  const overview = overviewSchema.parse(await (await fetch(`${base}/api/overview`)).json());
  const setup = await getOver<SetupOverview>(
    base,
    `/api/organisations/${overview.communes[0]?.id}/setup`,
    office,
  );
  const council = setup.bodies.find((body) => body.kind === 'peoples_council');
  const meetingId = setup.meetings.find((meeting) => meeting.bodyId === council?.id)?.id ?? '';
  const detail = await getOver<MeetingDetail>(base, `/api/meetings/${meetingId}`, office);
  const { members } = await getOver<MembersResponse>(
    base,
    `/api/bodies/${council?.id}/members`,
    office,
  );
  const presidingId =
    detail.roles.find((role) => role.role === 'presiding_officer')?.personId ?? '';
  const secretaryId = detail.roles.find((role) => role.role === 'secretary')?.personId ?? '';
  // One tablet paired at a time, as the secretariat pairs them: every pairing attempt from one
  // address counts against its limit from the moment it starts.
  let pairing: Promise<unknown> = Promise.resolve();
  /** The session cookie of a tablet paired for `personId` (for a browser, or a client). */
  const pair = (personId: string, on: string = base): Promise<string> => {
    const paired = pairing.then(() => pairTabletOver(on, office, council?.id ?? '', personId));
    pairing = paired.catch(() => undefined);
    return paired;
  };
  /** A tablet for `personId`, paired and connected through the process at `on`. */
  const tablet = async (personId: string, on: string = base) => {
    const cookie = await pair(personId, on);
    const client = new MeetingClient(on, meetingId, {
      headers: { cookie },
      answerTimeoutMs: 1000,
      attempts: 60,
    });
    await client.start();
    return client;
  };
  /** Convenes the meeting as the secretariat does, so its roll call opens. */
  const convene = async () => {
    const client = new MeetingClient(base, meetingId, { headers: { cookie: office } });
    await client.start();
    const answer = await client.send({ type: 'convene' });
    client.stop();
    if (!answer.ok) throw new Error(`the meeting was not convened: ${answer.error.code}`);
  };
  return {
    meetingId,
    presidingId,
    secretaryId,
    office,
    memberIds: members.map((member) => member.personId),
    memberNames: new Map(members.map((member) => [member.personId, member.fullName])),
    pair,
    tablet,
    convene,
  };
}

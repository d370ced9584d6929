import { describeEachDatabase } from '@hopxa/db/testing';
import type { AccessActor } from '@hopxa/domain';
import { myMeetingsResponseSchema } from '@hopxa/protocol';
import { expect, it } from 'vitest';
import { useApiWorld } from '../test/fixtures.ts';

describeEachDatabase('the meetings a signed-in person may follow', (database) => {
  const context = useApiWorld(database);
  const partsOf = async (actor: AccessActor) => {
    const response = await context.api.request('GET', '/api/my/meetings', {
      token: context.world.tokens[actor],
    });
    expect(response.status).toBe(200);
    return myMeetingsResponseSchema
      .parse(response.body)
      .meetings.filter((meeting) => meeting.id === context.world.meetingId)
      .map((meeting) => meeting.part);
  };

  it('lists the council meeting with what each person is in it, which picks their screen', async () => {
    expect(await partsOf('presidingOfficer')).toEqual(['presiding_officer']);
    expect(await partsOf('secretary')).toEqual(['secretary']);
    expect(await partsOf('delegate')).toEqual(['voter']);
    expect(await partsOf('delegateWithoutVote')).toEqual(['observer']);
    expect(await partsOf('follower')).toEqual(['observer']);
    expect(await partsOf('secretariat')).toEqual(['observer']);
  });

  it('leaves out meetings a person may not follow', async () => {
    expect(await partsOf('otherProvinceFollower')).toEqual([]);
    expect(await partsOf('otherSecretariat')).toEqual([]);
    expect(await partsOf('otherBodyDelegate')).toEqual([]);
  });
});

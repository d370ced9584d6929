import { describeEachDatabase } from '@hopxa/db/testing';
import { DEFAULT_BODY_RULES } from '@hopxa/domain';
import type { MembersResponse, SetupOverview } from '@hopxa/protocol';
import { expect, it } from 'vitest';

import { useApiWorld } from '../test/fixtures.ts';

describeEachDatabase('bodies and their members', (database) => {
  const context = useApiWorld(database);
  const as = (method: string, path: string, body?: unknown) =>
    context.api.request(method, path, {
      token: context.world.tokens.secretariat,
      ...(body !== undefined && { body }),
    });
  const setup = async () =>
    (await as('GET', `/api/organisations/${context.world.communeId}/setup`)).body as SetupOverview;
  const members = async () =>
    (await as('GET', `/api/bodies/${context.world.councilId}/members`)).body as MembersResponse;

  it("adds a body with its kind's rules, and only one body of each kind per commune", async () => {
    const created = await as('POST', `/api/organisations/${context.world.communeId}/bodies`, {
      kind: 'party_standing_committee',
      name: 'Ban Thường vụ Đảng ủy xã Thử Một',
      statutorySize: 9,
    });
    expect(created.status).toBe(201);
    const body = (await setup()).bodies.find(
      (candidate) => candidate.kind === 'party_standing_committee',
    );
    expect(body).toMatchObject({ statutorySize: 9, membersInOffice: 0 });
    expect(body?.voteLabels).toEqual(DEFAULT_BODY_RULES.party_standing_committee.voteLabels);
    const again = await as('POST', `/api/organisations/${context.world.communeId}/bodies`, {
      kind: 'party_standing_committee',
      name: 'Ban khác',
      statutorySize: 5,
    });
    expect(again.status).toBe(409);
    expect((again.body as { code: string }).code).toBe('body_kind_exists');
  });

  it("changes a council's statutory size and the words on its ballot", async () => {
    const labels = { inFavour: 'Đồng ý', against: 'Không đồng ý', notVoting: 'Phiếu trắng' };
    expect(
      (
        await as('PATCH', `/api/bodies/${context.world.councilId}`, {
          statutorySize: 7,
          voteLabels: labels,
        })
      ).status,
    ).toBe(204);
    const council = (await setup()).bodies.find((body) => body.id === context.world.councilId);
    expect(council).toMatchObject({ statutorySize: 7, voteLabels: labels });
  });

  it('adds a member and changes their seat; a member whose term ended no longer counts or votes', async () => {
    const added = await as('POST', `/api/bodies/${context.world.councilId}/members`, {
      fullName: 'Triệu Thị Yến',
      title: 'Bí thư chi bộ thôn',
      position: 'delegate',
      votingRight: true,
      startsOn: '2025-07-01',
    });
    expect(added.status).toBe(201);
    const { membershipId } = added.body as { membershipId: string };
    await as('PATCH', `/api/bodies/${context.world.councilId}/members/${membershipId}`, {
      position: 'vice_chair',
    });
    expect(
      (await members()).members.find((member) => member.membershipId === membershipId),
    ).toMatchObject({
      fullName: 'Triệu Thị Yến',
      title: 'Bí thư chi bộ thôn',
      position: 'vice_chair',
    });

    const backwards = await as(
      'PATCH',
      `/api/bodies/${context.world.councilId}/members/${membershipId}`,
      {
        endsOn: '2025-01-01',
      },
    );
    expect(backwards.status).toBe(400);

    const countBefore =
      (await setup()).bodies.find((body) => body.id === context.world.councilId)?.membersInOffice ??
      0;
    const delegate = (await members()).members.find(
      (member) => member.personId === context.world.delegatePersonId,
    );
    const meeting = () =>
      context.api.request('GET', `/api/meetings/${context.world.meetingId}`, {
        token: context.world.tokens.delegate,
      });
    expect((await meeting()).status).toBe(200);
    await as('PATCH', `/api/bodies/${context.world.councilId}/members/${delegate?.membershipId}`, {
      endsOn: '2025-12-31',
    });
    expect(
      (await setup()).bodies.find((body) => body.id === context.world.councilId)?.membersInOffice,
    ).toBe(countBefore - 1);
    expect((await meeting()).status).toBe(403);
  });

  it('T3 refuses an import, a member or a smaller size that would put more members with a vote in office than the statutory size', async () => {
    const { committeeId } = context.world;
    const committee = (method: string, path: string, body?: unknown) =>
      as(method, `/api/bodies/${committeeId}${path}`, body);
    expect((await committee('PATCH', '', { statutorySize: 3 })).status).toBe(204);
    // The committee has one member with a vote; three more would make four of three.
    const csv = 'Họ và tên\nLò Văn Páo\nVi Thị Dung\nHoàng Văn Chiến\n';
    const imported = await committee('POST', '/members/import', { csv, commit: true });
    expect(imported.status).toBe(409);
    expect(imported.body).toMatchObject({
      code: 'over_statutory_size',
      issues: [{ path: 'statutorySize', message: expect.stringMatching(/4 .* 3/) }],
    });
    const listed = async () =>
      ((await committee('GET', '/members')).body as MembersResponse).members.length;
    expect(await listed()).toBe(1);
    // Two fit; then a third is refused, and so is shrinking the size below two.
    const twoMore = 'Họ và tên\nLò Văn Páo\nVi Thị Dung\n';
    expect(
      (await committee('POST', '/members/import', { csv: twoMore, commit: true })).status,
    ).toBe(201);
    const third = await committee('POST', '/members', {
      fullName: 'Hoàng Văn Chiến',
      position: 'member',
      votingRight: true,
      startsOn: '2025-07-01',
    });
    expect(third.status).toBe(409);
    // Without a vote, or once someone's term has ended, there is room.
    const observer = await committee('POST', '/members', {
      fullName: 'Hoàng Văn Chiến',
      position: 'member',
      votingRight: false,
      startsOn: '2025-07-01',
    });
    expect(observer.status).toBe(201);
    const { membershipId } = observer.body as { membershipId: string };
    expect(
      (await committee('PATCH', `/members/${membershipId}`, { votingRight: true })).status,
    ).toBe(409);
    expect((await committee('PATCH', '', { statutorySize: 2 })).status).toBe(409);
    const overview = (await setup()).bodies.find((body) => body.id === committeeId);
    expect(overview).toMatchObject({ statutorySize: 3, membersInOffice: 3 });
  });
});

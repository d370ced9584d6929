import { describeEachDatabase } from '@hopxa/db/testing';
import { meetingTemplate } from '@hopxa/domain';
import type { MeetingDetail } from '@hopxa/protocol';
import { expect, it } from 'vitest';

import { useApiWorld } from '../test/fixtures.ts';

describeEachDatabase('setting up a meeting', (database) => {
  const context = useApiWorld(database);
  let meeting: MeetingDetail;
  const as = (method: string, path: string, body?: unknown) =>
    context.api.request(method, path, {
      token: context.world.tokens.secretariat,
      ...(body !== undefined && { body }),
    });

  it("creates the body's next meeting with its own number and title, its regular agenda, place, time and roles", async () => {
    const response = await as('POST', `/api/bodies/${context.world.councilId}/meetings`, {
      place: 'Hội trường Ủy ban nhân dân xã',
      startsAt: '2026-02-02T08:00:00+07:00',
      presidingOfficerId: context.world.delegatePersonId,
      secretaryIds: [context.world.delegatePersonId],
    });
    expect(response.status).toBe(201);
    meeting = response.body as MeetingDetail;
    // The council's first meeting is the world's: this one is its second.
    expect(meeting.title).toBe('Kỳ họp thứ hai Hội đồng nhân dân xã Thử Một');
    expect(meeting.status).toBe('draft');
    expect(meeting.startsAt).toBe('2026-02-02T01:00:00.000Z');
    expect(meeting.agenda.map((item) => item.title)).toEqual(
      meetingTemplate('peoples_council', 'regular').items.map((item) => item.title.vi),
    );
    expect(meeting.roles.map((role) => role.role).sort()).toEqual([
      'presiding_officer',
      'secretary',
    ]);
  });

  it('drafts a thematic or extraordinary session from its own agenda, and refuses a second first meeting', async () => {
    const people = {
      place: 'Hội trường',
      startsAt: '2026-03-02T08:00:00+07:00',
      presidingOfficerId: context.world.delegatePersonId,
      secretaryIds: [context.world.delegatePersonId],
    };
    const path = `/api/bodies/${context.world.councilId}/meetings`;
    const first = await as('POST', path, { ...people, template: 'first' });
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({ code: 'first_meeting_exists' });
    const extraordinary = await as('POST', path, { ...people, template: 'extraordinary' });
    expect(extraordinary.status).toBe(201);
    const made = extraordinary.body as MeetingDetail;
    expect(made.title).toBe('Kỳ họp thứ ba (bất thường) Hội đồng nhân dân xã Thử Một');
    expect(made.agenda[1]?.children[0]?.title).toBe('Tuyên bố lý do triệu tập bất thường');
    const unknown = await as('POST', path, { ...people, template: 'yearly' });
    expect(unknown.status).toBe(400);
  });

  it('refuses a presiding officer or secretary who is not a current member of the body', async () => {
    const members = (await as('GET', `/api/bodies/${context.world.committeeId}/members`)).body as {
      members: { personId: string }[];
    };
    const outsider = members.members[0]?.personId;
    const create = await as('POST', `/api/bodies/${context.world.councilId}/meetings`, {
      place: 'Hội trường',
      startsAt: '2026-02-02T08:00:00+07:00',
      presidingOfficerId: outsider,
      secretaryIds: [context.world.delegatePersonId],
    });
    expect(create.status).toBe(400);
    expect((create.body as { code: string }).code).toBe('not_a_member');
    const update = await as('PATCH', `/api/meetings/${meeting.id}`, { secretaryIds: [outsider] });
    expect(update.status).toBe(400);
    const unchanged = (await as('GET', `/api/meetings/${meeting.id}`)).body as MeetingDetail;
    expect(unchanged.roles.map((role) => role.personId)).not.toContain(outsider);
  });

  it('edits an item: title, kind and duration', async () => {
    const item = meeting.agenda[1]?.children[0];
    const response = await as('PATCH', `/api/meetings/${meeting.id}/agenda-items/${item?.id}`, {
      title: 'Báo cáo thẩm tra tư cách đại biểu',
      durationMinutes: 15,
    });
    expect((response.body as MeetingDetail).agenda[1]?.children[0]).toMatchObject({
      title: 'Báo cáo thẩm tra tư cách đại biểu',
      durationMinutes: 15,
      kind: 'report',
    });
  });

  it('adds an item at the top level or under a heading, but never two levels deep', async () => {
    const heading = meeting.agenda[1];
    const added = await as('POST', `/api/meetings/${meeting.id}/agenda-items`, {
      title: 'Thảo luận tổ',
      kind: 'procedural',
      durationMinutes: 20,
      parentId: heading?.id,
    });
    const updated = added.body as MeetingDetail;
    expect(updated.agenda[1]?.children.at(-1)?.title).toBe('Thảo luận tổ');
    const child = updated.agenda[1]?.children[0];
    const tooDeep = await as('POST', `/api/meetings/${meeting.id}/agenda-items`, {
      title: 'Cấp ba',
      kind: 'procedural',
      durationMinutes: 5,
      parentId: child?.id,
    });
    expect(tooDeep.status).toBe(400);
    expect((tooDeep.body as { code: string }).code).toBe('agenda_order_invalid');
    meeting = updated;
  });

  it('reorders: moves a closing item first and lifts a child to the top level', async () => {
    const [opening, business, closing] = meeting.agenda;
    const lifted = business?.children[0];
    const order = [
      { id: closing?.id, children: closing?.children.map((child) => child.id) },
      { id: lifted?.id, children: [] },
      { id: opening?.id, children: opening?.children.map((child) => child.id) },
      { id: business?.id, children: business?.children.slice(1).map((child) => child.id) },
    ];
    const response = await as('PUT', `/api/meetings/${meeting.id}/agenda-order`, { items: order });
    expect(response.status).toBe(200);
    const reordered = response.body as MeetingDetail;
    expect(reordered.agenda.map((item) => item.id)).toEqual(order.map((item) => item.id));
    expect(reordered.agenda[1]?.children).toEqual([]);
    meeting = reordered;
  });

  it('refuses an order that leaves out an item or names one twice', async () => {
    const ids = meeting.agenda.map((item) => ({
      id: item.id,
      children: item.children.map((child) => child.id),
    }));
    const missing = await as('PUT', `/api/meetings/${meeting.id}/agenda-order`, {
      items: ids.slice(1),
    });
    expect(missing.status).toBe(400);
    const twice = await as('PUT', `/api/meetings/${meeting.id}/agenda-order`, {
      items: [...ids, ids[0]],
    });
    expect(twice.status).toBe(400);
    const unchanged = await as('GET', `/api/meetings/${meeting.id}`);
    expect((unchanged.body as MeetingDetail).agenda).toEqual(meeting.agenda);
  });

  it('deletes an item, but not a heading that still has items under it', async () => {
    const heading = meeting.agenda.find((item) => item.children.length > 0);
    const refused = await as('DELETE', `/api/meetings/${meeting.id}/agenda-items/${heading?.id}`);
    expect(refused.status).toBe(409);
    const leaf = meeting.agenda[1];
    const removed = await as('DELETE', `/api/meetings/${meeting.id}/agenda-items/${leaf?.id}`);
    expect((removed.body as MeetingDetail).agenda.map((item) => item.id)).not.toContain(leaf?.id);
  });

  it('changes place, time and who presides', async () => {
    const response = await as('PATCH', `/api/meetings/${meeting.id}`, {
      place: 'Nhà văn hóa xã',
      secretaryIds: [context.world.delegatePersonId],
    });
    expect(response.body).toMatchObject({ place: 'Nhà văn hóa xã' });
    const audit = await as('GET', `/api/organisations/${context.world.communeId}/audit`);
    const actions = (audit.body as { events: { action: string }[] }).events.map(
      (event) => event.action,
    );
    for (const action of [
      'meeting.create',
      'meeting.update',
      'agenda.add',
      'agenda.update',
      'agenda.reorder',
      'agenda.delete',
    ]) {
      expect(actions).toContain(action);
    }
  });
});

import { describeEachDatabase } from '@hopxa/db/testing';
import type { MeetingStatus } from '@hopxa/domain';
import type { MeetingDetail, MyMeeting, Overview, SetupOverview } from '@hopxa/protocol';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { getOver } from '../test/http-session.ts';
import { until, useRealtime } from '../test/realtime-harness.ts';

describeEachDatabase("a meeting's status, from its log", (database) => {
  const context = useRealtime(database);
  const cookie = (token: string | null) => `${SESSION_COOKIE}=${token ?? ''}`;

  /** The meeting's status as every list and page shows it: public home, setup, mine, detail. */
  async function everyList(): Promise<Record<string, MeetingStatus | undefined>> {
    const { world, url } = context;
    const office = cookie(world.tokens.secretariat);
    const home = (await (await fetch(`${url}/api/overview`)).json()) as Overview;
    const setup = await getOver<SetupOverview>(
      url,
      `/api/organisations/${world.communeId}/setup`,
      office,
    );
    const { meetings: mine } = await getOver<{ meetings: MyMeeting[] }>(
      url,
      '/api/my/meetings',
      cookie(world.tokens.delegate),
    );
    const detail = await getOver<MeetingDetail>(url, `/api/meetings/${world.meetingId}`, office);
    return {
      home: home.communes
        .flatMap((commune) => commune.bodies.flatMap((body) => body.meetings))
        .find((meeting) => meeting.id === world.meetingId)?.status,
      setup: setup.meetings.find((meeting) => meeting.id === world.meetingId)?.status,
      mine: mine.find((meeting) => meeting.id === world.meetingId)?.status,
      detail: detail.status,
    };
  }
  const everywhere = (status: MeetingStatus) => ({
    home: status,
    setup: status,
    mine: status,
    detail: status,
  });

  it('L1 shows draft, convened, in session and closed on every list as the log moves, and keeps drafts off the public home page', async () => {
    // A draft is the secretariat's: the public home page does not show it at all.
    expect(await everyList()).toEqual({ ...everywhere('draft'), home: undefined });

    await context.convene();
    expect(await everyList()).toEqual(everywhere('convened'));

    const presiding = context.client('presidingOfficer');
    const delegate = context.client('delegate');
    await Promise.all([presiding.start(), delegate.start()]);
    expect(await delegate.send({ type: 'check_in', status: 'present_in_hall' })).toMatchObject({
      ok: true,
    });
    expect(await presiding.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    expect(await everyList()).toEqual(everywhere('open'));

    expect(await presiding.send({ type: 'close_sitting' })).toMatchObject({ ok: true });
    await until(presiding, (state) => state.status === 'closed');
    expect(await everyList()).toEqual(everywhere('closed'));
  });
});

describeEachDatabase('setup edits against the running meeting', (database) => {
  const context = useRealtime(database);
  const edit = (method: string, path: string, body: unknown) =>
    fetch(`${context.url}${path}`, {
      method,
      headers: {
        origin: context.url,
        'content-type': 'application/json',
        cookie: `${SESSION_COOKIE}=${context.world.tokens.secretariat ?? ''}`,
      },
      body: JSON.stringify(body),
    });
  const meetingPath = () => `/api/meetings/${context.world.meetingId}`;
  const newItem = { title: 'Mục thêm sau', kind: 'report', durationMinutes: 5, parentId: null };

  it('refuses agenda edits from setup once the meeting is convened, and every detail once the sitting has opened, changing nothing', async () => {
    expect((await edit('POST', `${meetingPath()}/agenda-items`, newItem)).status).toBe(201);
    await context.convene();

    const presiding = context.client('presidingOfficer');
    await presiding.start();
    const convened = await until(presiding, (state) => state.status === 'convened');

    const added = await edit('POST', `${meetingPath()}/agenda-items`, newItem);
    expect(added.status).toBe(409);
    expect(await added.json()).toMatchObject({
      code: 'meeting_convened',
      message: expect.stringContaining('đã được triệu tập'),
    });
    const itemId = convened.agenda[0]?.id ?? '';
    const renamed = await edit('PATCH', `${meetingPath()}/agenda-items/${itemId}`, {
      title: 'Tên khác',
    });
    expect(renamed.status).toBe(409);
    expect((await edit('DELETE', `${meetingPath()}/agenda-items/${itemId}`, {})).status).toBe(409);
    // The details may still change until the opening.
    expect((await edit('PATCH', meetingPath(), { place: 'Hội trường tầng 2' })).status).toBe(200);

    const delegate = context.client('delegate');
    await delegate.start();
    await delegate.send({ type: 'check_in', status: 'present_in_hall' });
    expect(await presiding.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
    const moved = await edit('PATCH', meetingPath(), { place: 'Nơi khác' });
    expect(moved.status).toBe(409);
    expect(await moved.json()).toMatchObject({ code: 'meeting_opened' });

    const detail = await getOver<MeetingDetail>(
      context.url,
      meetingPath(),
      `${SESSION_COOKIE}=${context.world.tokens.secretariat ?? ''}`,
    );
    expect(detail.place).toBe('Hội trường tầng 2');
    expect(detail.agenda.map((item) => item.title)).toEqual(
      convened.agenda.filter((item) => item.parentId === null).map((item) => item.title),
    );
  });
});

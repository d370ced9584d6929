// Linked video through the real server and its SFU child process, for real Socket.IO clients
// and node-datachannel peers playing the browsers, on both databases: rule PG4 of SPEC.md,
// each video message's permission and its refusal of malformed input.
import type { MeetingClient } from '@hopxa/client';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { VideoEndedMessage } from '@hopxa/protocol';
import { TestPublisher, TestViewer } from '@hopxa/sfu/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useRealtime } from '../test/realtime-harness.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { addConnectionPoint } from './connection-points.service.ts';

describeEachDatabase('linked video over Socket.IO, with the SFU beside the server', (database) => {
  const context = useRealtime(database, { video: true });
  const db = () => database.handle().db;
  const peers: { close: () => void }[] = [];
  let hall: { pointId: string; credential: string };
  let province: { pointId: string; credential: string };
  const refusedWith = (code: string) => ({ ok: false, error: { code } });
  /** A client of the world's meeting as `actor`, connected. */
  const started = async (actor: Parameters<typeof context.client>[0]) => {
    const client = context.client(actor);
    await client.start();
    return client;
  };
  /** A client as `actor` whose socket is connected without joining the meeting (which it may not). */
  const connected = async (actor: Parameters<typeof context.client>[0]) => {
    const client = context.client(actor);
    await new Promise<void>((resolve) => {
      client.socket.once('connect', () => resolve());
      client.socket.connect();
    });
    return client;
  };
  const emit = (client: MeetingClient, event: string, payload?: unknown) =>
    (
      client.socket.timeout(10_000).emitWithAck as (
        event: string,
        payload: unknown,
      ) => Promise<{ ok: boolean; data?: { sessionId: string; answer: string } }>
    )(event, payload);

  beforeAll(async () => {
    const target = await meetingTarget(db(), context.world.meetingId);
    const office = { accountId: null, organisationId: target.organisationId };
    const added = await addConnectionPoint(db(), office, target, {
      kind: 'hall',
      name: 'Hội trường',
    });
    hall = { pointId: added.point.pointId, credential: added.credential };
    const second = await addConnectionPoint(db(), office, target, {
      kind: 'province',
      name: 'Điểm cầu tỉnh',
    });
    province = { pointId: second.point.pointId, credential: second.credential };
    await context.convene();
  });
  afterAll(() => {
    for (const peer of peers) peer.close();
  });

  it("PG4 publishes with the point's own credential only, and any viewer of the meeting receives it", async () => {
    const follower = await started('follower');
    const publisher = await TestPublisher.create();
    peers.push(publisher);
    expect(
      await emit(follower, 'video:publish', {
        meetingId: context.world.meetingId,
        credential: 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst',
        offer: publisher.offer,
      }),
    ).toMatchObject(refusedWith('video_credential_refused'));
    const stranger = await connected('otherProvinceFollower');
    expect(
      await emit(stranger, 'video:publish', {
        meetingId: context.world.meetingId,
        credential: hall.credential,
        offer: publisher.offer,
      }),
    ).toMatchObject(refusedWith('forbidden'));
    const published = await emit(follower, 'video:publish', {
      meetingId: context.world.meetingId,
      credential: hall.credential,
      offer: publisher.offer,
    });
    expect(published).toMatchObject({ ok: true });
    await publisher.accept(published.data?.answer ?? '');
    publisher.startSending();

    const delegate = await started('delegate');
    const viewer = await TestViewer.create();
    peers.push(viewer);
    const watched = await emit(delegate, 'video:watch', {
      meetingId: context.world.meetingId,
      source: { kind: 'point', pointId: hall.pointId },
      quality: 'high',
      offer: viewer.offer,
    });
    expect(watched).toMatchObject({ ok: true });
    await viewer.accept(watched.data?.answer ?? '');
    await viewer.waitFor(() => viewer.received.video.length > 20, 'the point’s packets');
    expect(new Set(viewer.received.video.map((packet) => packet.stamp?.tag))).toEqual(
      new Set([publisher.tag]),
    );
    // A point the meeting does not have is no source.
    expect(
      await emit(delegate, 'video:watch', {
        meetingId: context.world.meetingId,
        source: { kind: 'point', pointId: crypto.randomUUID() },
        quality: 'low',
        offer: viewer.offer,
      }),
    ).toMatchObject(refusedWith('unknown_connection_point'));
  });

  it('PG4 the link status is for whoever runs the sitting, not for every viewer', async () => {
    const secretariat = await started('secretariat');
    const status = (await emit(secretariat, 'video:status', {
      meetingId: context.world.meetingId,
    })) as { ok: boolean; data?: unknown };
    expect(status).toMatchObject({
      ok: true,
      data: {
        points: [
          { pointId: hall.pointId, name: 'Hội trường', connected: true },
          { pointId: province.pointId, name: 'Điểm cầu tỉnh', connected: false },
        ],
      },
    });
    for (const actor of ['delegate', 'follower', 'guest', 'hallDisplay'] as const)
      expect(
        await emit(await started(actor), 'video:status', { meetingId: context.world.meetingId }),
        actor,
      ).toMatchObject(refusedWith('forbidden'));
    const points = await emit(await started('hallDisplay'), 'video:points', {
      meetingId: context.world.meetingId,
    });
    expect(points).toMatchObject({
      ok: true,
      data: { points: [{ pointId: hall.pointId }, { pointId: province.pointId }] },
    });
  });

  it('PG4 takes WHIP with the point’s Bearer credential only, and ends a session only for its own point', async () => {
    const whip = `${context.url}/whip/${context.world.meetingId}`;
    const publisher = await TestPublisher.create();
    peers.push(publisher);
    const post = (credential: string | null, body: string, type = 'application/sdp') =>
      fetch(whip, {
        method: 'POST',
        headers: {
          'content-type': type,
          ...(credential !== null && { authorization: `Bearer ${credential}` }),
        },
        body,
      });
    expect((await post(null, publisher.offer)).status).toBe(401);
    expect((await post('not-a-credential', publisher.offer)).status).toBe(401);
    expect((await post(province.credential, '{"sdp":1}', 'application/json')).status).toBe(415);
    expect((await post(province.credential, 'not an offer')).status).toBe(400);
    const published = await post(province.credential, publisher.offer);
    expect(published.status).toBe(201);
    expect(published.headers.get('content-type')).toMatch(/^application\/sdp/);
    await publisher.accept(await published.text());
    const location = published.headers.get('location') ?? '';
    expect(location).toMatch(/^\/whip\/[0-9a-f-]{36}\/sessions\/[0-9a-f-]{36}$/);
    const remove = (credential: string) =>
      fetch(`${context.url}${location}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${credential}` },
      });
    // Another point's credential cannot end it; its own can, once.
    expect((await remove(hall.credential)).status).toBe(404);
    expect((await remove(province.credential)).status).toBe(200);
    expect((await remove(province.credential)).status).toBe(404);
  });

  it('PG4 a revoked point is cut at once: its publisher is told, its credential publishes no more', async () => {
    const follower = await started('follower');
    const publisher = await TestPublisher.create();
    peers.push(publisher);
    const published = await emit(follower, 'video:publish', {
      meetingId: context.world.meetingId,
      credential: hall.credential,
      offer: publisher.offer,
    });
    await publisher.accept(published.data?.answer ?? '');
    const ended = new Promise<VideoEndedMessage>((resolve) =>
      follower.socket.on('video:ended', resolve),
    );
    // Revoked as the setup page does it.
    const revoked = await fetch(
      `${context.url}/api/meetings/${context.world.meetingId}/connection-points/${hall.pointId}/revoke`,
      {
        method: 'POST',
        headers: {
          cookie: `${SESSION_COOKIE}=${context.world.tokens.secretariat}`,
          origin: context.url,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(revoked.status).toBe(200);
    expect(await ended).toMatchObject({
      meetingId: context.world.meetingId,
      sessionId: published.data?.sessionId,
      reason: 'revoked',
    });
    const again = await TestPublisher.create();
    peers.push(again);
    expect(
      await emit(follower, 'video:publish', {
        meetingId: context.world.meetingId,
        credential: hall.credential,
        offer: again.offer,
      }),
    ).toMatchObject(refusedWith('video_credential_refused'));
  });

  it('refuses every malformed video message with invalid_input, and answers one sent without a payload', async () => {
    const delegate = await started('delegate');
    const meetingId = context.world.meetingId;
    const offer = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';
    const malformed: [string, unknown][] = [
      ['video:publish', { meetingId, credential: '', offer }],
      ['video:publish', { meetingId, credential: 'x', offer: 'not an offer' }],
      ['video:publish', { meetingId, credential: 'x', offer: `v=0${'a'.repeat(30_000)}` }],
      ['video:publish', { meetingId: 'not-an-id', credential: 'x', offer }],
      ['video:watch', { meetingId, source: { kind: 'everything' }, quality: 'high', offer }],
      ['video:watch', { meetingId, source: { kind: 'program' }, quality: '4k', offer }],
      [
        'video:watch',
        { meetingId, source: { kind: 'point', pointId: 'x' }, quality: 'low', offer },
      ],
      ['video:switch', { meetingId, sessionId: 'x', source: { kind: 'program' }, quality: 'low' }],
      ['video:leave', { meetingId }],
      ['video:status', { meetingId, extra: true }],
      ['video:points', {}],
    ];
    for (const [event, payload] of malformed)
      expect(await emit(delegate, event, payload), event).toMatchObject(
        refusedWith('invalid_input'),
      );
    // Leaving a session already ended does nothing, as leaving a room twice does.
    expect(
      await emit(delegate, 'video:leave', { meetingId, sessionId: crypto.randomUUID() }),
    ).toMatchObject({ ok: true });
  });
});

import { watchNotices } from '@hopxa/client';
import { describeEachDatabase } from '@hopxa/db/testing';
import type { AccessActor } from '@hopxa/domain';
import type { NoticeChangedMessage, NoticeReceiptsResponse, NoticeResponse } from '@hopxa/protocol';
import { afterAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { useRealtime } from '../test/realtime-harness.ts';
import { pdfFixture } from './pdf-fixtures.ts';

describeEachDatabase('the notice reaches the members', (database) => {
  const context = useRealtime(database);
  const stops: (() => void)[] = [];
  afterAll(() => {
    for (const stop of stops) stop();
  });

  const cookieOf = (actor: AccessActor) => `${SESSION_COOKIE}=${context.world.tokens[actor]}`;
  /** What `actor`'s own screens hear of notices, as they hear it. */
  const heard = async (actor: AccessActor) => {
    const messages: NoticeChangedMessage[] = [];
    const connected = new Promise<void>((resolve) => {
      stops.push(
        watchNotices(
          context.url,
          (message) => {
            if (message) messages.push(message);
          },
          { cookie: cookieOf(actor) },
        ),
      );
      // The first connection says nothing; a moment for it to be made.
      setTimeout(resolve, 300);
    });
    await connected;
    return messages;
  };
  const call = async (actor: AccessActor, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${context.url}${path}`, {
      method,
      headers: {
        cookie: cookieOf(actor),
        origin: context.url,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('NT1 convening tells each member at once; the notice says when, where and what; the secretariat sees who opened it', async () => {
    const { meetingId } = context.world;
    const delegate = await heard('delegate');
    const follower = await heard('follower');
    await context.convene();
    await until(() => delegate.length > 0, 'the delegate told');
    expect(delegate).toEqual([{ meetingId, version: 1 }]);
    const notice = (await call('delegate', 'GET', `/api/meetings/${meetingId}/notice`))
      .body as NoticeResponse;
    expect(notice).toMatchObject({
      version: 1,
      place: 'Hội trường xã',
      changes: [],
      openedAt: null,
    });
    expect(notice.agenda.length).toBeGreaterThan(0);
    expect(notice.papers.map((paper) => paper.id).sort()).toEqual(
      Object.values(context.world.documentIds).concat(context.world.spareDocumentId).sort(),
    );
    // A follower reads only the papers made public to it, and is no member to be told.
    const followed = (await call('follower', 'GET', `/api/meetings/${meetingId}/notice`))
      .body as NoticeResponse;
    expect(followed.papers.map((paper) => paper.id)).toEqual([context.world.documentIds.public]);
    expect(follower).toEqual([]);

    const receipts = async () =>
      (await call('secretariat', 'GET', `/api/meetings/${meetingId}/notice/receipts`))
        .body as NoticeReceiptsResponse;
    const delegateLine = async () =>
      (await receipts()).members.find(
        (member) => member.personId === context.world.delegatePersonId,
      );
    expect(await delegateLine()).toMatchObject({ openedVersion: null, openedAt: null });
    expect(
      (await call('delegate', 'POST', `/api/meetings/${meetingId}/notice/opened`, { version: 1 }))
        .status,
    ).toBe(204);
    expect(await delegateLine()).toMatchObject({ openedVersion: 1 });
    // Once per version, in the audit log too.
    await call('delegate', 'POST', `/api/meetings/${meetingId}/notice/opened`, { version: 1 });
    const audit = (
      await call('secretariat', 'GET', `/api/organisations/${context.world.communeId}/audit`)
    ).body as { events: { action: string }[] };
    expect(audit.events.filter((event) => event.action === 'notice.open')).toHaveLength(1);
    expect(
      (await call('delegate', 'POST', `/api/meetings/${meetingId}/notice/opened`, { version: 2 }))
        .body,
    ).toMatchObject({ code: 'notice_changed' });
  });

  it('NT2 a new place, then a new paper, reach the members as new versions that say what changed', async () => {
    const { meetingId } = context.world;
    const delegate = await heard('delegate');
    const moved = await call('secretariat', 'PATCH', `/api/meetings/${meetingId}`, {
      place: 'Nhà văn hóa thôn Đồng Tâm',
    });
    expect(moved.status).toBe(200);
    await until(() => delegate.length > 0, 'the delegate told of the new place');
    expect(delegate.at(-1)).toEqual({ meetingId, version: 2 });
    const notice = (await call('delegate', 'GET', `/api/meetings/${meetingId}/notice`))
      .body as NoticeResponse;
    expect(notice).toMatchObject({
      version: 2,
      place: 'Nhà văn hóa thôn Đồng Tâm',
      changes: ['place'],
      openedAt: null,
    });
    // The same place typed again is no change, and tells nobody.
    await call('secretariat', 'PATCH', `/api/meetings/${meetingId}`, {
      place: 'Nhà văn hóa thôn Đồng Tâm',
    });

    const query = new URLSearchParams({
      title: 'Báo cáo thẩm tra',
      kind: 'report',
      audience: 'members',
      fileName: 'Báo cáo thẩm tra.pdf',
    });
    const filed = await fetch(`${context.url}/api/meetings/${meetingId}/documents?${query}`, {
      method: 'POST',
      headers: {
        cookie: cookieOf('secretariat'),
        origin: context.url,
        'content-type': 'application/pdf',
      },
      body: new Uint8Array(pdfFixture({ pages: 1 })),
    });
    expect(filed.status).toBe(201);
    await until(() => delegate.length > 1, 'the delegate told of the new paper');
    expect(delegate).toEqual([
      { meetingId, version: 2 },
      { meetingId, version: 3 },
    ]);
    const withPaper = (await call('delegate', 'GET', `/api/meetings/${meetingId}/notice`))
      .body as NoticeResponse;
    expect(withPaper.changes).toEqual(['papers']);
    expect(withPaper.papers.map((paper) => paper.title)).toContain('Báo cáo thẩm tra');
    // The secretariat sees the delegate has read version 1 only.
    const receipts = (
      await call('secretariat', 'GET', `/api/meetings/${meetingId}/notice/receipts`)
    ).body as NoticeReceiptsResponse;
    expect(receipts.version).toBe(3);
    expect(
      receipts.members.find((member) => member.personId === context.world.delegatePersonId),
    ).toMatchObject({ openedVersion: 1 });
  });
});

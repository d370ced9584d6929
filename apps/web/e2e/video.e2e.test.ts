import { fileURLToPath } from 'node:url';
import { MeetingClient } from '@hopxa/client';
import type { ConnectionPointsResponse } from '@hopxa/protocol';
import { describeWithService } from '@hopxa/testing';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { DEMO_FOLLOWER } from '../../server/src/seed/demo-commune.ts';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { getOver, postOver, signInOver } from '../../server/src/test/http-session.ts';
import { overflowOf } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/video/', import.meta.url));
/** How long a page reloaded at a point may take before its viewers see it again. */
const RECOVERY_LIMIT_MS = 5_000;

type Added = { point: { pointId: string; name: string }; credential: string };

describeWithService(
  'chromium',
  'linked video between connection points, with fake cameras',
  (chromiumPath) => {
    let meetingId = '';
    let office = '';
    let follower = '';
    let council: Awaited<ReturnType<typeof demoCouncilTablets>>;
    let hall: Added;
    let province: Added;

    const running = useServerAndBrowser(chromiumPath, { fakeMedia: true });
    const clients = running.clients;

    beforeAll(async () => {
      council = await demoCouncilTablets(running.server.url);
      await council.convene();
      meetingId = council.meetingId;
      office = council.office;
      follower = await signInOver(
        running.server.url,
        DEMO_FOLLOWER.username,
        DEMO_FOLLOWER.password,
      );
      const points = `/api/meetings/${meetingId}/connection-points`;
      const { followers } = await getOver<ConnectionPointsResponse>(
        running.server.url,
        points,
        office,
      );
      hall = await postOver<Added>(
        running.server.url,
        points,
        { kind: 'hall', name: 'Hội trường UBND phường' },
        office,
      );
      province = await postOver<Added>(
        running.server.url,
        points,
        {
          kind: 'province',
          name: 'Điểm cầu tỉnh',
          followerAccountId: followers.find(
            (each) => each.displayName === DEMO_FOLLOWER.displayName,
          )?.accountId,
        },
        office,
      );
    });

    /** A page signed in with `cookie`, at a laptop's size unless told. */
    async function pageOf(cookie: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
      const context = await running.browser.newContext({
        viewport,
        locale: 'vi-VN',
      });
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: running.server.url }]);
      return context.newPage();
    }
    /** Frames the page's first picture has shown so far (the browser's own count). */
    const framesOf = (page: Page, index = 0) =>
      page
        .locator('figure video')
        .nth(index)
        .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames);
    /** Waits until the picture has moved on by `frames` frames from `from`. */
    async function framesGrow(page: Page, from: number, frames = 10, index = 0) {
      await expect
        .poll(() => framesOf(page, index), { timeout: 15_000 })
        .toBeGreaterThan(from + frames);
    }
    /** A follower's page watching one point. */
    async function watching(pointName: string): Promise<Page> {
      const page = await pageOf(follower);
      await page.goto(`${running.server.url}/meetings/${meetingId}/follow`);
      await page.getByLabel('Xem').selectOption({ label: pointName });
      return page;
    }

    let publisher: Page;
    /** The page that publishes the province's point by WHIP, as an encoder would. */
    let whipPage: Page;
    let viewers: Page[];

    it("sends a point's fake camera to two viewers, who decode its frames", async () => {
      publisher = await pageOf(office);
      await publisher.goto(`${running.server.url}/meetings/${meetingId}/point#${hall.credential}`);
      // The credential leaves the address bar at once.
      await expect.poll(() => publisher.url()).not.toContain(hall.credential);
      await publisher.getByRole('button', { name: 'Phát hình lên hệ thống' }).click();
      await publisher.getByText('Đang phát lên hệ thống').waitFor();
      viewers = [await watching(hall.point.name), await watching(hall.point.name)];
      for (const viewer of viewers) await framesGrow(viewer, 0);
      // The test before the sitting: camera, microphone and network each checked.
      for (const check of ['camera', 'network'])
        await expect
          .poll(
            () =>
              publisher
                .locator('[data-check]')
                .evaluateAll((items) =>
                  items.map(
                    (item) =>
                      `${item.getAttribute('data-check')}:${item.className}:${item.textContent}`,
                  ),
                ),
            { timeout: 10_000 },
          )
          .toContainEqual(expect.stringMatching(new RegExp(`^${check}:.*\\bok\\b`)));
    });

    it('brings the picture back to its viewers within 5 s of the publishing page being reloaded', async () => {
      const before = await Promise.all(viewers.map((viewer) => framesOf(viewer)));
      const started = Date.now();
      await publisher.reload();
      // The page goes back on air by itself.
      await Promise.all(
        viewers.map((viewer, index) => framesGrow(viewer, (before[index] ?? 0) + 25, 5)),
      );
      expect(Date.now() - started).toBeLessThan(RECOVERY_LIMIT_MS);
    });

    it('takes a WHIP publish and plays it by WHEP, each bearer-protected', async () => {
      const page = await pageOf(follower);
      whipPage = page;
      await page.goto(`${running.server.url}/meetings/${meetingId}/follow`);
      const refused = await page.evaluate(
        async ({ meetingId }) =>
          (
            await fetch(`/whip/${meetingId}`, {
              method: 'POST',
              headers: { 'content-type': 'application/sdp' },
              body: 'v=0\r\n',
            })
          ).status,
        { meetingId },
      );
      expect(refused).toBe(401);
      const published = await page.evaluate(whipOrWhep, {
        send: true,
        url: `/whip/${meetingId}`,
        credential: province.credential,
      });
      expect(published.status).toBe(201);
      expect(published.location).toMatch(new RegExp(`^/whip/${meetingId}/sessions/[0-9a-f-]{36}$`));
      const player = await pageOf(office);
      await player.goto(`${running.server.url}/meetings/${meetingId}/follow`);
      const played = await player.evaluate(whipOrWhep, {
        send: false,
        url: `/whep/${meetingId}/points/${province.point.pointId}`,
        credential: hall.credential,
      });
      expect(played).toMatchObject({ status: 201, decoded: true });
      expect(
        await player.evaluate(
          async ({ location, credential }) =>
            (
              await fetch(location, {
                method: 'DELETE',
                headers: { authorization: `Bearer ${credential}` },
              })
            ).status,
          { location: played.location, credential: hall.credential },
        ),
      ).toBe(200);
    });

    it('sets up 20 connections in a row without one failing', async () => {
      const player = await pageOf(office);
      await player.goto(`${running.server.url}/meetings/${meetingId}/follow`);
      for (let round = 0; round < 20; round += 1) {
        const played = await player.evaluate(whipOrWhep, {
          send: false,
          url: `/whep/${meetingId}/points/${hall.point.pointId}`,
          credential: hall.credential,
        });
        expect(played, `set-up ${round + 1}`).toMatchObject({ status: 201, decoded: true });
        await player.evaluate(
          async ({ location, credential }) =>
            void (await fetch(location, {
              method: 'DELETE',
              headers: { authorization: `Bearer ${credential}` },
            })),
          { location: played.location, credential: hall.credential },
        );
      }
    });

    it('puts the chosen point, then the point given the floor, on the program the hall display shows', async () => {
      // The sitting opens with every member present.
      const secretary = await council.tablet(council.secretaryId);
      const chair = await council.tablet(council.presidingId);
      clients.push(secretary, chair);
      expect(await secretary.send({ type: 'record_all_present' })).toMatchObject({ ok: true });
      expect(await chair.send({ type: 'open_sitting' })).toMatchObject({ ok: true });
      const hallDisplay = await pageOf(office, { width: 1920, height: 1080 });
      await hallDisplay.goto(`${running.server.url}/meetings/${meetingId}/hall`);
      await hallDisplay.getByRole('button', { name: 'Hình ảnh các điểm cầu' }).click();
      const program = hallDisplay.locator('.program figure');
      // PG3: the hall's own point until the presiding officer chooses another.
      await program.getByText(hall.point.name).waitFor();
      await framesGrow(hallDisplay, 0);
      // PG1: the province's point (publishing by WHIP) on the program.
      expect(
        await chair.send({ type: 'set_program', pointId: province.point.pointId }),
      ).toMatchObject({ ok: true });
      await program.getByText(province.point.name).waitFor();
      await framesGrow(hallDisplay, await framesOf(hallDisplay));
      expect(await chair.send({ type: 'set_program', pointId: null })).toMatchObject({ ok: true });
      await program.getByText(hall.point.name).waitFor();
      // PG2: the province asks for the floor as its point; given it, it is on the program, and
      // the hall shows the pictures by itself.
      await hallDisplay.getByRole('button', { name: 'Diễn biến cuộc họp' }).click();
      const provinceClient = new MeetingClient(running.server.url, meetingId, {
        headers: { cookie: follower },
      });
      clients.push(provinceClient);
      await provinceClient.start();
      const requestId = crypto.randomUUID();
      expect(await provinceClient.send({ type: 'request_floor', requestId })).toMatchObject({
        ok: true,
      });
      expect(await chair.send({ type: 'grant_floor', requestId, limitSeconds: 300 })).toMatchObject(
        { ok: true },
      );
      await program.getByText(province.point.name).waitFor();
      await framesGrow(hallDisplay, await framesOf(hallDisplay));
      expect(await chair.send({ type: 'end_floor' })).toMatchObject({ ok: true });
      await expect.poll(() => program.count()).toBe(0);

      // The presiding officer sees how each point's link is doing, and is told when one drops.
      const consolePage = await pageOf(await council.pair(council.presidingId), {
        width: 1180,
        height: 820,
      });
      await consolePage.goto(`${running.server.url}/meetings/${meetingId}/chair`);
      await consolePage.getByRole('tab', { name: 'Truyền hình' }).click();
      const provinceRow = consolePage.getByRole('row', { name: new RegExp(province.point.name) });
      await provinceRow.getByText('Đang kết nối').waitFor();
      // The tab fits the console's one screen, as every other does.
      expect(await overflowOf(consolePage)).toBeLessThanOrEqual(0);
      await consolePage.screenshot({ path: `${screenshots}/chair-video.png` });
      await hallDisplay.getByRole('button', { name: 'Hình ảnh các điểm cầu' }).click();
      expect(await overflowOf(hallDisplay)).toBeLessThanOrEqual(0);
      await hallDisplay.screenshot({ path: `${screenshots}/hall-video.png` });
      await whipPage.close();
      await consolePage
        .getByRole('alert')
        .getByText(`Mất tín hiệu: ${province.point.name}.`, { exact: false })
        .waitFor({ timeout: 10_000 });
    });

    it('lets a follower watch but not publish without its point’s credential', async () => {
      const page = await pageOf(follower);
      // The form works once the page has run its script: wait for it, as a loaded machine may
      // take its time.
      await page.goto(`${running.server.url}/meetings/${meetingId}/point`, {
        waitUntil: 'networkidle',
      });
      await page.getByLabel('Mã phát hình của điểm cầu').fill('abcdefghijklmnopqrstuvwxyz234567');
      await page.getByRole('button', { name: 'Dùng mã này' }).click();
      await page.getByRole('button', { name: 'Phát hình lên hệ thống' }).click();
      await page.getByText('Bị từ chối').waitFor();
      await page.getByText(/Mã phát hình của điểm cầu không đúng hoặc đã bị thu hồi/).waitFor();
    });

    it('cuts a revoked point: its page is told, its viewers stop, its credential no longer publishes', async () => {
      await postOver(
        running.server.url,
        `/api/meetings/${meetingId}/connection-points/${hall.point.pointId}/revoke`,
        {},
        office,
      );
      await publisher.getByText('Bị từ chối').waitFor();
      // Its viewers' picture stops, and they are taken back to the program.
      const viewer = viewers[0] as Page;
      const stopped = await framesOf(viewer);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await framesOf(viewer)).toBeLessThan(stopped + 5);
      await expect
        .poll(() => viewer.getByLabel('Xem').locator('option').allTextContents())
        .not.toContain(hall.point.name);
      await expect.poll(() => viewer.getByLabel('Xem').inputValue()).toBe('program');
      const page = await pageOf(office);
      await page.goto(`${running.server.url}/meetings/${meetingId}/follow`);
      const again = await page.evaluate(whipOrWhep, {
        send: true,
        url: `/whip/${meetingId}`,
        credential: hall.credential,
      });
      expect(again.status).toBe(401);
    });
  },
);

/**
 * In the page, as an encoder (WHIP: the fake camera sent) or a player (WHEP: until frames are
 * decoded, or 10 s) would: the offer with its candidates, POSTed with the Bearer credential.
 * The connection stays open until the test ends the session with DELETE.
 */
async function whipOrWhep({
  url,
  credential,
  send,
}: {
  url: string;
  credential: string;
  send: boolean;
}): Promise<{ status: number; location: string; decoded: boolean }> {
  const pc = new RTCPeerConnection();
  if (send) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly' });
  } else {
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
  }
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') resolve();
    });
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/sdp', authorization: `Bearer ${credential}` },
    body: pc.localDescription?.sdp ?? '',
  });
  const location = response.headers.get('location') ?? '';
  if (response.status !== 201) return { status: response.status, location, decoded: false };
  await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  const kept = globalThis as unknown as { kept?: unknown[] };
  kept.kept = [...(kept.kept ?? []), pc];
  const until = Date.now() + 10_000;
  let decoded = false;
  while (!send && !decoded && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    (await pc.getStats()).forEach(
      (report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video')
          decoded ||= (report.framesDecoded ?? 0) > 0;
      },
    );
  }
  return { status: response.status, location, decoded };
}

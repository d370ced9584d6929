import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '@hopxa/db';
import { vietnamDay } from '@hopxa/domain';
import { createThrowawayPostgres, describeWithService } from '@hopxa/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PROVINCE_ADMIN } from '../../server/src/seed/demo-commune.ts';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { captureScreen } from './screen-check.ts';
import { provinceOf } from './province-sittings.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const screenshots = fileURLToPath(new URL('../../../test-results/e2e/board/', import.meta.url));
const WALL = { width: 1920, height: 1080 } as const;
const LAPTOP = { width: 1366, height: 768 } as const;

/** A browser signed in through the sign-in page, as a person does it. */
async function signedIn(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`, { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((address) => address.pathname !== '/sign-in');
  return page;
}

describeWithService('chromium', 'the province board', (chromiumPath) => {
  describeWithService('postgres', "on the province's communes", (postgresUrl) => {
    // The server runs on a database of its own that the test writes too: communes are made
    // by the state, not on a screen. Made before the server starts, dropped after it stops.
    const env: Record<string, string> = {};
    let database: { url: string; drop: () => Promise<void> } | undefined;
    let handle: DatabaseHandle | undefined;
    beforeAll(async () => {
      database = await createThrowawayPostgres(postgresUrl);
      env.DATABASE_URL = database.url;
    });
    afterAll(async () => {
      await handle?.close();
      await database?.drop();
    });
    const running = useServerAndBrowser(chromiumPath, { env });

    it('shows the day’s sittings by commune on a wall and a laptop, alerts as quorum goes and comes, finds and narrows, and follows a sitting in one click', async () => {
      const { url } = running.server;
      handle = await createDatabase({ driver: 'postgres', url: env.DATABASE_URL ?? '' });
      const province = await provinceOf(handle.db, url, running.clients);

      // The demo ward's council, convened for now: on the board, not yet open.
      const council = await demoCouncilTablets(url);
      const timed = await fetch(`${url}/api/meetings/${council.meetingId}`, {
        method: 'PATCH',
        headers: { origin: url, cookie: council.office, 'content-type': 'application/json' },
        body: JSON.stringify({ startsAt: new Date().toISOString() }),
      });
      expect(timed.status).toBe(200);
      await council.convene();

      const phuBinh = await province.commune('Xã Phú Bình', 'peoples_committee', 5);
      await province.open(phuBinh);
      const daiTu = await province.commune('Xã Đại Từ', 'peoples_council', 5);
      await province.open(daiTu);
      const phoYen = await province.commune('Phường Phổ Yên', 'party_executive_committee', 5);
      await province.open(phoYen);
      await province.vote(phoYen, 'Thông qua Nghị quyết chuyên đề', [
        'in_favour',
        'against',
        'against',
        'against',
        'against',
      ]);
      const dongHy = await province.commune('Phường Đồng Hỷ', 'peoples_committee', 4);
      await province.open(dongHy);
      await dongHy.run({ type: 'close_sitting' });
      // Convened for twenty minutes ago and not opened: late, unless that was yesterday.
      const twentyAgo = new Date(Date.now() - 20 * 60_000);
      const lateToday = vietnamDay(twentyAgo) === vietnamDay(new Date());
      await province.commune(
        'Xã Võ Nhai',
        'fatherland_front_committee',
        5,
        lateToday ? twentyAgo : new Date(),
      );

      // The province's administrator makes its follower from the province screen; a bad
      // username is said next to its box.
      const admin = await signedIn(
        running.browser,
        url,
        DEMO_PROVINCE_ADMIN.username,
        DEMO_PROVINCE_ADMIN.password,
        LAPTOP,
      );
      await admin.waitForURL((address) => address.pathname === '/board');
      await admin.getByRole('navigation').getByRole('link', { name: 'Quản trị tỉnh' }).click();
      await admin.getByRole('heading', { name: 'Quản trị Tỉnh Thái Nguyên' }).waitFor();
      const form = admin.locator('#new-follower');
      const followerPassword = 'theo-doi-thu-nghiem';
      await form.getByLabel('Tên hiển thị').fill('Điểm cầu Văn phòng Tỉnh ủy');
      await form.getByLabel('Tên đăng nhập').fill('Theo Dõi');
      await form.getByLabel('Mật khẩu ban đầu').fill(followerPassword);
      await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await form.locator('input[name="username"][aria-invalid="true"]').waitFor();
      await expect(form.locator('.field-problem').count()).resolves.toBe(1);
      await form.getByLabel('Tên đăng nhập').fill('theodoi.tinhuy');
      await form.getByLabel('Mật khẩu ban đầu').fill(followerPassword);
      await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await admin.getByText('Đã tạo tài khoản Điểm cầu Văn phòng Tỉnh ủy').waitFor();
      await expect(form.locator('[aria-invalid="true"]').count()).resolves.toBe(0);
      // A follower made by mistake is closed, after a confirmation.
      await form.getByLabel('Tên hiển thị').fill('Tài khoản tạm');
      await form.getByLabel('Tên đăng nhập').fill('tam.thoi');
      await form.getByLabel('Mật khẩu ban đầu').fill(followerPassword);
      await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await admin.getByText('Đã tạo tài khoản Tài khoản tạm').waitFor();
      admin.once('dialog', (dialog) => void dialog.accept());
      await admin.getByRole('button', { name: 'Đóng tài khoản Tài khoản tạm' }).click();
      await admin.getByText('Đã đóng tài khoản Tài khoản tạm.').waitFor();
      await admin.getByRole('row', { name: /Tài khoản tạm.*Đã đóng lúc/ }).waitFor();
      expect(await captureScreen(admin, screenshots, 'province-1366x768'), 'province').toEqual([]);

      // Signed in, the follower lands on the board, and finds it again from the home page.
      const board = await signedIn(running.browser, url, 'theodoi.tinhuy', followerPassword, WALL);
      expect(new URL(board.url()).pathname).toBe('/board');
      await board.goto(`${url}/`, { waitUntil: 'networkidle' });
      await board.getByRole('link', { name: 'Mở bảng theo dõi toàn tỉnh' }).click();
      await board.waitForURL((address) => address.pathname === '/board');
      await board.locator('[data-connection="online"]').waitFor();
      const count = (name: string) => board.locator(`[data-count="${name}"]`);
      const commune = (name: string) => board.getByRole('region', { name, exact: true });
      await expect.poll(() => count('sittings').textContent()).toBe('6');
      await expect.poll(() => count('in-session').textContent()).toBe('3');
      await expect.poll(() => count('alerts').textContent()).toBe(lateToday ? '2' : '1');

      // Each sitting's figures, in its body's own words.
      const songCong = commune('Phường Sông Công');
      await songCong.getByText('Kỳ họp chưa khai mạc').waitFor();
      await songCong.getByText(/Có mặt 0\/\d+ đại biểu · chưa đủ túc số/).waitFor();
      const phuBinhTile = commune('Xã Phú Bình');
      await phuBinhTile.getByText('Phiên họp đang diễn ra').waitFor();
      await phuBinhTile.getByText('Có mặt 5/5 thành viên · đủ túc số').waitFor();
      const firstItem = phuBinh.chair.state?.agenda.find((item) => item.status === 'current');
      await phuBinhTile.getByText(firstItem?.title ?? '').waitFor();
      const phoYenTile = commune('Phường Phổ Yên');
      await phoYenTile.getByText('Thông qua Nghị quyết chuyên đề').waitFor();
      await phoYenTile.getByText('KHÔNG THÔNG QUA').waitFor();
      await phoYenTile.locator('[data-alert="poll_failed"]').waitFor();
      await commune('Phường Đồng Hỷ').getByText('Phiên họp đã bế mạc').waitFor();
      const voNhai = commune('Xã Võ Nhai');
      await voNhai.getByText('Hội nghị chưa khai mạc').waitFor();
      if (lateToday) await voNhai.getByText('Quá giờ chưa khai mạc').waitFor();

      // Quorum lost while sitting: the alert comes on its own, and the count with it.
      const daiTuTile = commune('Xã Đại Từ');
      for (const personId of daiTu.personIds.slice(2))
        await daiTu.run({ type: 'record_attendance', personId, status: 'absent_unexcused' });
      await daiTuTile.locator('[data-alert="quorum_lost"]').waitFor();
      await daiTuTile.getByText('Có mặt 2/5 đại biểu · chưa đủ túc số').waitFor();
      await expect.poll(() => count('alerts').textContent()).toBe(lateToday ? '3' : '2');

      expect(await captureScreen(board, docs, 'board-1920x1080'), 'wall').toEqual([]);
      await board.setViewportSize(LAPTOP);
      // On a laptop the figures, the filters and the first communes all show without scrolling.
      const firstCommuneTop = await board
        .locator('section.commune')
        .first()
        .evaluate((section) => section.getBoundingClientRect().top);
      expect(firstCommuneTop).toBeLessThan(LAPTOP.height / 2);
      expect(await captureScreen(board, docs, 'board-1366x768'), 'laptop').toEqual([]);

      // Quorum back: the alert clears.
      for (const personId of daiTu.personIds.slice(2))
        await daiTu.run({ type: 'record_attendance', personId, status: 'present_in_hall' });
      await daiTuTile.getByText('Có mặt 5/5 đại biểu · đủ túc số').waitFor();
      await expect(daiTuTile.locator('[data-alert]').count()).resolves.toBe(0);
      await expect.poll(() => count('alerts').textContent()).toBe(lateToday ? '2' : '1');

      // A commune found by its name typed without marks; a filter narrows the board.
      await board.getByLabel('Tìm xã, phường').fill('song cong');
      await expect.poll(() => board.locator('section.commune').count()).toBe(1);
      await songCong.waitFor();
      await board.getByText('Đang hiện 1/6 cuộc họp').waitFor();
      await board.getByLabel('Tìm xã, phường').fill('');
      await board.getByLabel('Tình hình').selectOption('open');
      await expect.poll(() => board.locator('li.sitting').count()).toBe(3);
      await expect(commune('Phường Đồng Hỷ').count()).resolves.toBe(0);
      await board.getByRole('button', { name: 'Bỏ lọc' }).click();
      await expect.poll(() => board.locator('li.sitting').count()).toBe(6);

      // The day's summary prints from the board, as PDF and as Word.
      for (const [name, type] of [
        [/tệp PDF/, 'application/pdf'],
        [/tệp Word/, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ] as const) {
        const href = await board.getByRole('link', { name }).getAttribute('href');
        const paper = await board.request.get(`${url}${href}`);
        expect(paper.status(), href ?? '').toBe(200);
        expect(paper.headers()['content-type']).toContain(type);
      }

      // One click anywhere on a sitting follows it.
      await board.locator(`li.sitting[data-meeting="${phuBinh.meetingId}"]`).click({
        position: { x: 40, y: 50 },
      });
      await board.waitForURL(
        (address) => address.pathname === `/meetings/${phuBinh.meetingId}/follow`,
      );
      await board.getByText('Có mặt 5/5').first().waitFor();

      // A commune's secretariat has no board.
      const officeContext = await running.browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' });
      const [name, value] = council.office.split('=') as [string, string];
      await officeContext.addCookies([{ name, value, url }]);
      const office = await officeContext.newPage();
      await office.goto(`${url}/board`, { waitUntil: 'networkidle' });
      await office.getByText('Tài khoản này không có bảng theo dõi').waitFor();
      await office.getByRole('link', { name: 'Về trang chủ' }).waitFor();
    });
  });
});

import { fileURLToPath } from 'node:url';
import { describeWithService } from '@hopxa/testing';
import { expect, it } from 'vitest';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { captureScreen } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));

describeWithService('chromium', 'the home page in Chromium', (chromiumPath) => {
  const running = useServerAndBrowser(chromiumPath);

  it('shows the ward and its four bodies in Vietnamese, no draft, and a meeting with its agenda once convened', async () => {
    const page = await running.browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(running.server.url);

    await expect(page.title()).resolves.toBe('Họp Xã – Phòng họp không giấy');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('heading', { name: /Phường Sông Công/ }).waitFor();
    for (const body of [
      'Hội đồng nhân dân phường Sông Công',
      'Ủy ban nhân dân phường Sông Công',
      'Ban Chấp hành Đảng bộ phường Sông Công',
      'Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công',
    ]) {
      await expect(
        page.getByRole('heading', { name: body, exact: true }).isVisible(),
      ).resolves.toBe(true);
    }

    // The first meetings are drafts: nothing of them is public yet.
    const title = 'Kỳ họp thứ nhất Hội đồng nhân dân phường Sông Công';
    expect(await page.getByText(title).count()).toBe(0);
    expect(await page.getByText('Biểu quyết thông qua chương trình').count()).toBe(0);

    // Convened, the meeting is public: opening it shows its agenda, in working controls.
    await (await demoCouncilTablets(running.server.url)).convene();
    await page.reload();
    await page.getByText(title).click();
    await page.getByText('Biểu quyết thông qua chương trình').first().waitFor();
    expect(await captureScreen(page, screenshots, 'home')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('switches to English with one press, and keeps it on the next visit', async () => {
    const context = await running.browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    // The switch works once the page has run its script.
    await page.goto(running.server.url, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await page.getByText('Paperless meetings for commune bodies', { exact: false }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${running.server.url}/sign-in`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    await context.close();
  });

  it('answers an unknown page with a Vietnamese page that leads back home', async () => {
    const page = await running.browser.newPage();
    const response = await page.goto(`${running.server.url}/khong-co-trang-nay`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Không tìm thấy trang này' }).waitFor();
    await page.getByRole('link', { name: 'trang chủ' }).click();
    await page.getByRole('heading', { name: /Phường Sông Công/ }).waitFor();
  });
});

import { fileURLToPath } from 'node:url';
import { describeWithService } from '@hopxa/testing';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/auth/session-cookie.ts';
import { DEMO_ACCOUNT } from '../../server/src/seed/demo-commune.ts';
import { captureScreen } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));

describeWithService(
  'chromium',
  'the secretariat sets up a sitting and pairs a tablet',
  (chromiumPath) => {
    // The most verbose logging, so the secrecy check below sees every line the server can write.
    const running = useServerAndBrowser(chromiumPath, { env: { LOG_LEVEL: 'trace' } });

    it('signs in, creates a meeting from the template, makes a pairing code; the tablet lands as the delegate', async () => {
      const office = await running.browser.newContext({
        viewport: { width: 1366, height: 900 },
        locale: 'vi-VN',
      });
      const page = await office.newPage();
      await page.goto(`${running.server.url}/sign-in`);
      await page.getByLabel('Tên đăng nhập').fill(DEMO_ACCOUNT.username);
      await page.getByLabel('Mật khẩu').fill(DEMO_ACCOUNT.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { name: /Thiết lập Phường Sông Công/ }).waitFor();
      expect(await captureScreen(page, screenshots, 'setup')).toEqual([]);

      await page
        .getByRole('link', { name: 'Hội đồng nhân dân phường Sông Công', exact: true })
        .click();
      await page.getByRole('heading', { name: /Hội đồng nhân dân phường Sông Công/ }).waitFor();
      // A name the server refuses is explained under its own box, in a secretary's words.
      const addMember = page.locator('form', {
        has: page.getByRole('heading', { name: 'Thêm thành viên' }),
      });
      await addMember.getByLabel('Họ và tên').fill('Lò \u202EThị Mai');
      await addMember.getByRole('button', { name: 'Thêm', exact: true }).click();
      const refused = addMember.locator('input[name="fullName"][aria-invalid="true"]');
      await refused.waitFor();
      const explained = addMember.locator(`#${await refused.getAttribute('aria-describedby')}`);
      await expect(explained.textContent()).resolves.toMatch(/^Họ và tên: /);
      await expect(explained.textContent()).resolves.not.toMatch(/string|expected|Quá nhỏ|Invalid/);
      expect(await captureScreen(page, screenshots, 'field-problem')).toEqual([]);
      await addMember.getByLabel('Họ và tên').fill('');

      // The council has its first session: the next is numbered, here a thematic one.
      await page.getByLabel('Loại cuộc họp').selectOption({ label: 'Chuyên đề' });
      await page.getByLabel('Địa điểm').fill('Hội trường tầng 2, trụ sở phường');
      await page.getByLabel('Thời gian').fill('2026-12-15T08:00');
      await page.getByLabel('Chủ tọa').selectOption({ index: 1 });
      const secretaries = page.getByLabel(/Thư ký/);
      const secretaryOptions = await secretaries.locator('option').allTextContents();
      await secretaries.selectOption([secretaryOptions.at(-1) ?? '']);
      await page.getByRole('button', { name: /Tạo cuộc họp/ }).click();

      await page.getByRole('heading', { name: 'Thông tin cuộc họp' }).waitFor();
      await expect(page.getByLabel('Địa điểm').inputValue()).resolves.toBe(
        'Hội trường tầng 2, trụ sở phường',
      );
      const titles = await Promise.all(
        (await page.getByLabel('Tên mục').all()).map((input) => input.inputValue()),
      );
      expect(titles).toContain('Biểu quyết thông qua chương trình');
      expect(titles).toContain('Biểu quyết thông qua nghị quyết');
      await page
        .getByRole('heading', {
          name: /^Kỳ họp thứ hai \(chuyên đề\) Hội đồng nhân dân phường Sông Công/,
        })
        .waitFor();
      expect(await captureScreen(page, screenshots, 'meeting-agenda')).toEqual([]);

      await page
        .getByRole('link', { name: 'Hội đồng nhân dân phường Sông Công', exact: true })
        .click();
      const pairButton = page.getByRole('button', { name: /^Tạo mã ghép cho / }).nth(4);
      const delegate = ((await pairButton.getAttribute('aria-label')) ?? '').replace(
        'Tạo mã ghép cho ',
        '',
      );
      await pairButton.click();
      const code = ((await page.getByTestId('pairing-code').textContent()) ?? '').trim();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await expect(
        page.getByRole('img', { name: 'Mã QR để ghép thiết bị' }).isVisible(),
      ).resolves.toBe(true);
      // The code opens under the row whose button asked for it, not at the top of the page.
      const pressedAt = (await pairButton.boundingBox())?.y ?? 0;
      const shownAt =
        (await page.getByRole('heading', { name: `Mã ghép cho ${delegate}` }).boundingBox())?.y ??
        0;
      expect(shownAt - pressedAt).toBeGreaterThan(0);
      expect(shownAt - pressedAt).toBeLessThan(150);
      expect(await captureScreen(page, screenshots, 'pairing-code')).toEqual([]);

      // The tablet: another browser, tablet-sized, opening the QR code's link.
      const tablet = await running.browser.newContext({
        viewport: { width: 820, height: 1180 },
        locale: 'vi-VN',
        hasTouch: true,
      });
      const tabletPage = await tablet.newPage();
      await tabletPage.goto(`${running.server.url}/pair#${code.replace('-', '')}`);
      await tabletPage.getByRole('heading', { name: `Xin chào, ${delegate}` }).waitFor();
      expect(new URL(tabletPage.url()).pathname).toBe('/delegate');
      expect(new URL(tabletPage.url()).hash).toBe('');
      expect(await captureScreen(tabletPage, screenshots, 'tablet-paired')).toEqual([]);

      // The secretariat sees the tablet as paired.
      await page.goto(`${running.server.url}/setup`);
      const row = page.getByRole('row', { name: new RegExp(delegate) });
      await row.getByText('Đã ghép').waitFor();
      await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
      await page.getByRole('cell', { name: 'Ghép máy tính bảng' }).first().waitFor();
      expect(await captureScreen(page, screenshots, 'setup-audit')).toEqual([]);
      await page.goto(`${running.server.url}/setup`, { waitUntil: 'networkidle' });
      expect(await captureScreen(page, screenshots, 'setup-tablets')).toEqual([]);

      // No password, token or pairing code in any line the server wrote.
      const tokens = [...(await office.cookies()), ...(await tablet.cookies())]
        .filter((cookie) => cookie.name === SESSION_COOKIE)
        .map((cookie) => cookie.value);
      expect(tokens).toHaveLength(2);
      const output = running.server.output();
      expect(output).toContain('"msg":"request"'); // request lines were written, and are searched
      for (const secret of [DEMO_ACCOUNT.password, code, code.replace('-', ''), ...tokens]) {
        expect(output).not.toContain(secret);
      }

      // The tablet follows the meeting; its sign-out is out of the way of the ballot.
      await tabletPage.getByRole('link', { name: 'Vào màn hình biểu quyết' }).first().click();
      await tabletPage.locator('[data-connection="online"]').waitFor();
      expect(await tabletPage.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(false);
      // Revoked by the secretariat, the tablet is told so and taken to pair again.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Thu hồi máy ghép cho ${delegate}` }).click();
      await tabletPage.waitForURL((address) => address.pathname === '/pair');
      await tabletPage.getByText(/đã bị văn phòng thu hồi/).waitFor();
      expect(await captureScreen(tabletPage, screenshots, 'tablet-revoked')).toEqual([]);
    });

    it('tells a tablet with a used or wrong code what to do, in Vietnamese', async () => {
      const tablet = await running.browser.newContext({ viewport: { width: 820, height: 1180 } });
      const page = await tablet.newPage();
      await page.goto(`${running.server.url}/pair`, { waitUntil: 'networkidle' });
      // A code that cannot be one (an O, a 0) is explained before anything is sent.
      await page.getByLabel('Mã ghép').fill('ACDE-FGH0');
      await page.getByText(/Mã ghép có đúng 8 ký tự/).waitFor();
      await expect(page.getByRole('button', { name: 'Ghép máy' }).isDisabled()).resolves.toBe(true);
      await page.getByLabel('Mã ghép').fill('ACDE-FGHJ');
      await page.getByRole('button', { name: 'Ghép máy' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(
        /Xin văn phòng cấp mã mới/,
      );
    });

    it('sends someone who is not signed in from setup to the sign-in page', async () => {
      const page = await running.browser.newPage();
      await page.goto(`${running.server.url}/setup`);
      await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    });
  },
);

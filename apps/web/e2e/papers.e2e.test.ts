import { fileURLToPath } from 'node:url';
import type { MeetingClient } from '@hopxa/client';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { describeWithService } from '@hopxa/testing';
import { expect, it } from 'vitest';
import { pdfFixture, zipFixture } from '../../server/src/documents/pdf-fixtures.ts';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { captureScreen } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/papers/', import.meta.url));
const TABLET = { width: 820, height: 1180 };

describeWithService('chromium', "the papers on a delegate's tablet", (chromiumPath) => {
  const running = useServerAndBrowser(chromiumPath);
  const clients = running.clients;

  it('opens the current item’s draft resolution from the ballot, reads page 2, notes it, and reads it again offline', async () => {
    const council = await demoCouncilTablets(running.server.url);
    const { meetingId, presidingId, secretaryId } = council;
    await council.convene();
    const chair = await council.tablet(presidingId);
    const secretary = await council.tablet(secretaryId);
    clients.push(chair, secretary);
    const run = async (by: MeetingClient, command: MeetingCommandInput) => {
      const answer = await by.send(command);
      if (!answer.ok) throw new Error(`${command.type} refused: ${answer.error.code}`);
    };
    const item = (chair.state?.agenda ?? []).find((line) => line.parentId === null);
    if (!item) throw new Error('the demo meeting has no agenda');

    // The delegate's home shows the notice the convening sent, new until opened.
    const delegateId = council.memberIds.find(
      (personId) => personId !== presidingId && personId !== secretaryId,
    );
    const cookie = await council.pair(delegateId ?? '');
    const context = await running.browser.newContext({
      viewport: TABLET,
      locale: 'vi-VN',
      hasTouch: true,
    });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: running.server.url }]);
    const tablet = await context.newPage();
    await tablet.goto(`${running.server.url}/delegate`, { waitUntil: 'networkidle' });
    const notice = tablet.locator('section.notice-card');
    await notice.getByText('Giấy triệu tập:').waitFor();
    await notice.getByText('Mới', { exact: true }).waitFor();

    // The secretariat files the draft resolution under the first item from the setup page,
    // watching its progress; the delegate's home hears of it at once.
    const officeContext = await running.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'vi-VN',
    });
    const [officeName, officeValue] = council.office.split('=') as [string, string];
    await officeContext.addCookies([
      { name: officeName, value: officeValue, url: running.server.url },
    ]);
    const office = await officeContext.newPage();
    await office.goto(`${running.server.url}/setup/meetings/${meetingId}`, {
      waitUntil: 'networkidle',
    });
    await office.getByLabel('Thuộc nội dung').selectOption({ label: item.title });
    await office.getByLabel('Tên tài liệu').fill('Dự thảo Nghị quyết về chương trình kỳ họp');
    await office.getByLabel('Loại tài liệu').selectOption('draft_resolution');
    await office.getByLabel('Tệp PDF').setInputFiles({
      name: 'Dự thảo NQ chương trình.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFixture({ pages: 3 }),
    });
    await office.getByRole('button', { name: 'Tải lên' }).click();
    await office
      .getByText('Đã lưu tài liệu “Dự thảo Nghị quyết về chương trình kỳ họp”.')
      .waitFor();
    // A Word file renamed .pdf is refused with what to do.
    await office.getByLabel('Tên tài liệu').fill('Báo cáo (bản Word)');
    await office.getByLabel('Tệp PDF').setInputFiles({
      name: 'Báo cáo.pdf',
      mimeType: 'application/pdf',
      buffer: zipFixture(),
    });
    await office.getByRole('button', { name: 'Tải lên' }).click();
    await office.getByText(/Tệp không phải PDF/).waitFor();
    await officeContext.close();

    await notice.getByText('Đã thay đổi (lần 1): tài liệu.').waitFor();
    await notice.getByRole('button', { name: 'Xem giấy triệu tập' }).click();
    await notice.getByText('Dự thảo Nghị quyết về chương trình kỳ họp').waitFor();
    await notice.getByText('Đã xem', { exact: true }).waitFor();
    expect(await captureScreen(tablet, screenshots, 'notice'), 'notice').toEqual([]);

    await run(secretary, { type: 'record_all_present' });
    await run(chair, { type: 'open_sitting' });
    await run(chair, { type: 'set_current_item', itemId: item.id });

    // A vote opens: the ballot is the delegate's screen.
    await run(chair, {
      type: 'open_poll',
      pollId: crypto.randomUUID(),
      kind: 'open_vote',
      title: 'Thông qua Nghị quyết về chương trình kỳ họp',
    });
    await tablet.goto(`${running.server.url}/meetings/${meetingId}/tablet`);
    await tablet.locator('[data-connection="online"]').first().waitFor();
    await tablet.getByText('Thông qua Nghị quyết về chương trình kỳ họp').first().waitFor();

    // One tap from the ballot: the item's papers, and the draft resolution among them.
    await tablet.getByRole('button', { name: /^📄 Tài liệu/ }).click();
    await tablet.getByText('Dự thảo Nghị quyết về chương trình kỳ họp').click();
    await tablet.getByText('Trang 1/3').waitFor();
    await tablet.getByRole('button', { name: 'Trang sau' }).click();
    await tablet.getByText('Trang 2/3').waitFor();
    await tablet.getByText('Đã lưu trên máy: đọc được cả khi mất mạng.').waitFor();
    expect(await captureScreen(tablet, screenshots, 'reader-page-2'), 'reader').toEqual([]);

    // A private note on page 2.
    await tablet.getByRole('button', { name: /^Ghi chú/ }).click();
    await tablet.getByLabel('Ghi chú mới cho trang này').fill('Đề nghị sửa Điều 2, khoản 1.');
    await tablet.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await tablet.getByText('Đã lưu ghi chú.').waitFor();

    // Offline: the paper and the note are still there.
    await context.setOffline(true);
    await tablet.getByRole('button', { name: '← Đóng tài liệu' }).click();
    await tablet.getByText('Dự thảo Nghị quyết về chương trình kỳ họp').click();
    await tablet.getByText('Đang đọc bản đã lưu trên máy.').waitFor();
    await tablet.getByText('Trang 2/3').waitFor();
    const drawn = await tablet
      .locator('canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0);
    expect(drawn).toBe(true);
    await tablet.getByRole('button', { name: /^Ghi chú/ }).click();
    await tablet.getByText('Đề nghị sửa Điều 2, khoản 1.').waitFor();
    await context.setOffline(false);

    // The secretariat sees who opened it, in the audit log.
    const overview = (await (await fetch(`${running.server.url}/api/overview`)).json()) as {
      communes: { id: string }[];
    };
    const audit = (await (
      await fetch(`${running.server.url}/api/organisations/${overview.communes[0]?.id}/audit`, {
        headers: { cookie: council.office },
      })
    ).json()) as { events: { action: string }[] };
    expect(audit.events.some((event) => event.action === 'document.open')).toBe(true);
    await context.close();
  });
});

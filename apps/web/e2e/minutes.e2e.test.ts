import type { MeetingClient } from '@hopxa/client';
import { minutesSchema } from '@hopxa/minutes';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { describeWithService } from '@hopxa/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

/** How long the secretary's line stays down while the sitting goes on. */
const LINE_DOWN_MS = 30_000;
/** How long the server may take with the minutes (it writes the proceedings 1.5 s after an event). */
const SOON = { timeout: 15_000 };
const SCREEN = { width: 1366, height: 900 };

describeWithService(
  'chromium',
  "the secretary's minutes, written through a line that drops",
  (chromiumPath) => {
    let council: Awaited<ReturnType<typeof demoCouncilTablets>>;
    /** The presiding officer's tablet: runs the sitting and reads the minutes as the server has them. */
    let chair: MeetingClient;
    let secretaryContext: BrowserContext;

    const running = useServerAndBrowser(chromiumPath);

    beforeAll(async () => {
      council = await demoCouncilTablets(running.server.url);
      await council.convene();
      chair = await council.tablet(council.presidingId);
      secretaryContext = await signedIn(await council.pair(council.secretaryId));
    });
    // A test that failed with the line down leaves it down: each starts with it up.
    beforeEach(() => secretaryContext?.setOffline(false));
    afterAll(async () => {
      chair?.stop();
    });

    /** A browser context signed in with `cookie` (as its session would be after signing in). */
    async function signedIn(cookie: string) {
      const context = await running.browser.newContext({ viewport: SCREEN, locale: 'vi-VN' });
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: running.server.url }]);
      return context;
    }
    const url = (screen: string) => `${running.server.url}/meetings/${council.meetingId}/${screen}`;
    /** The minutes as the server holds them: what anyone opening them now reads. */
    async function onServer(): Promise<string> {
      const joined = await chair.socket
        .timeout(5000)
        .emitWithAck('minutes:join', { meetingId: council.meetingId });
      if (!joined.ok) throw new Error(`minutes:join refused: ${joined.error.code}`);
      const doc = minutesSchema.nodeFromJSON(joined.data.doc);
      // The proceedings' blocks hold their text as an attribute.
      return doc.textBetween(0, doc.content.size, '\n', (leaf) => String(leaf.attrs.text ?? ''));
    }
    const times = (text: string, words: string) => text.split(words).length - 1;
    /** Waits until every one of `phrases` is in the minutes on the server, each exactly once. */
    async function onServerOnce(phrases: readonly string[]) {
      await expect
        .poll(async () => {
          const text = await onServer();
          return phrases.map((words) => times(text, words));
        }, SOON)
        .toEqual(phrases.map(() => 1));
    }
    async function run(command: MeetingCommandInput) {
      const answer = await chair.send(command);
      if (!answer.ok) throw new Error(`${command.type} refused: ${answer.error.code}`);
    }
    /** The roll-call screen, online, its minutes' page ready to type into at the end. */
    async function rollCall(page: Page) {
      await page.goto(url('roll-call'));
      await page.locator('[data-connection="online"]').first().waitFor();
      return page.getByRole('textbox', { name: 'Biên bản cuộc họp' });
    }
    const saved = (page: Page) => page.getByText('Đã lưu trên máy chủ.').waitFor();
    const unsent = (page: Page) => page.getByText(/thay đổi chưa lưu: được giữ trên máy này/);
    /** Cuts the secretary's line and waits until the screen says so. */
    async function lineDown(page: Page) {
      await secretaryContext.setOffline(true);
      await page.locator('[data-connection="offline"]').first().waitFor();
    }
    /** Starts a new paragraph after the secretary's last one, and types `words`. */
    async function typeAfter(page: Page, last: string, words: string) {
      await page.getByText(last).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(words);
    }

    it('the presiding officer reads every word the secretary typed through 30 s without a line, once the line is back', async () => {
      const secretary = await secretaryContext.newPage();
      const minutes = await rollCall(secretary);
      await secretary
        .getByRole('button', { name: 'Ghi có mặt tại hội trường cho tất cả người chưa điểm danh' })
        .click();
      await secretary.getByText('Đủ túc số để tiến hành').waitFor();
      // The presiding officer follows the minutes live on the console.
      const presiding = await (await signedIn(await council.pair(council.presidingId))).newPage();
      await presiding.goto(url('chair'));
      await presiding.locator('[data-connection="online"]').first().waitFor();
      await presiding.getByRole('tab', { name: 'Biên bản' }).click();
      const read = presiding.getByRole('textbox', { name: 'Biên bản cuộc họp' });

      const before = 'Kỳ họp thứ nhất, sáng thứ Hai tại hội trường phường.';
      await minutes.click();
      await minutes.pressSequentially(before);
      await saved(secretary);
      await read.getByText(before).waitFor();

      // The line goes down; the secretary keeps writing while the sitting opens.
      const downAt = Date.now();
      await lineDown(secretary);
      const offline = [
        'Đại biểu Lý Thị Hồng Nhung đề nghị bổ sung ý kiến về chợ phường.',
        'Đại biểu Mạc Văn Khải tán thành chương trình.',
        'Thư ký ghi nhận ý kiến của cử tri tổ dân phố số 4.',
      ];
      await typeAfter(secretary, before, offline[0] ?? '');
      await unsent(secretary).waitFor();
      await presiding.getByRole('button', { name: 'Khai mạc kỳ họp' }).click();
      // The server writes the opening into the minutes, rebased under the secretary's words later.
      await read.getByText(/^Khai mạc lúc/).waitFor();
      for (const [index, words] of offline.entries()) {
        if (index === 0) continue;
        await secretary.waitForTimeout(LINE_DOWN_MS / offline.length);
        await typeAfter(secretary, offline[index - 1] ?? '', words);
      }
      await secretary.waitForTimeout(Math.max(0, LINE_DOWN_MS - (Date.now() - downAt)));
      // Nothing typed offline reached the server: the line truly was down.
      const meanwhile = await onServer();
      for (const words of offline) expect(times(meanwhile, words), words).toBe(0);
      await unsent(secretary).waitFor();

      await secretaryContext.setOffline(false);
      await saved(secretary);
      for (const words of [before, ...offline]) await read.getByText(words).waitFor();
      await onServerOnce([before, ...offline]);
      const text = await onServer();
      expect(times(text, 'Khai mạc lúc')).toBe(1);
      // The secretary's screen and the presiding officer's agree, word for word.
      await expect.poll(() => read.textContent(), SOON).toBe(await minutes.textContent());
      await secretary.close();
      await presiding.context().close();
    });

    it('keeps the words a secretary typed with the line down when the page is closed, and sends them once when it is opened again', async () => {
      const items = (chair.state?.agenda ?? []).filter((item) => item.parentId === null);
      const last = 'Thư ký ghi nhận ý kiến của cử tri tổ dân phố số 4.';
      const closing = await secretaryContext.newPage();
      await rollCall(closing);
      await saved(closing);
      await lineDown(closing);
      const closed = 'Phiên thảo luận về tờ trình quy chế làm việc bắt đầu lúc 9 giờ 15.';
      await typeAfter(closing, last, closed);
      await unsent(closing).waitFor();
      // Meanwhile the sitting goes on: a vote opens, and the server writes it into the minutes.
      await run({ type: 'set_current_item', itemId: items[0]?.id ?? '' });
      await run({
        type: 'open_poll',
        pollId: crypto.randomUUID(),
        kind: 'open_vote',
        title: 'Thông qua chương trình kỳ họp',
      });
      await expect.poll(onServer, SOON).toContain('Biểu quyết “Thông qua chương trình kỳ họp”');
      await closing.close();

      await secretaryContext.setOffline(false);
      const reopened = await secretaryContext.newPage();
      const minutes = await rollCall(reopened);
      await minutes.getByText(closed).waitFor();
      await saved(reopened);
      await onServerOnce([closed, last]);
      expect(times((await minutes.textContent()) ?? '', closed)).toBe(1);

      // Again, reloaded as soon as the line is back, while the words may be on their way.
      await lineDown(reopened);
      const reloaded = 'Đại biểu Lý Thị Hồng Nhung đề nghị làm rõ kinh phí sửa chợ.';
      await typeAfter(reopened, closed, reloaded);
      await unsent(reopened).waitFor();
      await secretaryContext.setOffline(false);
      await reopened.locator('[data-connection="online"]').first().waitFor();
      await reopened.reload();
      await reopened
        .getByRole('textbox', { name: 'Biên bản cuộc họp' })
        .getByText(reloaded)
        .waitFor();
      await saved(reopened);
      await onServerOnce([reloaded, closed, last]);
      await reopened.close();
    });

    it('writes words the server took just as the page closed only once, when the page is opened again', async () => {
      const last = 'Đại biểu Lý Thị Hồng Nhung đề nghị làm rõ kinh phí sửa chợ.';
      const page = await secretaryContext.newPage();
      // The server's answers stop reaching the page: what it sends still arrives.
      let deaf = false;
      await page.routeWebSocket(/\/socket\.io\//, (socket) => {
        const toServer = socket.connectToServer();
        toServer.onMessage((message) => {
          if (!deaf) socket.send(message);
        });
      });
      await rollCall(page);
      await typeAfter(page, last, '');
      await saved(page);
      deaf = true;
      // One change, so one batch: the server takes all of it, and its answer is lost.
      const taken = 'Chủ tọa kết luận: giao Ủy ban nhân dân phường báo cáo tại kỳ họp sau.';
      await page.keyboard.insertText(taken);
      await onServerOnce([taken]);
      await unsent(page).waitFor();
      await page.close();

      const reopened = await secretaryContext.newPage();
      const minutes = await rollCall(reopened);
      await saved(reopened);
      expect(times((await minutes.textContent()) ?? '', taken)).toBe(1);
      await onServerOnce([taken, last]);
      await reopened.close();
    });
  },
);

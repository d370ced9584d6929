import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MeetingClient } from '@hopxa/client';
import { describeWithService } from '@hopxa/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/auth/session-cookie.ts';
import { DEMO_FOLLOWER } from '../../server/src/seed/demo-commune.ts';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { until } from '../../server/src/test/realtime-harness.ts';
import { captureScreen, expectHallFits, expectScreenFits } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/sitting/', import.meta.url));
/** Delegates voting on tablet-sized pages; the rest of the council votes through clients. */
const TABLETS = 3;
const TABLET = { width: 820, height: 1180 };
/** The presiding officer's tablet, on its side. */
const CONSOLE = { width: 1180, height: 820 };

describeWithService(
  'chromium',
  "a People's Council's first sitting, end to end",
  (chromiumPath) => {
    const running = useServerAndBrowser(chromiumPath);
    const clients = running.clients;

    /** A browser context signed in with `cookie` (as its session would be after signing in). */
    async function signedIn(cookie: string, viewport: { width: number; height: number }) {
      const context = await running.browser.newContext({
        viewport,
        locale: 'vi-VN',
        hasTouch: true,
      });
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: running.server.url }]);
      return context;
    }
    /** A screenshot of the screen, and no serious or critical accessibility problem on it. */
    async function check(page: Page, name: string) {
      expect(await captureScreen(page, screenshots, name), name).toEqual([]);
    }
    const hallFits = (hall: Page, name: string) => expectHallFits(hall, screenshots, name);
    const consoleFits = (chair: Page, name: string) => expectScreenFits(chair, screenshots, name);
    const online = async (page: Page) => {
      await page.locator('[data-connection="online"]').first().waitFor();
      // The live state has arrived once the meeting's title shows beside the banner.
      await page.locator('main h1').waitFor();
    };

    it('runs roll call, an open vote on the agenda, a secret election and a resolution, with every screen agreeing', async () => {
      const council = await demoCouncilTablets(running.server.url);
      const { meetingId, presidingId, secretaryId } = council;
      const delegates = council.memberIds.filter(
        (personId) => personId !== presidingId && personId !== secretaryId,
      );
      const url = (screen: string) => `${running.server.url}/meetings/${meetingId}/${screen}`;

      // The secretariat convenes the meeting from setup: the agenda is fixed, the roll call opens.
      const officeContext = await signedIn(council.office, { width: 1366, height: 900 });
      const office = await officeContext.newPage();
      office.on('dialog', (dialog) => void dialog.accept());
      // The button works once the page has run its script: wait for it, as a loaded machine
      // may take its time.
      await office.goto(`${running.server.url}/setup/meetings/${meetingId}`, {
        waitUntil: 'networkidle',
      });
      await office.getByRole('button', { name: 'Triệu tập cuộc họp' }).click();
      await office.getByText(/^Cuộc họp đã triệu tập: chương trình đã cố định/).waitFor();
      await check(office, 'setup-convened');

      const chairContext = await signedIn(await council.pair(presidingId), CONSOLE);
      const chair = await chairContext.newPage();
      chair.on('dialog', (dialog) => void dialog.accept());
      await chair.goto(url('chair'));
      await online(chair);
      await consoleFits(chair, 'chair-before-opening');
      // Without the roll call, the opening is refused with the figures, beside its button.
      const opening = chair.getByRole('button', { name: 'Khai mạc kỳ họp' });
      await opening.click();
      const refusal = chair.getByText(/có mặt 0 trên tổng số/);
      await refusal.waitFor();
      const pressedAt = (await opening.boundingBox())?.y ?? 0;
      expect(Math.abs(((await refusal.boundingBox())?.y ?? 0) - pressedAt)).toBeLessThan(120);
      await consoleFits(chair, 'chair-opening-refused');

      // The secretary takes the roll call: every member present in the hall.
      const secretaryContext = await signedIn(await council.pair(secretaryId), {
        width: 1366,
        height: 900,
      });
      const secretary = await secretaryContext.newPage();
      await secretary.goto(url('roll-call'));
      await online(secretary);
      for (const personId of council.memberIds) {
        const name = council.memberNames.get(personId) ?? '';
        await secretary
          .getByLabel(`Trạng thái: ${name}`, { exact: true })
          .selectOption('present_in_hall');
      }
      await secretary.getByText('Đủ túc số để tiến hành').waitFor();
      await check(secretary, 'secretary-roll-call');
      // The secretary starts the minutes; the presiding officer reads them on the console.
      const minutes = secretary.getByRole('textbox', { name: 'Biên bản cuộc họp' });
      await minutes.click();
      await minutes.pressSequentially('Kỳ họp khai mạc lúc 8 giờ, đủ túc số.');
      await secretary.getByText('Đã lưu trên máy chủ.').waitFor();
      await chair.getByRole('button', { name: 'Khai mạc kỳ họp' }).click();
      await chair.getByText(/^Khai mạc lúc/).waitFor();
      await chair.getByRole('tab', { name: 'Biên bản' }).click();
      await chair.getByText('Kỳ họp khai mạc lúc 8 giờ, đủ túc số.').waitFor();
      await consoleFits(chair, 'chair-minutes');

      const hallContext = await signedIn(council.office, { width: 1920, height: 1080 });
      const hall = await hallContext.newPage();
      await hall.goto(url('hall'));
      const followerContext = await running.browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'vi-VN',
      });
      const follower = await followerContext.newPage();
      await follower.goto(`${running.server.url}/sign-in?next=/meetings/${meetingId}/follow`);
      await follower.getByLabel('Tên đăng nhập').fill(DEMO_FOLLOWER.username);
      await follower.getByLabel('Mật khẩu').fill(DEMO_FOLLOWER.password);
      await follower.getByRole('button', { name: 'Đăng nhập' }).click();
      await follower.waitForURL((address) => address.pathname !== '/sign-in');
      // Signing in never puts the password in an address (history, proxies, logs).
      expect(follower.url()).not.toContain(DEMO_FOLLOWER.password);
      expect(new URL(follower.url()).pathname).toBe(`/meetings/${meetingId}/follow`);
      await follower.goto(url('follow'));
      await online(follower);

      /** Opens one of the console's tabs. */
      const consoleTab = (name: RegExp) => chair.getByRole('tab', { name }).click();
      // The sitting adds an item to its agenda from the console: every screen shows it.
      await consoleTab(/^Chương trình/);
      await chair.locator('summary', { hasText: 'Bổ sung nội dung vào chương trình' }).click();
      await chair.getByLabel('Tên nội dung').fill('Bổ sung: tờ trình về chợ phường');
      await chair.getByRole('button', { name: 'Bổ sung nội dung vào chương trình' }).click();
      await follower.getByText('Bổ sung: tờ trình về chợ phường').waitFor();

      // Delegates: three on tablet pages, the rest through the client library.
      const tabletContexts: BrowserContext[] = [];
      const tablets: Page[] = [];
      for (const personId of delegates.slice(0, TABLETS)) {
        const context = await signedIn(await council.pair(personId), TABLET);
        const page = await context.newPage();
        await page.goto(url('tablet'));
        await online(page);
        tabletContexts.push(context);
        tablets.push(page);
      }
      // Two members without a tablet: the secretary enters their show of hands, and their
      // paper ballots; the rest of the council votes through the client library.
      const withoutTablet = delegates.slice(TABLETS, TABLETS + 2);
      const others = await Promise.all(
        delegates.slice(TABLETS + 2).map((personId) => council.tablet(personId)),
      );
      clients.push(...others);

      /** Takes up an agenda item on the console. */
      const takeUp = async (title: string) => {
        await consoleTab(/^Chương trình/);
        await chair
          .getByRole('listitem')
          .filter({ hasText: title })
          .getByRole('button', { name: 'Bắt đầu' })
          .click();
        await chair
          .getByRole('listitem')
          .filter({ hasText: title })
          .getByText('Đang tiến hành')
          .waitFor();
      };
      /** Opens a poll on the current item from the console. */
      const openPoll = async (kind: string, subject: string, candidates?: string[]) => {
        await chair.getByLabel('Hình thức biểu quyết').selectOption({ label: kind });
        await chair.getByLabel('Nội dung biểu quyết').fill(subject);
        if (candidates) await chair.getByLabel(/Ứng cử viên/).fill(candidates.join('\n'));
        await chair.getByRole('button', { name: 'Mở biểu quyết' }).click();
        await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).waitFor();
      };
      const openPollOf = async () =>
        (
          await until(others[0] as MeetingClient, (state) =>
            state.polls.some((poll) => poll.status === 'open'),
          )
        ).polls.find((poll) => poll.status === 'open');
      const closeAndSee = async (outcome: string) => {
        await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
        for (const page of [chair, hall, follower]) await page.getByText(outcome).first().waitFor();
      };

      // 1. The agenda is adopted by open vote.
      await takeUp('Biểu quyết thông qua chương trình');
      await openPoll('Biểu quyết công khai', 'Thông qua chương trình kỳ họp');
      for (const tablet of tablets)
        await tablet.getByRole('heading', { name: 'Thông qua chương trình kỳ họp' }).waitFor();
      await check(tablets[0] as Page, 'tablet-ballot-open-vote');
      // One tablet loses its line after choosing, sends, and comes back: counted once.
      const offline = tablets[0] as Page;
      await offline.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await offline.getByText('Xác nhận phiếu của bạn').waitFor();
      await tabletContexts[0]?.setOffline(true);
      await offline.getByRole('button', { name: 'Gửi phiếu' }).click();
      await offline.getByText(/phiếu sẽ được gửi ngay khi có mạng|Đang gửi phiếu/).waitFor();
      await check(offline, 'tablet-ballot-offline');
      await tabletContexts[0]?.setOffline(false);
      await offline.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      for (const [index, tablet] of tablets.slice(1).entries()) {
        await tablet.getByRole('button', { name: 'Tán thành', exact: true }).click();
        if (index === 0) await check(tablet, 'tablet-ballot-confirm');
        await tablet.getByRole('button', { name: 'Gửi phiếu' }).click();
        await tablet.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      }
      await check(tablets[1] as Page, 'tablet-vote-recorded');
      const agendaPoll = await openPollOf();
      await Promise.all(
        others.map((client) =>
          client.cast(agendaPoll?.pollId ?? '', { kind: 'motion', choice: 'in_favour' }),
        ),
      );
      for (const personId of withoutTablet) {
        const name = council.memberNames.get(personId) ?? '';
        await secretary.getByRole('button', { name: `Tán thành: ${name}`, exact: true }).click();
        await secretary
          .getByRole('button', { name: `Tán thành: ${name}`, exact: true })
          .waitFor({ state: 'detached' });
      }
      await check(secretary, 'secretary-hands-entered');
      // The presiding officer votes from the console, with the tablet's ballot and confirm step.
      const ownBallot = chair.getByRole('region', { name: 'Phiếu của tôi' });
      await ownBallot.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await ownBallot.getByRole('button', { name: 'Gửi phiếu' }).click();
      await ownBallot.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      await chair.getByText(`Đã biểu quyết: ${delegates.length + 1}/`).waitFor();
      await consoleFits(chair, 'chair-poll-open');
      await hallFits(hall, 'hall-poll-open');
      await closeAndSee('THÔNG QUA');
      await hall
        .getByText(
          `Cần quá nửa tổng số ${council.memberIds.length} đại biểu Hội đồng nhân dân biểu quyết “Tán thành”`,
        )
        .waitFor();
      const adopted = (
        await until(others[0] as MeetingClient, (state) =>
          state.polls.some(
            (poll) => poll.pollId === agendaPoll?.pollId && poll.status === 'closed',
          ),
        )
      ).polls.find((poll) => poll.pollId === agendaPoll?.pollId);
      // Every delegate voted once, the tablet that went offline included, two of them by a show
      // of hands the secretary entered, and the presiding officer from the console.
      expect(adopted?.result).toMatchObject({
        returned: delegates.length + 1,
        fromTablets: delegates.length - 1,
        tally: { inFavour: delegates.length + 1 },
      });
      expect(adopted?.result?.entered.map((entry) => entry.personId).sort()).toEqual(
        [...withoutTablet].sort(),
      );
      await hallFits(hall, 'hall-result-agenda');
      await check(follower, 'follower-result-agenda');

      // 2. A secret-ballot election, counted by the tellers.
      await consoleTab(/^Kiểm phiếu/);
      await chair.locator('summary', { hasText: 'Chỉ định Ban kiểm phiếu' }).click();
      for (const personId of delegates.slice(TABLETS, TABLETS + 2)) {
        await chair.getByLabel(council.memberNames.get(personId) ?? '', { exact: true }).check();
      }
      await chair.getByRole('button', { name: 'Chỉ định Ban kiểm phiếu' }).click();
      const tellersLine = chair
        .getByRole('region', { name: 'Ban kiểm phiếu' })
        .locator('p')
        .first();
      await expect
        .poll(() => tellersLine.textContent())
        .toContain(council.memberNames.get(delegates[TABLETS] ?? '') ?? '');
      await takeUp('Bầu hoặc công bố chỉ định Chủ tịch, Phó Chủ tịch Hội đồng nhân dân');
      // Taking up the next item closed the one voted on as done, once the chair agreed.
      await chair
        .getByRole('listitem')
        .filter({ hasText: 'Biểu quyết thông qua chương trình' })
        .getByText('Đã xong')
        .waitFor();
      await openPoll('Bầu cử bằng phiếu kín', 'Bầu Chủ tịch Hội đồng nhân dân phường', [
        'Ứng Cử Viên Thứ Nhất',
        'Ứng Cử Viên Thứ Hai',
      ]);
      await tablets[0]?.getByText(/PHIẾU KÍN/).waitFor();
      await check(tablets[0] as Page, 'tablet-election-ballot');
      for (const tablet of tablets) {
        await tablet.getByText(/PHIẾU KÍN/).waitFor();
        await tablet.getByLabel('Ứng Cử Viên Thứ Nhất').check();
        await tablet.getByRole('button', { name: 'Xác nhận phiếu của bạn' }).click();
        await tablet.getByRole('button', { name: 'Gửi phiếu' }).click();
        await tablet.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      }
      await check(tablets[2] as Page, 'tablet-secret-ballot-recorded');
      const election = await openPollOf();
      await Promise.all(
        others.map((client, index) =>
          client.cast(election?.pollId ?? '', {
            kind: 'election',
            candidateIds: [index % 4 === 0 ? 'c2' : 'c1'],
          }),
        ),
      );
      // The two without a tablet voted on paper; the secretary enters the tellers' count.
      const paper = secretary.getByRole('form', {
        name: 'Nhập số phiếu giấy (người không dùng máy tính bảng)',
      });
      await paper.getByLabel('Phiếu giấy thu về').fill('2');
      await paper.getByLabel('Phiếu không hợp lệ').fill('0');
      await paper.getByLabel('Phiếu trắng').fill('0');
      await paper.getByLabel('Ứng Cử Viên Thứ Nhất').fill('2');
      await paper.getByRole('button', { name: 'Ghi số phiếu giấy' }).click();
      await secretary.getByText('Đã ghi 2 phiếu giấy.').waitFor();
      await check(secretary, 'secretary-paper-count');
      await closeAndSee('KẾT QUẢ BẦU CỬ');
      await follower
        .getByText(/phiếu giấy: 2/)
        .first()
        .waitFor();
      await hall.locator('strong', { hasText: 'Trúng cử' }).waitFor();
      // W1: the threshold is of the total number of the council's delegates, in office.
      await hall
        .getByText(
          `Trúng cử khi được quá nửa tổng số ${council.memberIds.length} đại biểu Hội đồng nhân dân bầu`,
        )
        .waitFor();
      await hallFits(hall, 'hall-result-election');
      // Where the record ended, beside the result, to hold paper against later.
      await expect
        .poll(() => hall.locator('[data-log-head]').textContent())
        .toMatch(/^Sổ ghi sự kiện đến #\d+ · dấu kiểm [0-9A-F]{4}-[0-9A-F]{4}$/);

      // 3. A resolution by open vote.
      await takeUp('Nghị quyết về quy chế làm việc');
      await openPoll(
        'Biểu quyết công khai',
        'Nghị quyết về quy chế làm việc của Hội đồng nhân dân',
      );
      // A tablet votes with its line down and its page is closed before the line is back: the
      // ballot, kept in the browser until the server answers, goes when the page is opened
      // again, and counts once.
      const offlineContext = tabletContexts[1] as BrowserContext;
      const closing = tablets[1] as Page;
      // The ballot reaches the tablet first; only then does its line go down.
      await closing
        .getByRole('heading', { name: 'Nghị quyết về quy chế làm việc của Hội đồng nhân dân' })
        .waitFor();
      await offlineContext.setOffline(true);
      await closing.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await closing.getByRole('button', { name: 'Gửi phiếu' }).click();
      await closing.getByText(/phiếu sẽ được gửi ngay khi có mạng|Đang gửi phiếu/).waitFor();
      await closing.close();
      await offlineContext.setOffline(false);
      const reopened = await offlineContext.newPage();
      await reopened.goto(url('tablet'));
      await online(reopened);
      await reopened.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      tablets[1] = reopened;
      for (const tablet of [tablets[0], tablets[2]] as Page[]) {
        await tablet.getByRole('button', { name: 'Tán thành', exact: true }).click();
        await tablet.getByRole('button', { name: 'Gửi phiếu' }).click();
        await tablet.getByText('Phiếu của bạn đã được ghi nhận.').waitFor();
      }
      const resolution = await openPollOf();
      await Promise.all(
        others.map((client) =>
          client.cast(resolution?.pollId ?? '', { kind: 'motion', choice: 'in_favour' }),
        ),
      );
      await closeAndSee('THÔNG QUA');
      const passed = (
        await until(others[0] as MeetingClient, (state) =>
          state.polls.some(
            (poll) => poll.pollId === resolution?.pollId && poll.status === 'closed',
          ),
        )
      ).polls.find((poll) => poll.pollId === resolution?.pollId);
      // Every tablet once, the reloaded one included, and every client.
      expect(passed?.result).toMatchObject({
        fromTablets: TABLETS + others.length,
        tally: { inFavour: TABLETS + others.length },
      });
      await consoleTab(/^Kết quả/);
      await consoleFits(chair, 'chair-results');
      await check(follower, 'follower-results');
      await check(secretary, 'secretary-results');
      await check(tablets[0] as Page, 'tablet-results');
      // A closed result annulled from the console's results, with its reason: every screen
      // shows why.
      const results = chair.getByRole('tabpanel');
      const resolutionResult = results.getByRole('article', {
        name: 'Nghị quyết về quy chế làm việc của Hội đồng nhân dân',
      });
      await expect(resolutionResult.count()).resolves.toBe(1);
      const annul = results.locator('details', { hasText: 'Hủy cuộc biểu quyết' }).first();
      await annul.locator('summary').click();
      await annul.getByLabel('Lý do hủy').fill('Nhầm dự thảo');
      await annul.getByRole('button', { name: 'Hủy cuộc biểu quyết' }).click();
      await follower.getByText('Đã hủy. Lý do: Nhầm dự thảo').waitFor();

      // The same tablet turned on its side.
      await tablets[0]?.setViewportSize({ width: TABLET.height, height: TABLET.width });
      await check(tablets[0] as Page, 'tablet-results-landscape');

      // The council closes its session, in its own words, on every screen.
      await consoleTab(/^Chương trình/);
      await chair.getByRole('button', { name: 'Bế mạc kỳ họp' }).click();
      for (const page of [chair, hall, follower])
        await page.getByText('Kỳ họp đã bế mạc.').first().waitFor();
      await hallFits(hall, 'hall-closed');

      // The sitting's papers, from the record, in the official layout: the presiding officer
      // downloads the tellers' report of the election and the attendance list.
      await consoleTab(/^Kết quả/);
      for (const name of [
        'Danh sách điểm danh (PDF)',
        'Biên bản kết quả: Bầu Chủ tịch Hội đồng nhân dân phường (DOCX)',
      ]) {
        const [download] = await Promise.all([
          chair.waitForEvent('download'),
          chair.getByRole('link', { name, exact: true }).click(),
        ]);
        const file = fs.readFileSync(await download.path());
        expect(file.subarray(0, 4).toString('latin1'), name).toMatch(/^%PDF|^PK/);
      }

      // The minutes signed off: the secretary submits them once the sitting has closed, they
      // lock, and the presiding officer approves the very document submitted (its SHA-256 on
      // both screens); the secretary then downloads them in both formats.
      // The record writes the closing into the minutes; the secretary reads it, then submits.
      await secretary.getByText(/Cuộc họp kết thúc vào/).waitFor();
      await secretary.getByText('Đã lưu trên máy chủ.').waitFor();
      await secretary.getByRole('button', { name: 'Trình chủ tọa duyệt' }).click();
      await secretary.getByText(/đã trình biên bản lúc .* Biên bản đã khóa/).waitFor();
      await expect.poll(() => minutes.getAttribute('contenteditable')).toBe('false');
      await consoleTab(/^Biên bản/);
      const submitted = await secretary.locator('[data-minutes-sha256]').textContent();
      await expect.poll(() => chair.locator('[data-minutes-sha256]').textContent()).toBe(submitted);
      await chair.getByRole('button', { name: 'Duyệt biên bản' }).click();
      await secretary.getByText(/^Biên bản đã được .* duyệt lúc \d\d:\d\d\./).waitFor();
      await check(secretary, 'secretary-minutes-approved');
      // A connection point reads the same minutes, and where their sign-off stands.
      await follower.getByText('Kỳ họp khai mạc lúc 8 giờ, đủ túc số.').waitFor();
      await expect
        .poll(() => follower.locator('[data-minutes-sha256]').textContent())
        .toBe(submitted);
      for (const name of ['Biên bản cuộc họp (PDF)', 'Biên bản cuộc họp (DOCX)']) {
        const [download] = await Promise.all([
          secretary.waitForEvent('download'),
          secretary.getByRole('link', { name, exact: true }).click(),
        ]);
        const file = fs.readFileSync(await download.path());
        expect(file.subarray(0, 4).toString('latin1'), name).toMatch(
          name.endsWith('(PDF)') ? /^%PDF/ : /^PK/,
        );
        expect(download.suggestedFilename()).toMatch(/^minutes-\d+\.(pdf|docx)$/);
      }

      const cookies = await chairContext.cookies();
      expect(cookies.some((cookie) => cookie.name === SESSION_COOKIE)).toBe(true);
    });
  },
);

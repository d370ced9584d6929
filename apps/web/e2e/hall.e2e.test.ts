import { fileURLToPath } from 'node:url';
import type { MeetingCommandInput } from '@hopxa/protocol';
import { describeWithService } from '@hopxa/testing';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoCouncilTablets } from '../../server/src/test/demo-council.ts';
import { expectHallFits } from './screen-check.ts';
import { useServerAndBrowser } from './server-and-browser.ts';

const screenshots = fileURLToPath(new URL('../../../test-results/e2e/hall/', import.meta.url));

describeWithService(
  'chromium',
  'the hall display, paired as a display, in every state of a sitting',
  (chromiumPath) => {
    const running = useServerAndBrowser(chromiumPath);
    const clients = running.clients;

    it('shows each state at 1366x768 and 1920x1080 without scrolling, its figures readable from the back, in both languages', async () => {
      const council = await demoCouncilTablets(running.server.url);
      await council.convene();
      const chair = await council.tablet(council.presidingId);
      const secretary = await council.tablet(council.secretaryId);
      clients.push(chair, secretary);
      /** Runs a command as the secretary (the record) or the presiding officer (the rest). */
      const run = async (command: MeetingCommandInput) => {
        const secretarys = ['record_attendance', 'record_all_present', 'enter_paper_count'];
        const answer = await (secretarys.includes(command.type) ? secretary : chair).send(command);
        if (!answer.ok) throw new Error(`${command.type} refused: ${answer.error.code}`);
      };
      const fits = (hall: Page, name: string) => expectHallFits(hall, screenshots, name);

      // The secretariat makes a display code from setup; the hall's computer redeems it and
      // is never signed in as the secretariat.
      const officeContext = await running.browser.newContext({ locale: 'vi-VN' });
      const [cookieName, cookieValue] = council.office.split('=') as [string, string];
      await officeContext.addCookies([
        { name: cookieName, value: cookieValue, url: running.server.url },
      ]);
      const office = await officeContext.newPage();
      await office.goto(`${running.server.url}/setup`, { waitUntil: 'networkidle' });
      await office.getByRole('button', { name: 'Tạo mã ghép màn hình hội trường' }).click();
      const code = (await office.getByTestId('pairing-code').textContent()) ?? '';
      const hallContext = await running.browser.newContext({
        viewport: { width: 1920, height: 1080 },
        locale: 'vi-VN',
      });
      const hall = await hallContext.newPage();
      await hall.goto(`${running.server.url}/pair#${code}`);
      await hall.waitForURL((address) => address.pathname === '/display');
      await hall.getByRole('link', { name: 'Hiển thị lên màn hình' }).click();
      await hall.locator('[data-connection="online"]').waitFor();

      // Before the opening: the body, the title, the agenda and a quorum not yet reached.
      const [first, second] = council.memberIds;
      for (const personId of [first, second])
        await run({
          type: 'record_attendance',
          personId: personId ?? '',
          status: 'present_in_hall',
        });
      await hall.getByText('Xin chờ khai mạc').waitFor();
      await hall.getByText(`2/${council.memberIds.length}`, { exact: true }).waitFor();
      await hall.getByText('Khai mạc', { exact: true }).waitFor();
      await fits(hall, 'before-opening');
      // The display follows the language switch, and keeps it.
      await hall.getByRole('button', { name: 'Switch the interface to English' }).click();
      await hall.getByText('Waiting for the sitting to open').waitFor();
      await fits(hall, 'before-opening-en');
      await hall.reload();
      await hall.getByText('Waiting for the sitting to open').waitFor();
      await hall.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
      await hall.getByText('Xin chờ khai mạc').waitFor();

      // During an item.
      await run({ type: 'record_all_present' });
      await run({ type: 'open_sitting' });
      const items = (chair.state?.agenda ?? []).filter((item) => item.parentId === null);
      const takeUp = async (index: number) => {
        const item = items[index];
        await run({ type: 'set_current_item', itemId: item?.id ?? '' });
        await hall
          .getByText(item?.title ?? '')
          .first()
          .waitFor();
      };
      await takeUp(0);
      await hall.getByText('Còn lại').waitFor();
      await fits(hall, 'item');

      // Votes: entered by the secretary for each member, as for members without tablets.
      const present = council.memberIds;
      const openVote = crypto.randomUUID();
      await run({
        type: 'open_poll',
        pollId: openVote,
        kind: 'open_vote',
        title: 'Thông qua chương trình kỳ họp',
      });
      for (const personId of present.slice(0, 5)) {
        const answer = await secretary.enter(openVote, personId, 'in_favour');
        expect(answer.ok).toBe(true);
      }
      await hall.getByText(`5/${present.length}`, { exact: true }).waitFor();
      await fits(hall, 'poll-open');
      for (const [index, personId] of present.slice(5).entries())
        await secretary.enter(openVote, personId, index === 0 ? 'against' : 'in_favour');
      await run({ type: 'close_poll', pollId: openVote });
      await hall.getByText('THÔNG QUA', { exact: true }).waitFor();
      await fits(hall, 'result-open-vote');

      await run({ type: 'appoint_tellers', personIds: present.slice(2, 4) });
      await takeUp(1);
      const secretBallot = crypto.randomUUID();
      await run({
        type: 'open_poll',
        pollId: secretBallot,
        kind: 'secret_ballot',
        title: 'Miễn nhiệm Ủy viên Thường trực',
      });
      await run({
        type: 'enter_paper_count',
        pollId: secretBallot,
        paper: {
          returned: present.length,
          invalid: 1,
          blank: 0,
          tally: { inFavour: 3, against: present.length - 5, notVoting: 1 },
          perCandidate: {},
        },
      });
      await run({ type: 'close_poll', pollId: secretBallot });
      await hall.getByText('KHÔNG THÔNG QUA', { exact: true }).waitFor();
      await fits(hall, 'result-secret-ballot');

      const election = crypto.randomUUID();
      const candidates = [
        { id: 'c1', name: 'Ứng Cử Viên Thứ Nhất' },
        { id: 'c2', name: 'Ứng Cử Viên Thứ Hai' },
        { id: 'c3', name: 'Ứng Cử Viên Thứ Ba' },
      ];
      await run({
        type: 'open_poll',
        pollId: election,
        kind: 'election',
        title: 'Bầu Phó Chủ tịch Hội đồng nhân dân',
        candidates,
        seats: 1,
      });
      await run({
        type: 'enter_paper_count',
        pollId: election,
        paper: {
          returned: present.length,
          invalid: 1,
          blank: 1,
          tally: { inFavour: 0, against: 0, notVoting: 0 },
          perCandidate: { c1: present.length - 4, c2: 1, c3: 1 },
        },
      });
      await run({ type: 'close_poll', pollId: election });
      await hall.getByText('KẾT QUẢ BẦU CỬ').waitFor();
      await hall.locator('strong', { hasText: 'Trúng cử' }).waitFor();
      await fits(hall, 'result-election');

      // A speaker with a timer, then over time: the overtime stays readable.
      await takeUp(2);
      const requestId = crypto.randomUUID();
      const speaker = await council.tablet(present[4] ?? '');
      clients.push(speaker);
      expect((await speaker.send({ type: 'request_floor', requestId })).ok).toBe(true);
      await run({ type: 'grant_floor', requestId, limitSeconds: 300 });
      const speakerName = council.memberNames.get(present[4] ?? '') ?? '';
      await hall.getByText(speakerName).waitFor();
      await fits(hall, 'speaker');
      await hall.clock.setFixedTime(Date.now() + 10 * 60_000);
      await hall.getByText('Quá giờ').first().waitFor();
      await fits(hall, 'speaker-overtime');
      await run({ type: 'end_floor' });

      // After closing: the closing in the body's words, no running timer.
      await run({ type: 'close_sitting' });
      await hall.getByText('Kỳ họp đã bế mạc.').waitFor();
      await expect(hall.getByRole('timer').count()).resolves.toBe(0);
      await fits(hall, 'closed');
    });
  },
);

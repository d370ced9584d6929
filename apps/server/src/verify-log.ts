// `npm run verify-log -- [meeting-id ...]`: checks each meeting's event log (every meeting
// when none is named): its keyed hash chain, where it ends, every closed poll's result
// against its ballot box, and submitted minutes against the SHA-256 the log recorded; names
// the first bad seq, poll or the minutes. Exit code 1 if any is bad. It needs
// the server's key (SERVER_KEY or SERVER_KEY_FILE, as the server has them). On embedded
// PGlite, stop the server first: its data folder serves one process at a time.
import { schema } from '@hopxa/db';
import { asc, inArray } from 'drizzle-orm';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { meetingTarget } from './auth/authorize.ts';
import { loadMeetingState, verifyLog } from './meetings/event-log.ts';
import { submittedMinutes } from './minutes/minutes-audit.ts';
import { MinutesStore } from './minutes/minutes-store.ts';
import { resultsUnlikeTheirBoxes } from './polls/result-audit.ts';
import { deriveServerKeys, loadServerSecret } from './server-key.ts';
import { openDatabase } from './services.ts';
import { describeStartupFailure } from './startup-error.ts';

const REASONS = {
  gap: 'thiếu sự kiện (a missing event)',
  hash: 'nội dung bị sửa (content changed)',
  link: 'mắt xích bị đứt (chain broken)',
  head: 'sổ ghi không kết thúc ở sự kiện cuối đã ký: có sự kiện bị xóa hoặc thêm (the log does not end where its signed head says: an event removed or added)',
} as const;

try {
  const env = loadEnv(process.env);
  createLogger(env.LOG_LEVEL);
  const keys = deriveServerKeys(
    loadServerSecret({
      key: env.SERVER_KEY,
      keyFile: env.SERVER_KEY_FILE,
      dataDir: env.DATA_DIR,
      create: false,
    }),
  );
  const database = await openDatabase(env);
  try {
    await database.migrate();
    const ids = process.argv.slice(2);
    const meetings = await database.db
      .select({ id: schema.meetings.id, title: schema.meetings.title })
      .from(schema.meetings)
      .where(ids.length > 0 ? inArray(schema.meetings.id, ids) : undefined)
      .orderBy(asc(schema.meetings.createdAt));
    let bad = 0;
    for (const meeting of meetings) {
      const result = await verifyLog(database.db, keys.log, meeting.id);
      if (result.ok) {
        const state = await loadMeetingState(
          database.db,
          keys.log,
          await meetingTarget(database.db, meeting.id),
        );
        const unlike = await resultsUnlikeTheirBoxes(database.db, state);
        for (const poll of unlike) {
          process.stdout.write(
            `LỖI / BROKEN: ${meeting.title} (${meeting.id}): kết quả "${poll.title}" khác với hòm phiếu (the result differs from its ballot box)\n`,
          );
        }
        const minutes = await submittedMinutes(new MinutesStore(database.db), state);
        if (minutes.kind === 'altered')
          process.stdout.write(
            `LỖI / BROKEN: ${meeting.title} (${meeting.id}): biên bản không khớp mã SHA-256 đã trình duyệt (the minutes differ from the SHA-256 recorded at submission)\n`,
          );
        if (unlike.length > 0 || minutes.kind === 'altered') bad += 1;
        else
          process.stdout.write(
            `Hợp lệ / valid: ${meeting.title} (${meeting.id}): ${result.events} sự kiện / events\n`,
          );
      } else {
        bad += 1;
        process.stdout.write(
          `LỖI / BROKEN: ${meeting.title} (${meeting.id}): từ seq ${result.firstBadSeq}, ${REASONS[result.reason]}\n`,
        );
      }
    }
    for (const id of ids.filter((id) => !meetings.some((meeting) => meeting.id === id))) {
      bad += 1;
      process.stdout.write(`Không có cuộc họp ${id} (no such meeting)\n`);
    }
    process.exitCode = bad > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exitCode = 1;
}

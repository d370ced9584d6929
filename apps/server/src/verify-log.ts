// `npm run verify-log -- [meeting-id ...]`: checks the hash chain of each meeting's event log
// (every meeting when none is named) and names the first bad seq. Exit code 1 if any is bad.
// On embedded PGlite, stop the server first: its data folder serves one process at a time.
import { schema } from '@hopxa/db';
import { asc, inArray } from 'drizzle-orm';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { verifyLog } from './meetings/event-log.ts';
import { openDatabase } from './services.ts';
import { describeStartupFailure } from './startup-error.ts';

const REASONS = {
  gap: 'thiếu sự kiện (a missing event)',
  hash: 'nội dung bị sửa (content changed)',
  link: 'mắt xích bị đứt (chain broken)',
} as const;

try {
  const env = loadEnv(process.env);
  createLogger(env.LOG_LEVEL);
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
      const result = await verifyLog(database.db, meeting.id);
      if (result.ok) {
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
      process.stdout.write(`Không có phiên họp ${id} (no such meeting)\n`);
    }
    process.exitCode = bad > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exitCode = 1;
}

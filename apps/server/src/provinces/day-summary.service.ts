import { schema, type Database } from '@hopxa/db';
import { isOnDaySummary, type MeetingTarget } from '@hopxa/domain';
import { daySitting, daySummaryPaper, renderDocx, renderPdf, type DaySitting } from '@hopxa/papers';
import { eq, inArray } from 'drizzle-orm';
import { boardMeetingIds } from '../board/board-sittings.ts';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../logger.ts';
import { LogBrokenError, type MeetingStateCache } from '../meetings/event-log.ts';
import type { PaperFile } from '../papers/paper-file.ts';
import { CONTENT_TYPES, type PaperFormat } from '../papers/papers.service.ts';
import { provinceAndCommunes } from './province.service.ts';

/** How many sittings' logs are read at once: a busy day is hundreds of them. */
const READ_AT_ONCE = 8;

/** The meetings' places (commune, body), read in one query rather than one per meeting. */
async function targetsOf(
  db: Database,
  provinceId: string,
  meetingIds: readonly string[],
): Promise<MeetingTarget[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .select({
      meetingId: schema.meetings.id,
      bodyId: schema.bodies.id,
      bodyKind: schema.bodies.kind,
      organisationId: schema.bodies.organisationId,
    })
    .from(schema.meetings)
    .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
    .where(inArray(schema.meetings.id, [...meetingIds]));
  return rows.map((row) => ({ ...row, provinceId }));
}

/**
 * The sittings of the province's communes on `day` (`isOnDaySummary`), each from its log as it now ends,
 * checked link by link. A log changed outside the server refuses the whole summary, as it
 * refuses the meeting: a report that left a sitting out would say less than it seems to.
 */
async function sittingsOfDay(
  db: Database,
  cache: MeetingStateCache,
  logger: Logger,
  provinceId: string,
  day: string,
  communeNames: ReadonlyMap<string, string>,
  now: Date,
): Promise<DaySitting[]> {
  const targets = await targetsOf(db, provinceId, await boardMeetingIds(db, provinceId, day));
  const sittings: DaySitting[] = [];
  for (let start = 0; start < targets.length; start += READ_AT_ONCE) {
    const states = await Promise.all(
      targets.slice(start, start + READ_AT_ONCE).map((target) => cache.current(db, target)),
    ).catch((error: unknown) => {
      if (!(error instanceof LogBrokenError)) throw error;
      logger.error(
        { meetingId: error.meetingId, ...error.broken },
        'a meeting log was changed outside the server: refusing to summarise its day',
      );
      throw new HttpError(409, 'log_broken');
    });
    for (const state of states) {
      const sitting = daySitting(state, communeNames.get(state.target.organisationId) ?? '', now);
      if (isOnDaySummary(sitting.summary, sitting.openedAt, day)) sittings.push(sitting);
    }
  }
  return sittings;
}

/**
 * The province office's summary of a day (`daySummaryPaper`) as a file, and the name to save
 * it under.
 */
export async function makeDaySummary(
  db: Database,
  cache: MeetingStateCache,
  logger: Logger,
  request: { provinceId: string; day: string; format: PaperFormat; now: Date },
): Promise<PaperFile> {
  const { provinceId, day, format, now } = request;
  const { province, communes } = await provinceAndCommunes(db, provinceId);
  const names = new Map(communes.map((commune) => [commune.id, commune.name]));
  const paper = daySummaryPaper({
    provinceName: province.name,
    day,
    madeAt: now.toISOString(),
    communeCount: communes.length,
    sittings: await sittingsOfDay(db, cache, logger, provinceId, day, names, now),
  });
  const file = format === 'docx' ? await renderDocx(paper) : await renderPdf(paper);
  const [year, month, date] = day.split('-');
  return {
    file,
    contentType: CONTENT_TYPES[format],
    fileName: `Báo cáo tổng hợp cấp xã ngày ${date}-${month}-${year}.${format}`,
  };
}

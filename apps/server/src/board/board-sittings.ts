import { schema, type Database } from '@hopxa/db';
import { and, eq, gte, lt, ne, or, sql } from 'drizzle-orm';
import { meetingStatus } from '../meetings/meeting-status.ts';

/** The first moment of a Vietnam day (UTC+7, no daylight saving), and of the next. */
function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+07:00`);
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}

/**
 * The meetings of a province's communes that may be on the board of `day` (B4): convened
 * for that day, or in session. The log decides in the end (`isOnBoard`); this only keeps the
 * database from handing over every meeting ever held.
 */
export async function boardMeetingIds(
  db: Database,
  provinceId: string,
  day: string,
): Promise<string[]> {
  const { start, end } = dayBounds(day);
  const status = sql`(${meetingStatus})`;
  const rows = await db
    .select({ id: schema.meetings.id })
    .from(schema.meetings)
    .innerJoin(schema.bodies, eq(schema.bodies.id, schema.meetings.bodyId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.bodies.organisationId))
    .where(
      and(
        eq(schema.organisations.parentId, provinceId),
        ne(status, 'draft'),
        or(
          eq(status, 'open'),
          and(gte(schema.meetings.startsAt, start), lt(schema.meetings.startsAt, end)),
        ),
      ),
    );
  return rows.map((row) => row.id);
}

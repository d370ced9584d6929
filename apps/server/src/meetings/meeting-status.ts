import { schema } from '@hopxa/db';
import { STATUS_AFTER_EVENT, type MeetingStatus } from '@hopxa/domain';
import { sql } from 'drizzle-orm';

const moves = Object.entries(STATUS_AFTER_EVENT);

/**
 * A meeting's status as its log tells it, for a query over `meetings`: the status the last
 * convening, opening or closing in its log moved it to, draft before any. Every list reads
 * it so; no copy is kept to drift from the log. (An index holds just those events.)
 */
export const meetingStatus = sql<MeetingStatus>`coalesce((
  select case ${schema.meetingEvents.type}
    ${sql.join(
      moves.map(([type, status]) => sql`when ${type} then ${status}`),
      sql` `,
    )}
  end
  from ${schema.meetingEvents}
  where ${schema.meetingEvents.meetingId} = ${schema.meetings.id}
    and ${schema.meetingEvents.type} in (${sql.join(
      moves.map(([type]) => sql`${type}`),
      sql`, `,
    )})
  order by ${schema.meetingEvents.seq} desc
  limit 1
), 'draft')`;

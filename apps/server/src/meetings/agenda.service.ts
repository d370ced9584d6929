import { schema, type Database, type Transaction } from '@hopxa/db';
import type { AgendaTemplateItem } from '@hopxa/domain';
import type { MeetingDetail } from '@hopxa/protocol';
import { asc, eq } from 'drizzle-orm';

type AgendaRow = typeof schema.agendaItems.$inferSelect;

/** Writes a template's items (and their children) as a meeting's agenda. */
export async function insertTemplateAgenda(
  tx: Transaction,
  meetingId: string,
  parentId: string | null,
  items: readonly AgendaTemplateItem[],
): Promise<void> {
  for (const [position, item] of items.entries()) {
    const [row] = await tx
      .insert(schema.agendaItems)
      .values({
        meetingId,
        parentId,
        position,
        title: item.title.vi,
        kind: item.kind,
        durationMinutes: item.durationMinutes,
      })
      .returning({ id: schema.agendaItems.id });
    if (!row) throw new Error('agenda insert returned no row');
    if (item.children) await insertTemplateAgenda(tx, meetingId, row.id, item.children);
  }
}

/** Agenda rows (in position order) as the tree of one level that screens show. */
export function agendaTree(rows: readonly AgendaRow[]): MeetingDetail['agenda'] {
  const line = (row: AgendaRow) => ({
    id: row.id,
    title: row.title,
    kind: row.kind,
    durationMinutes: row.durationMinutes,
  });
  return rows
    .filter((row) => row.parentId === null)
    .map((row) => ({
      ...line(row),
      children: rows.filter((child) => child.parentId === row.id).map(line),
    }));
}

/** A meeting's agenda as a tree of one level, in order. */
export async function loadAgenda(
  db: Database,
  meetingId: string,
): Promise<MeetingDetail['agenda']> {
  const rows = await db
    .select()
    .from(schema.agendaItems)
    .where(eq(schema.agendaItems.meetingId, meetingId))
    .orderBy(asc(schema.agendaItems.position));
  return agendaTree(rows);
}

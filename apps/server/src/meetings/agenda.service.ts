import { schema, type Database, type Transaction } from '@hopxa/db';
import type { AgendaTemplateItem } from '@hopxa/domain';
import type { MeetingDetail } from '@hopxa/protocol';
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import { HttpError } from '../http/http-error.ts';

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

/** Adds an item at the end of the agenda, or at the end of a top-level item's children. */
export async function addAgendaItem(
  tx: Transaction,
  meetingId: string,
  input: {
    title: string;
    kind: AgendaRow['kind'];
    durationMinutes: number;
    parentId: string | null;
  },
): Promise<string> {
  // Two items added at once would take the same position: take turns on the meeting's row.
  await tx
    .select({ id: schema.meetings.id })
    .from(schema.meetings)
    .where(eq(schema.meetings.id, meetingId))
    .for('update');
  if (input.parentId !== null) {
    const [parent] = await tx
      .select()
      .from(schema.agendaItems)
      .where(
        and(eq(schema.agendaItems.id, input.parentId), eq(schema.agendaItems.meetingId, meetingId)),
      );
    // Nesting stops at one level: a child cannot take children.
    if (!parent || parent.parentId !== null) throw new HttpError(400, 'agenda_order_invalid');
  }
  const siblings =
    input.parentId === null
      ? isNull(schema.agendaItems.parentId)
      : eq(schema.agendaItems.parentId, input.parentId);
  const [last] = await tx
    .select({ position: max(schema.agendaItems.position) })
    .from(schema.agendaItems)
    .where(and(eq(schema.agendaItems.meetingId, meetingId), siblings));
  const [row] = await tx
    .insert(schema.agendaItems)
    .values({ meetingId, ...input, position: (last?.position ?? -1) + 1 })
    .returning({ id: schema.agendaItems.id });
  if (!row) throw new Error('agenda insert returned no row');
  return row.id;
}

/**
 * Puts the agenda in the order given. The order must name exactly the meeting's items, each
 * once, and a child may not have children of its own.
 */
export async function reorderAgenda(
  tx: Transaction,
  meetingId: string,
  order: readonly { id: string; children: readonly string[] }[],
): Promise<void> {
  const existing = await tx
    .select({ id: schema.agendaItems.id })
    .from(schema.agendaItems)
    .where(eq(schema.agendaItems.meetingId, meetingId));
  const named = order.flatMap((item) => [item.id, ...item.children]);
  const known = new Set(existing.map((row) => row.id));
  if (
    named.length !== known.size ||
    new Set(named).size !== named.length ||
    !named.every((id) => known.has(id))
  ) {
    throw new HttpError(400, 'agenda_order_invalid');
  }
  // Positions are unique per parent: park every row first, then write the new order.
  for (const [index, id] of named.entries()) {
    await tx
      .update(schema.agendaItems)
      .set({ parentId: null, position: -1 - index })
      .where(eq(schema.agendaItems.id, id));
  }
  for (const [position, item] of order.entries()) {
    await tx
      .update(schema.agendaItems)
      .set({ parentId: null, position })
      .where(eq(schema.agendaItems.id, item.id));
    for (const [childPosition, childId] of item.children.entries()) {
      await tx
        .update(schema.agendaItems)
        .set({ parentId: item.id, position: childPosition })
        .where(eq(schema.agendaItems.id, childId));
    }
  }
}

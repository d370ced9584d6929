import { schema, type Database } from '@hopxa/db';
import type {
  agendaOrderRequestSchema,
  createAgendaItemRequestSchema,
  MeetingDetail,
  updateAgendaItemRequestSchema,
} from '@hopxa/protocol';
import { and, eq, isNull, max, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { changeMeeting } from './meeting.service.ts';

// The secretariat's edits to a meeting's agenda, each a `changeMeeting`: with its audit
// record in one transaction, answered with the meeting as it then stands; refused once the
// meeting is convened.

/** The meeting's agenda rows that meet `condition`: an item id never reaches another meeting. */
const ofMeeting = (meetingId: string, condition: SQL) =>
  and(eq(schema.agendaItems.meetingId, meetingId), condition);

/** Adds an item at the end of the agenda, or at the end of a top-level item's children. */
export async function addAgendaItem(
  db: Database,
  actor: AuditActor,
  meetingId: string,
  input: z.infer<typeof createAgendaItemRequestSchema>,
): Promise<MeetingDetail> {
  return changeMeeting(db, meetingId, 'agenda', async (tx) => {
    // Two items added at once would take the same position: `changeMeeting` makes them take
    // turns on the meeting's row.
    if (input.parentId !== null) {
      const [parent] = await tx
        .select()
        .from(schema.agendaItems)
        .where(ofMeeting(meetingId, eq(schema.agendaItems.id, input.parentId)));
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
      .where(ofMeeting(meetingId, siblings));
    const [row] = await tx
      .insert(schema.agendaItems)
      .values({ meetingId, ...input, position: (last?.position ?? -1) + 1 })
      .returning({ id: schema.agendaItems.id });
    if (!row) throw new Error('agenda insert returned no row');
    const target = { type: 'agenda_item', id: row.id };
    await recordAudit(tx, auditEntry(actor, 'agenda.add', target, { title: input.title }));
  });
}

/** Changes an item's title, kind or length. */
export async function updateAgendaItem(
  db: Database,
  actor: AuditActor,
  item: { meetingId: string; itemId: string },
  input: z.infer<typeof updateAgendaItemRequestSchema>,
): Promise<MeetingDetail> {
  return changeMeeting(db, item.meetingId, 'agenda', async (tx) => {
    const updated = await tx
      .update(schema.agendaItems)
      .set(input)
      .where(ofMeeting(item.meetingId, eq(schema.agendaItems.id, item.itemId)))
      .returning({ id: schema.agendaItems.id });
    if (updated.length === 0) throw new HttpError(404, 'not_found');
    const target = { type: 'agenda_item', id: item.itemId };
    await recordAudit(tx, auditEntry(actor, 'agenda.update', target, input));
  });
}

/** Removes an item that has no children: those are moved or removed first. */
export async function removeAgendaItem(
  db: Database,
  actor: AuditActor,
  item: { meetingId: string; itemId: string },
): Promise<MeetingDetail> {
  return changeMeeting(db, item.meetingId, 'agenda', async (tx) => {
    const children = await tx
      .select({ id: schema.agendaItems.id })
      .from(schema.agendaItems)
      .where(ofMeeting(item.meetingId, eq(schema.agendaItems.parentId, item.itemId)));
    if (children.length > 0) throw new HttpError(409, 'agenda_item_has_children');
    const removed = await tx
      .delete(schema.agendaItems)
      .where(ofMeeting(item.meetingId, eq(schema.agendaItems.id, item.itemId)))
      .returning({ title: schema.agendaItems.title });
    if (removed.length === 0) throw new HttpError(404, 'not_found');
    const target = { type: 'agenda_item', id: item.itemId };
    await recordAudit(tx, auditEntry(actor, 'agenda.delete', target, { title: removed[0]?.title }));
  });
}

/**
 * Puts the agenda in the order given. The order must name exactly the meeting's items, each
 * once, and a child may not have children of its own.
 */
export async function reorderAgenda(
  db: Database,
  actor: AuditActor,
  meetingId: string,
  { items: order }: z.infer<typeof agendaOrderRequestSchema>,
): Promise<MeetingDetail> {
  return changeMeeting(db, meetingId, 'agenda', async (tx) => {
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
    await recordAudit(tx, auditEntry(actor, 'agenda.reorder', { type: 'meeting', id: meetingId }));
  });
}

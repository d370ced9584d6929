-- A meeting's status is read from its log (convened, opened, closed): the column, never
-- written, goes, and an index holds the events that move it.
CREATE INDEX "meeting_events_status_idx" ON "meeting_events" USING btree ("meeting_id","seq") WHERE type in ('meeting_convened', 'sitting_opened', 'sitting_closed');--> statement-breakpoint
ALTER TABLE "meetings" DROP COLUMN "status";--> statement-breakpoint
DROP TYPE "public"."meeting_status";
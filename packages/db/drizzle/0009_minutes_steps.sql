-- The minutes written live: every accepted step in order, and a snapshot every so many.
CREATE TABLE "minutes_snapshots" (
	"meeting_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"doc" jsonb NOT NULL,
	CONSTRAINT "minutes_snapshots_meeting_id_version_pk" PRIMARY KEY("meeting_id","version")
);
--> statement-breakpoint
CREATE TABLE "minutes_steps" (
	"meeting_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"client_id" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"step" jsonb NOT NULL,
	CONSTRAINT "minutes_steps_meeting_id_version_pk" PRIMARY KEY("meeting_id","version")
);
--> statement-breakpoint
ALTER TABLE "minutes_snapshots" ADD CONSTRAINT "minutes_snapshots_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_steps" ADD CONSTRAINT "minutes_steps_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_steps_batch_index" ON "minutes_steps" USING btree ("meeting_id","batch_id");
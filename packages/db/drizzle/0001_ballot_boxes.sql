CREATE TABLE "ballot_boxes" (
	"poll_id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"secret" boolean NOT NULL,
	"open" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_ballots" (
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choice" text NOT NULL,
	CONSTRAINT "open_ballots_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "poll_voters" (
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "poll_voters_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "sealed_ballots" (
	"poll_id" uuid NOT NULL,
	"retry_key" text NOT NULL,
	"sealed" "bytea" NOT NULL,
	CONSTRAINT "sealed_ballots_poll_id_retry_key_pk" PRIMARY KEY("poll_id","retry_key")
);
--> statement-breakpoint
CREATE TABLE "secret_ballots" (
	"poll_id" uuid NOT NULL,
	"receipt_hash" text NOT NULL,
	"ballot" jsonb NOT NULL,
	CONSTRAINT "secret_ballots_poll_id_receipt_hash_pk" PRIMARY KEY("poll_id","receipt_hash")
);
--> statement-breakpoint
ALTER TABLE "ballot_boxes" ADD CONSTRAINT "ballot_boxes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_ballots" ADD CONSTRAINT "open_ballots_poll_id_ballot_boxes_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."ballot_boxes"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_ballots" ADD CONSTRAINT "open_ballots_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD CONSTRAINT "poll_voters_poll_id_ballot_boxes_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."ballot_boxes"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD CONSTRAINT "poll_voters_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_ballots" ADD CONSTRAINT "sealed_ballots_poll_id_ballot_boxes_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."ballot_boxes"("poll_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_ballots" ADD CONSTRAINT "secret_ballots_poll_id_ballot_boxes_poll_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."ballot_boxes"("poll_id") ON DELETE no action ON UPDATE no action;
-- An open vote the secretary entered for a member without a tablet names who entered it.
ALTER TABLE "open_ballots" ADD COLUMN "entered_by" uuid;--> statement-breakpoint
ALTER TABLE "open_ballots" ADD CONSTRAINT "open_ballots_entered_by_accounts_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "meeting_heads" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
-- Sealed ballots now live in a table per open poll, dropped when the poll closes, so no copy of
-- the database's files taken after closing holds them. Ballots of polls still open move there.
DO $$
DECLARE box record;
BEGIN
  FOR box IN SELECT DISTINCT poll_id FROM "sealed_ballots" LOOP
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I (retry_key text PRIMARY KEY, sealed bytea NOT NULL)',
      'sealed_ballots_' || replace(box.poll_id::text, '-', ''));
    EXECUTE format(
      'INSERT INTO %I (retry_key, sealed) SELECT retry_key, sealed FROM "sealed_ballots" WHERE poll_id = $1',
      'sealed_ballots_' || replace(box.poll_id::text, '-', '')) USING box.poll_id;
  END LOOP;
END $$;--> statement-breakpoint
DROP TABLE "sealed_ballots" CASCADE;--> statement-breakpoint
-- Ballots cast before cast ids were kept get one of their own: a resend of one is another ballot.
ALTER TABLE "open_ballots" ADD COLUMN "cast_id" uuid NOT NULL DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "open_ballots" ALTER COLUMN "cast_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "meeting_heads" ADD CONSTRAINT "meeting_heads_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
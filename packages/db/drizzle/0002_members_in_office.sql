ALTER TABLE "bodies" RENAME COLUMN "total_seats" TO "statutory_size";--> statement-breakpoint
ALTER TABLE "bodies" DROP CONSTRAINT "bodies_total_seats_positive";--> statement-breakpoint
-- Answers stored before fingerprints were kept match no command: a resend of one is refused.
ALTER TABLE "meeting_commands" ADD COLUMN "fingerprint" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "meeting_commands" ALTER COLUMN "fingerprint" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_statutory_size_positive" CHECK ("bodies"."statutory_size" > 0);
-- The connection points of a meeting (điểm cầu): linked video, each with a publish credential kept as its SHA-256.
CREATE TYPE "public"."connection_point_kind" AS ENUM('hall', 'province', 'commune', 'other');--> statement-breakpoint
CREATE TABLE "connection_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "connection_point_kind" NOT NULL,
	"name" text NOT NULL,
	"people" text DEFAULT '' NOT NULL,
	"follower_account_id" uuid,
	"credential_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "connection_points_credential_hash_unique" UNIQUE("credential_hash"),
	CONSTRAINT "connection_points_meeting_follower_unique" UNIQUE("meeting_id","follower_account_id")
);
--> statement-breakpoint
ALTER TABLE "connection_points" ADD CONSTRAINT "connection_points_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_points" ADD CONSTRAINT "connection_points_follower_account_id_accounts_id_fk" FOREIGN KEY ("follower_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;
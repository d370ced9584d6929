ALTER TYPE "public"."account_role" ADD VALUE 'province_admin';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "disabled_at" timestamp with time zone;
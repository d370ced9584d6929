-- Attempts kept the names people typed, which may be passwords typed in the wrong field:
-- they go, and attempts from now on name an account, or a keyed hash of an unknown name.
DELETE FROM "sign_in_attempts";--> statement-breakpoint
UPDATE "audit_events" SET "detail" = "detail" - 'username' WHERE "action" = 'auth.sign_in_failed';--> statement-breakpoint
ALTER TABLE "sign_in_attempts" RENAME COLUMN "username" TO "subject";--> statement-breakpoint
DROP INDEX "sign_in_attempts_username_idx";--> statement-breakpoint
CREATE INDEX "sign_in_attempts_subject_idx" ON "sign_in_attempts" USING btree ("subject","at");
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
DROP TABLE "login_attempts" CASCADE;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "display_text" text;--> statement-breakpoint
-- Emails queued before this migration: hide every token parameter (the senders named no secrets then).
UPDATE "email_outbox" SET "display_text" = regexp_replace("text_body", '([?&]token=)[^\s&]+', '\1[hidden]', 'g');--> statement-breakpoint
ALTER TABLE "email_outbox" ALTER COLUMN "display_text" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "hidden_secrets" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A database seeded before this migration with the demo logins is a demo database.
UPDATE "distributor_settings" SET "is_demo" = true WHERE EXISTS (SELECT 1 FROM "users" WHERE lower("email") = 'admin@skyline.example');--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");
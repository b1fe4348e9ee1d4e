-- Nothing wrote webhook_endpoints or webhook_deliveries before this migration (their secret column was
-- plain text and is replaced by an encrypted one): clear them so the NOT NULL columns can be added.
DELETE FROM "webhook_deliveries";--> statement-breakpoint
DELETE FROM "webhook_endpoints";--> statement-breakpoint
DELETE FROM "api_keys" WHERE cardinality("scopes") = 0;--> statement-breakpoint
CREATE TABLE "user_recovery_codes" (
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "user_recovery_codes_user_id_code_hash_pk" PRIMARY KEY("user_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "api_idempotency_keys" (
	"api_key_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "api_idempotency_keys_api_key_id_idempotency_key_pk" PRIMARY KEY("api_key_id","idempotency_key"),
	CONSTRAINT "api_idempotency_keys_key" CHECK (length("api_idempotency_keys"."idempotency_key") between 1 and 255),
	CONSTRAINT "api_idempotency_keys_completed" CHECK (("api_idempotency_keys"."completed_at" is null) = ("api_idempotency_keys"."status_code" is null))
);
--> statement-breakpoint
CREATE TABLE "webhook_delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"trigger" text DEFAULT 'automatic' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer,
	"response_status" integer,
	"response_body" text,
	"error" text,
	"requested_by" uuid,
	CONSTRAINT "webhook_delivery_attempts_key" UNIQUE("delivery_id","attempt"),
	CONSTRAINT "webhook_delivery_attempts_trigger" CHECK ("webhook_delivery_attempts"."trigger" in ('automatic','manual')),
	CONSTRAINT "webhook_delivery_attempts_attempt" CHECK ("webhook_delivery_attempts"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"reseller_id" uuid,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_events_type" CHECK ("webhook_events"."type" in ('reseller.signed_up','contract.activated','contract.tier_changed','contract.cancelled','provisioning.failed','invoice.issued','invoice.paid','invoice.voided','credit_note.issued','usage.alert'))
);
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ALTER COLUMN "events" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "secret_enc" text NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD COLUMN "require_staff_two_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "user_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_created_idx" ON "api_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_events_reseller_idx" ON "webhook_events" USING btree ("reseller_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_events_created_idx" ON "webhook_events" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_webhook_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_reseller_idx" ON "api_keys" USING btree ("reseller_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_reseller_idx" ON "webhook_endpoints" USING btree ("reseller_id");--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "event";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "payload";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP COLUMN "secret";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP COLUMN "enabled";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_totp_enabled_has_secret" CHECK ("users"."totp_enabled_at" is null or "users"."totp_secret_enc" is not null);--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes" CHECK (cardinality("api_keys"."scopes") >= 1 and "api_keys"."scopes" <@ array['read','write']::text[]);--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_name" CHECK (length(btrim("api_keys"."name")) between 1 and 100);--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_attempts" CHECK ("webhook_deliveries"."attempts" >= 0);--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_url" CHECK ("webhook_endpoints"."url" ~ '^https?://' and length("webhook_endpoints"."url") <= 2000);--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_events" CHECK (cardinality("webhook_endpoints"."events") >= 1 and "webhook_endpoints"."events" <@ array['reseller.signed_up','contract.activated','contract.tier_changed','contract.cancelled','provisioning.failed','invoice.issued','invoice.paid','invoice.voided','credit_note.issued','usage.alert']::text[]);--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_failures" CHECK ("webhook_endpoints"."consecutive_failures" >= 0);--> statement-breakpoint
-- Teams (issue 15): a reseller that is not closed always keeps an enabled owner, and the distributor an
-- enabled administrator. Checked at commit (deferred), so a transfer of ownership can promote one user and
-- demote the other in either order inside its transaction.
CREATE FUNCTION "users_keep_an_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.reseller_id IS NOT NULL THEN
    IF OLD.role = 'owner'
       AND EXISTS (SELECT 1 FROM resellers r WHERE r.id = OLD.reseller_id AND r.status <> 'closed')
       AND NOT EXISTS (
         SELECT 1 FROM users u
         WHERE u.reseller_id = OLD.reseller_id AND u.role = 'owner' AND u.disabled_at IS NULL
       ) THEN
      RAISE EXCEPTION 'reseller % must keep an owner', OLD.reseller_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'users_keep_an_owner';
    END IF;
  ELSIF OLD.role = 'admin'
     AND NOT EXISTS (
       SELECT 1 FROM users u WHERE u.reseller_id IS NULL AND u.role = 'admin' AND u.disabled_at IS NULL
     ) THEN
    RAISE EXCEPTION 'the distributor must keep an administrator'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'users_keep_an_admin';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_keep_an_owner"
  AFTER UPDATE OF "role", "disabled_at", "reseller_id" OR DELETE ON "users"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "users_keep_an_owner"();
CREATE TABLE "invoice_reminders" (
	"invoice_id" uuid NOT NULL,
	"days_after_due" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_reminders_invoice_id_days_after_due_pk" PRIMARY KEY("invoice_id","days_after_due")
);
--> statement-breakpoint
CREATE TABLE "price_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"effective_from" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_versions_effective_from_unique" UNIQUE("effective_from"),
	CONSTRAINT "price_versions_first_of_month" CHECK (extract(day from "price_versions"."effective_from") = 1)
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"country" char(2) PRIMARY KEY NOT NULL,
	"rate_percent" numeric(7, 4) NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_rates_country_format" CHECK ("tax_rates"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "tax_rates_rate_range" CHECK ("tax_rates"."rate_percent" >= 0 and "tax_rates"."rate_percent" <= 100)
);
--> statement-breakpoint
CREATE TABLE "email_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"invoice_id" uuid,
	"content" "bytea",
	CONSTRAINT "email_attachments_one_source" CHECK (num_nonnulls("email_attachments"."invoice_id", "email_attachments"."content") = 1)
);
--> statement-breakpoint
ALTER TABLE "prices" DROP CONSTRAINT "prices_sku_tier_currency_key";--> statement-breakpoint
ALTER TABLE "tier_commitments" DROP CONSTRAINT "tier_commitments_tier_id_currency_pk";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_note" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "fx_rates" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "fx_rates" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "prices" ADD COLUMN "version_id" uuid;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "storefront" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tier_commitments" ADD COLUMN "version_id" uuid;--> statement-breakpoint
-- The price book so far becomes the first version, in force since long before any invoice (domain.md §2.2).
INSERT INTO "price_versions" ("effective_from", "note")
  SELECT DATE '2000-01-01', 'Price book before versions' WHERE EXISTS (SELECT 1 FROM "tiers");--> statement-breakpoint
UPDATE "prices" SET "version_id" = (SELECT "id" FROM "price_versions" ORDER BY "effective_from" LIMIT 1);--> statement-breakpoint
UPDATE "tier_commitments" SET "version_id" = (SELECT "id" FROM "price_versions" ORDER BY "effective_from" LIMIT 1);--> statement-breakpoint
-- The USD commitment moves from the tier into the version, beside the other currencies.
INSERT INTO "tier_commitments" ("version_id", "tier_id", "currency", "amount")
  SELECT (SELECT "id" FROM "price_versions" ORDER BY "effective_from" LIMIT 1), "id", 'USD', "commitment_usd" FROM "tiers"
  ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "prices" ALTER COLUMN "version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tier_commitments" ALTER COLUMN "version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tier_commitments" ADD CONSTRAINT "tier_commitments_version_id_tier_id_currency_pk" PRIMARY KEY("version_id","tier_id","currency");--> statement-breakpoint
ALTER TABLE "resellers" ADD COLUMN "reverse_charge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "resellers" ADD COLUMN "billing_contacts" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD COLUMN "payment_terms_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD COLUMN "invoice_reminder_days" integer[] DEFAULT '{7,14}' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_versions" ADD CONSTRAINT "price_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_rates" ADD CONSTRAINT "tax_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_attachments" ADD CONSTRAINT "email_attachments_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_attachments" ADD CONSTRAINT "email_attachments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_attachments_email_idx" ON "email_attachments" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "email_attachments_invoice_idx" ON "email_attachments" USING btree ("invoice_id");--> statement-breakpoint
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_version_id_price_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."price_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_commitments" ADD CONSTRAINT "tier_commitments_version_id_price_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."price_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_issued_period_idx" ON "invoices" USING btree ("period") WHERE "invoices"."status" <> 'draft';--> statement-breakpoint
CREATE INDEX "invoices_fx_idx" ON "invoices" USING btree ("fx_from","fx_to","fx_date") WHERE "invoices"."fx_rate" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
ALTER TABLE "tiers" DROP COLUMN "commitment_usd";--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_version_sku_tier_currency_key" UNIQUE("version_id","sku_id","tier_id","currency");--> statement-breakpoint
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_rate_positive" CHECK ("fx_rates"."rate" > 0);--> statement-breakpoint
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_distinct_pair" CHECK ("fx_rates"."from_currency" <> "fx_rates"."to_currency");--> statement-breakpoint
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_currency_format" CHECK ("fx_rates"."from_currency" ~ '^[A-Z]{3}$' and "fx_rates"."to_currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_unit_price_nonnegative" CHECK ("prices"."unit_price" >= 0);--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_currency_format" CHECK ("prices"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_divisor_positive" CHECK ("skus"."divisor" > 0);--> statement-breakpoint
ALTER TABLE "tier_commitments" ADD CONSTRAINT "tier_commitments_amount_nonnegative" CHECK ("tier_commitments"."amount" >= 0);--> statement-breakpoint
ALTER TABLE "tier_commitments" ADD CONSTRAINT "tier_commitments_currency_format" CHECK ("tier_commitments"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "resellers" ADD CONSTRAINT "resellers_tax_rate_range" CHECK ("resellers"."tax_rate_percent" >= 0 and "resellers"."tax_rate_percent" <= 100);--> statement-breakpoint
ALTER TABLE "resellers" ADD CONSTRAINT "resellers_reverse_charge_zero" CHECK (not "resellers"."reverse_charge" or "resellers"."tax_rate_percent" = 0);--> statement-breakpoint
ALTER TABLE "resellers" ADD CONSTRAINT "resellers_price_adjustment_pair" CHECK (("resellers"."price_adjustment_kind" is null) = ("resellers"."price_adjustment_percent" is null));--> statement-breakpoint
ALTER TABLE "resellers" ADD CONSTRAINT "resellers_price_adjustment_range" CHECK ("resellers"."price_adjustment_percent" is null or ("resellers"."price_adjustment_percent" >= 0 and ("resellers"."price_adjustment_percent" < 100 or ("resellers"."price_adjustment_kind" = 'cost_markup' and "resellers"."price_adjustment_percent" <= 1000))));--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD CONSTRAINT "distributor_settings_payment_terms" CHECK ("distributor_settings"."payment_terms_days" between 0 and 365);--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD CONSTRAINT "distributor_settings_reminder_days" CHECK (0 < all("distributor_settings"."invoice_reminder_days") and 366 > all("distributor_settings"."invoice_reminder_days"));--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD CONSTRAINT "distributor_settings_discount_range" CHECK ("distributor_settings"."distributor_discount_percent" >= 0 and "distributor_settings"."distributor_discount_percent" < 100);--> statement-breakpoint
-- Price versions (domain.md §2.2): a version in force for a period with issued invoices never changes, and no
-- new version may start on or before such a period (it would re-price it). "In force for P" = the latest
-- version whose effective_from is on or before P's first day.
CREATE OR REPLACE FUNCTION price_version_issued_period(v_from date) RETURNS char(7) LANGUAGE sql STABLE AS $$
  SELECT max(i.period) FROM invoices i
  WHERE i.status <> 'draft'
    AND i.period >= to_char(v_from, 'YYYY-MM')
    AND i.period < coalesce(
      (SELECT to_char(min(n.effective_from), 'YYYY-MM') FROM price_versions n WHERE n.effective_from > v_from),
      '9999-12')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION price_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  issued char(7);
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_OP = 'DELETE' OR NEW.effective_from IS DISTINCT FROM OLD.effective_from THEN
      issued := price_version_issued_period(OLD.effective_from);
      IF issued IS NOT NULL THEN
        RAISE EXCEPTION 'price version from % priced issued invoices (%): it can never change; make a new version', OLD.effective_from, issued
          USING ERRCODE = 'P0001';
      END IF;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT max(i.period) INTO issued FROM invoices i
      WHERE i.status <> 'draft' AND i.period >= to_char(NEW.effective_from, 'YYYY-MM');
    IF issued IS NOT NULL THEN
      RAISE EXCEPTION 'a price version from % would re-price issued invoices (%): start it after the last issued period', NEW.effective_from, issued
        USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER price_versions_guard BEFORE INSERT OR UPDATE OR DELETE ON price_versions
  FOR EACH ROW EXECUTE FUNCTION price_versions_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION price_rows_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_from date;
  issued char(7);
BEGIN
  -- Cascading from a version's own delete: the version's guard already decided.
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  FOR v_from IN
    SELECT pv.effective_from FROM price_versions pv
    WHERE pv.id IN (
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.version_id END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.version_id END)
  LOOP
    issued := price_version_issued_period(v_from);
    IF issued IS NOT NULL THEN
      RAISE EXCEPTION 'price version from % priced issued invoices (%): its prices and commitments can never change; make a new version', v_from, issued
        USING ERRCODE = 'P0001';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER prices_guard BEFORE INSERT OR UPDATE OR DELETE ON prices
  FOR EACH ROW EXECUTE FUNCTION price_rows_guard();
--> statement-breakpoint
CREATE TRIGGER tier_commitments_guard BEFORE INSERT OR UPDATE OR DELETE ON tier_commitments
  FOR EACH ROW EXECUTE FUNCTION price_rows_guard();
--> statement-breakpoint
-- An FX rate an issued invoice used (its pair and date are on the invoice) never changes or disappears.
CREATE OR REPLACE FUNCTION fx_rates_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.rate = OLD.rate AND NEW.date = OLD.date
     AND NEW.from_currency = OLD.from_currency AND NEW.to_currency = OLD.to_currency THEN
    RETURN NEW;
  END IF;
  SELECT i.number INTO used FROM invoices i
    WHERE i.fx_rate IS NOT NULL AND i.fx_from = OLD.from_currency AND i.fx_to = OLD.to_currency
      AND i.fx_date = OLD.date AND i.status <> 'draft'
    LIMIT 1;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'the % → % rate of % is on issued invoice %: it can never change', OLD.from_currency, OLD.to_currency, OLD.date, used
      USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER fx_rates_guard BEFORE UPDATE OR DELETE ON fx_rates
  FOR EACH ROW EXECUTE FUNCTION fx_rates_guard();

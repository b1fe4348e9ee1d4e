CREATE TYPE "public"."storage_owner" AS ENUM('acronis', 'hyperscaler', 'partner');--> statement-breakpoint
CREATE TABLE "acronis_datacenters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_url" text,
	"client_id" text,
	"client_secret_enc" text,
	"from_env" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"root_tenant_id" uuid,
	"last_tested_at" timestamp with time zone,
	"last_test_ok" boolean,
	"last_test_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acronis_datacenters_name_unique" UNIQUE("name"),
	CONSTRAINT "acronis_datacenters_name_length" CHECK (length(btrim("acronis_datacenters"."name")) between 1 and 80),
	CONSTRAINT "acronis_datacenters_base_url_format" CHECK ("acronis_datacenters"."base_url" is null or "acronis_datacenters"."base_url" ~ '^https?://[^/]+'),
	CONSTRAINT "acronis_datacenters_credentials" CHECK ("acronis_datacenters"."from_env" or ("acronis_datacenters"."base_url" is not null and "acronis_datacenters"."client_id" is not null and "acronis_datacenters"."client_secret_enc" is not null)),
	CONSTRAINT "acronis_datacenters_env_has_no_secret" CHECK (not "acronis_datacenters"."from_env" or "acronis_datacenters"."client_secret_enc" is null)
);
--> statement-breakpoint
CREATE TABLE "acronis_infrastructures" (
	"datacenter_id" uuid NOT NULL,
	"infra_id" uuid NOT NULL,
	"name" text NOT NULL,
	"owner" "storage_owner" NOT NULL,
	"owner_set_by_staff" boolean DEFAULT false NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acronis_infrastructures_datacenter_id_infra_id_pk" PRIMARY KEY("datacenter_id","infra_id")
);
--> statement-breakpoint
CREATE TABLE "datacenter_countries" (
	"country" char(2) PRIMARY KEY NOT NULL,
	"datacenter_id" uuid NOT NULL,
	CONSTRAINT "datacenter_countries_country_format" CHECK ("datacenter_countries"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "acronis_usage_report_rows" (
	"report_id" bigint NOT NULL,
	"line" integer NOT NULL,
	"acronis_tenant_id" uuid NOT NULL,
	"customer_id" uuid,
	"sku_id" uuid,
	"acronis_name" text NOT NULL,
	"infra_id" uuid,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"quantity" numeric(30, 4) NOT NULL,
	"note" text,
	CONSTRAINT "acronis_usage_report_rows_report_id_line_pk" PRIMARY KEY("report_id","line"),
	CONSTRAINT "acronis_usage_report_rows_quantity" CHECK ("acronis_usage_report_rows"."quantity" >= 0),
	CONSTRAINT "acronis_usage_report_rows_range" CHECK ("acronis_usage_report_rows"."from_day" <= "acronis_usage_report_rows"."to_day")
);
--> statement-breakpoint
CREATE TABLE "acronis_usage_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"datacenter_id" uuid NOT NULL,
	"period" date NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"purpose" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "acronis_usage_reports_period_first" CHECK (extract(day from "acronis_usage_reports"."period") = 1),
	CONSTRAINT "acronis_usage_reports_kind" CHECK ("acronis_usage_reports"."kind" in ('usage_daily', 'usage_summary')),
	CONSTRAINT "acronis_usage_reports_format" CHECK ("acronis_usage_reports"."format" in ('csv_v2_0', 'json_v2_0')),
	CONSTRAINT "acronis_usage_reports_purpose" CHECK ("acronis_usage_reports"."purpose" in ('month_close', 'reconciliation')),
	CONSTRAINT "acronis_usage_reports_range" CHECK ("acronis_usage_reports"."from_day" <= "acronis_usage_reports"."to_day")
);
--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD COLUMN "reconciliation_tolerance_percent" numeric(7, 4) DEFAULT '0.5' NOT NULL;--> statement-breakpoint
ALTER TABLE "distributor_settings" ADD CONSTRAINT "distributor_settings_reconciliation_tolerance" CHECK ("distributor_settings"."reconciliation_tolerance_percent" >= 0 and "distributor_settings"."reconciliation_tolerance_percent" <= 100);--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "acronis_name" text;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "storage_owner" "storage_owner";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "parent_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "pricing_mode" text DEFAULT 'production' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "production_start_date" timestamp with time zone;--> statement-breakpoint
-- The datacenter ACRONIS_* configure: always present, the default until staff choose another (lib/acronis/datacenters.ts).
INSERT INTO "acronis_datacenters" ("id", "name", "from_env", "is_default")
  VALUES ('00000000-0000-4000-8000-000000000001', 'Default datacenter', true, true);--> statement-breakpoint
ALTER TABLE "resellers" ADD COLUMN "datacenter_id" uuid DEFAULT '00000000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "acronis_infrastructures" ADD CONSTRAINT "acronis_infrastructures_datacenter_id_acronis_datacenters_id_fk" FOREIGN KEY ("datacenter_id") REFERENCES "public"."acronis_datacenters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datacenter_countries" ADD CONSTRAINT "datacenter_countries_datacenter_id_acronis_datacenters_id_fk" FOREIGN KEY ("datacenter_id") REFERENCES "public"."acronis_datacenters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acronis_usage_report_rows" ADD CONSTRAINT "acronis_usage_report_rows_report_id_acronis_usage_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."acronis_usage_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acronis_usage_report_rows" ADD CONSTRAINT "acronis_usage_report_rows_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acronis_usage_report_rows" ADD CONSTRAINT "acronis_usage_report_rows_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acronis_usage_reports" ADD CONSTRAINT "acronis_usage_reports_datacenter_id_acronis_datacenters_id_fk" FOREIGN KEY ("datacenter_id") REFERENCES "public"."acronis_datacenters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acronis_datacenters_one_default" ON "acronis_datacenters" USING btree ("is_default") WHERE "acronis_datacenters"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "acronis_datacenters_one_env" ON "acronis_datacenters" USING btree ("from_env") WHERE "acronis_datacenters"."from_env";--> statement-breakpoint
CREATE UNIQUE INDEX "acronis_datacenters_base_url_key" ON "acronis_datacenters" USING btree ("base_url") WHERE "acronis_datacenters"."base_url" is not null;--> statement-breakpoint
CREATE INDEX "acronis_usage_report_rows_customer_idx" ON "acronis_usage_report_rows" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "acronis_usage_reports_period_idx" ON "acronis_usage_reports" USING btree ("period","datacenter_id","fetched_at");--> statement-breakpoint
ALTER TABLE "resellers" ADD CONSTRAINT "resellers_datacenter_id_acronis_datacenters_id_fk" FOREIGN KEY ("datacenter_id") REFERENCES "public"."acronis_datacenters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "skus_acronis_name_owner_key" ON "skus" USING btree (coalesce("acronis_name", "code"),"storage_owner") NULLS NOT DISTINCT;--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_partner_storage_not_billed" CHECK ("skus"."storage_owner" is distinct from 'partner');--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_pricing_mode" CHECK ("customers"."pricing_mode" in ('trial', 'production', 'suspended'));--> statement-breakpoint--> statement-breakpoint
-- Storage SKUs seeded before this migration bill Acronis-hosted storage (domain.md §4).
UPDATE "skus" SET "storage_owner" = 'acronis'
  WHERE "code" IN ('pw_base_storage', 'pw_base_adv_dr_storage', 'pw_base_adv_dr_compute_points', 'pu_base_fc_storage', 'pg_base_storage');--> statement-breakpoint
-- The environment's datacenter is configured by ACRONIS_*: it cannot be deleted or turned into a stored one.
CREATE FUNCTION acronis_datacenters_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.from_env THEN
      RAISE EXCEPTION 'The datacenter configured by ACRONIS_* in the environment cannot be deleted.' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.from_env IS DISTINCT FROM OLD.from_env THEN
    RAISE EXCEPTION 'Whether a datacenter comes from the environment cannot change.' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER acronis_datacenters_guard BEFORE UPDATE OR DELETE ON "acronis_datacenters"
  FOR EACH ROW EXECUTE FUNCTION acronis_datacenters_guard();--> statement-breakpoint
-- domain.md §4: only production usage is billed. A customer switched to production during a month is billed for
-- that whole month (Acronis's report includes it); one still in trial, or switching only after the month, is not.
-- `period_end` is the exclusive end of the billed period (the 1st of the next month).
CREATE FUNCTION customer_billed_in(pricing_mode text, production_start timestamptz, period_end date)
  RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN production_start IS NOT NULL THEN production_start < (period_end::timestamp AT TIME ZONE 'UTC')
    ELSE pricing_mode <> 'trial'
  END
$$;

CREATE TYPE "public"."alert_kind" AS ENUM('usage_share', 'topup_projected', 'cheaper_tier');--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"rule_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"email_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_deliveries_rule_id_period_pk" PRIMARY KEY("rule_id","period"),
	CONSTRAINT "alert_deliveries_period_check" CHECK ("alert_deliveries"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reseller_id" uuid NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"threshold_percent" integer,
	"from_day" integer,
	"email" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_reseller_kind_key" UNIQUE("reseller_id","kind"),
	CONSTRAINT "alert_rules_threshold_check" CHECK (("alert_rules"."kind" = 'usage_share') = ("alert_rules"."threshold_percent" is not null) and ("alert_rules"."threshold_percent" is null or "alert_rules"."threshold_percent" between 1 and 1000)),
	CONSTRAINT "alert_rules_from_day_check" CHECK (("alert_rules"."kind" = 'topup_projected') = ("alert_rules"."from_day" is not null) and ("alert_rules"."from_day" is null or "alert_rules"."from_day" between 1 and 28))
);
--> statement-breakpoint
CREATE TABLE "usage_projections" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"reseller_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"as_of" date NOT NULL,
	"currency" char(3) NOT NULL,
	"tier_code" text NOT NULL,
	"trial" boolean DEFAULT false NOT NULL,
	"consumption" numeric(20, 4) NOT NULL,
	"commitment" numeric(20, 4) NOT NULL,
	"ramp_up_waived" boolean NOT NULL,
	"top_up" numeric(20, 4) NOT NULL,
	"projected_consumption" numeric(20, 4) NOT NULL,
	"projected_top_up" numeric(20, 4) NOT NULL,
	"projected_total" numeric(20, 4) NOT NULL,
	"customers" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_projections_period_check" CHECK ("usage_projections"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "usage_projections_amounts_check" CHECK ("usage_projections"."consumption" >= 0 and "usage_projections"."commitment" >= 0 and "usage_projections"."top_up" >= 0 and "usage_projections"."projected_consumption" >= 0 and "usage_projections"."projected_top_up" >= 0 and "usage_projections"."projected_total" >= 0)
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_projections" ADD CONSTRAINT "usage_projections_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_projections" ADD CONSTRAINT "usage_projections_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_projections_period_idx" ON "usage_projections" USING btree ("period");--> statement-breakpoint
CREATE INDEX "usage_projections_reseller_idx" ON "usage_projections" USING btree ("reseller_id");
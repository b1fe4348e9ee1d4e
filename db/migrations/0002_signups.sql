CREATE TABLE "signups" (
	"reseller_id" uuid PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"tier_code" text NOT NULL,
	"trial" boolean NOT NULL,
	"ramp_up_cycles" integer DEFAULT 0 NOT NULL,
	"currency" char(3) NOT NULL,
	"verified_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"started_at" timestamp with time zone,
	"contract_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signups_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resellers_acronis_admin_login_key" ON "resellers" USING btree (lower("acronis_admin_login")) WHERE "resellers"."acronis_admin_login" is not null;
DROP INDEX "resellers_name_idx";--> statement-breakpoint
CREATE INDEX "invoices_period_list_idx" ON "invoices" USING btree ("period","id");--> statement-breakpoint
CREATE INDEX "invoices_date_list_idx" ON "invoices" USING btree ("invoice_date","id");--> statement-breakpoint
CREATE INDEX "invoices_total_list_idx" ON "invoices" USING btree ("total","id");--> statement-breakpoint
CREATE INDEX "invoices_number_list_idx" ON "invoices" USING btree (coalesce("number", ''),"id");--> statement-breakpoint
CREATE INDEX "resellers_created_idx" ON "resellers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "resellers_country_idx" ON "resellers" USING btree ("country","id");--> statement-breakpoint
CREATE INDEX "resellers_name_idx" ON "resellers" USING btree ("name","id");
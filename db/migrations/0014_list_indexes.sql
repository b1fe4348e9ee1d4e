DROP INDEX "users_reseller_idx";--> statement-breakpoint
DROP INDEX "customers_reseller_idx";--> statement-breakpoint
DROP INDEX "billing_runs_period_idx";--> statement-breakpoint
DROP INDEX "invoices_run_idx";--> statement-breakpoint
DROP INDEX "api_keys_reseller_idx";--> statement-breakpoint
DROP INDEX "audit_log_at_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_endpoint_idx";--> statement-breakpoint
CREATE INDEX "users_reseller_name_idx" ON "users" USING btree ("reseller_id","name","id");--> statement-breakpoint
CREATE INDEX "users_reseller_email_idx" ON "users" USING btree ("reseller_id","email","id");--> statement-breakpoint
CREATE INDEX "users_reseller_sign_in_idx" ON "users" USING btree ("reseller_id",coalesce("last_sign_in_at", 'epoch'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "billing_runs_started_idx" ON "billing_runs" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "credit_notes_created_idx" ON "credit_notes" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "credit_notes_number_list_idx" ON "credit_notes" USING btree ("number","id");--> statement-breakpoint
CREATE INDEX "credit_notes_total_idx" ON "credit_notes" USING btree ("total","id");--> statement-breakpoint
CREATE INDEX "credit_notes_number_trgm_idx" ON "credit_notes" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contracts_reseller_idx" ON "contracts" USING btree ("reseller_id");--> statement-breakpoint
CREATE INDEX "contracts_created_idx" ON "contracts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "api_keys_reseller_used_idx" ON "api_keys" USING btree ("reseller_id",coalesce("last_used_at", 'epoch'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "audit_log_reseller_idx" ON "audit_log" USING btree ("reseller_id");--> statement-breakpoint
CREATE INDEX "audit_log_label_idx" ON "audit_log" USING btree ("actor_label") WHERE "audit_log"."actor_user_id" is null;--> statement-breakpoint
CREATE INDEX "audit_log_action_trgm_idx" ON "audit_log" USING gin ("action" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_log_entity_id_trgm_idx" ON "audit_log" USING gin ("entity_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_log_actor_label_trgm_idx" ON "audit_log" USING gin ("actor_label" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "email_outbox_created_idx" ON "email_outbox" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "email_outbox_template_idx" ON "email_outbox" USING btree ("template","created_at","id");--> statement-breakpoint
CREATE INDEX "email_outbox_to_trgm_idx" ON "email_outbox" USING gin ("to_address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "email_outbox_subject_trgm_idx" ON "email_outbox" USING gin ("subject" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "provisioning_jobs_created_idx" ON "provisioning_jobs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_reseller_name_idx" ON "customers" USING btree ("reseller_id","name","id");--> statement-breakpoint
CREATE INDEX "customers_reseller_path_idx" ON "customers" USING btree ("reseller_id","path","id");--> statement-breakpoint
CREATE INDEX "customers_reseller_since_idx" ON "customers" USING btree ("reseller_id","first_seen_at","id");--> statement-breakpoint
CREATE INDEX "usage_sync_runs_started_idx" ON "usage_sync_runs" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "billing_runs_period_idx" ON "billing_runs" USING btree ("period","id");--> statement-breakpoint
CREATE INDEX "invoices_run_idx" ON "invoices" USING btree ("billing_run_id",coalesce("number", ''),"id");--> statement-breakpoint
CREATE INDEX "api_keys_reseller_idx" ON "api_keys" USING btree ("reseller_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at","id");
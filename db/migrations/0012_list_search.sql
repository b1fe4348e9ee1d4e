-- Text search of the lists (issue 16): ILIKE '%…%' served by trigram indexes. pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner may create it; PGlite loads it (lib/runtime/embedded-postgres.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invoices_number_trgm_idx" ON "invoices" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resellers_name_trgm_idx" ON "resellers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resellers_legal_name_trgm_idx" ON "resellers" USING gin ("legal_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resellers_tax_id_trgm_idx" ON "resellers" USING gin ("tax_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resellers_acronis_login_trgm_idx" ON "resellers" USING gin ("acronis_admin_login" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resellers_billing_email_trgm_idx" ON "resellers" USING gin ("billing_email" gin_trgm_ops);
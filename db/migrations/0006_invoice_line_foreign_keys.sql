-- Invoice lines get their foreign keys back (as 0000 declared them), and the statement triggers of 0004 that
-- emulated them go: the keys' own checks, cascade and locks replace them, in every isolation level.
DROP TRIGGER "invoices_delete_lines" ON "invoices";--> statement-breakpoint
DROP TRIGGER "customers_keep_invoiced" ON "customers";--> statement-breakpoint
DROP TRIGGER "invoices_keep_lines_on_truncate" ON "invoices";--> statement-breakpoint
DROP TRIGGER "customers_keep_lines_on_truncate" ON "customers";--> statement-breakpoint
DROP TRIGGER "invoices_keep_id" ON "invoices";--> statement-breakpoint
DROP TRIGGER "customers_keep_id" ON "customers";--> statement-breakpoint
DROP FUNCTION "invoices_delete_lines"();--> statement-breakpoint
DROP FUNCTION "customers_keep_invoiced"();--> statement-breakpoint
DROP FUNCTION "keep_lines_on_truncate"();--> statement-breakpoint
DROP FUNCTION "keep_line_parent_ids"();--> statement-breakpoint
DROP FUNCTION "refuse_stricter_isolation"(text);--> statement-breakpoint
-- The issued-invoice guard (0001), on the same three statement triggers, without the existence checks the keys
-- now make. It locks the invoices that lines join or leave FOR SHARE: issuing (an UPDATE of the invoice) waits
-- for lines being written or removed, and lines added, moved or removed while an invoice is being issued wait
-- for the issue, then are refused. (A key's own lock, FOR KEY SHARE, does not conflict with that UPDATE.)
CREATE OR REPLACE FUNCTION invoice_lines_guard_issued() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  not_drafts bigint;
BEGIN
  -- Nested IFs: a query naming a transition table the trigger lacks must never be planned.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    WITH found_invoices AS MATERIALIZED (
      SELECT i.status FROM invoices i WHERE i.id IN (SELECT DISTINCT invoice_id FROM new_lines) FOR SHARE)
    SELECT count(*) INTO not_drafts FROM found_invoices WHERE status <> 'draft';
    IF not_drafts > 0 THEN
      RAISE EXCEPTION 'the lines of an issued invoice can never change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    -- Invoices deleted by this transaction (the key's cascade) are gone, and with them the question.
    WITH found_invoices AS MATERIALIZED (
      SELECT i.status FROM invoices i WHERE i.id IN (SELECT DISTINCT invoice_id FROM old_lines) FOR SHARE)
    SELECT count(*) INTO not_drafts FROM found_invoices WHERE status <> 'draft';
    IF not_drafts > 0 THEN
      RAISE EXCEPTION 'the lines of an issued invoice can never change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;

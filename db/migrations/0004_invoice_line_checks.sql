ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_customer_id_customers_id_fk";
--> statement-breakpoint
-- A line's invoice and customer, checked once per statement instead of by per-row foreign keys (a billing
-- run writes millions of lines; the two per-row checks were half of the database's work). The guarantees of
-- the keys are kept: every line's invoice and customer exist, and are locked until commit (the invoice
-- FOR SHARE, so issuing waits for lines being written or removed and they wait for an invoice being issued;
-- the customer FOR KEY SHARE, so it cannot be deleted meanwhile); lines are only ever added, changed or
-- removed on drafts; deleting an invoice deletes its lines; a customer with invoice lines cannot be deleted
-- or truncated away; ids never change. Errors carry the foreign-key SQLSTATE (23503), constraint and table.
-- Like the keys' own checks, these must see rows other transactions committed meanwhile: the delete side
-- therefore runs only in READ COMMITTED (the app's level), and refuses a stricter one instead of guessing.
CREATE OR REPLACE FUNCTION invoice_lines_guard_issued() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  missing_invoices bigint;
  missing_customers bigint;
  not_drafts bigint;
  culprit text;
BEGIN
  -- Nested IFs: a query naming a transition table the trigger lacks must never be planned.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- One pass over the statement's lines; counts read every row, so every referenced row gets locked.
    WITH pairs AS MATERIALIZED (SELECT DISTINCT invoice_id, customer_id FROM new_lines),
      wanted_invoices AS (SELECT DISTINCT invoice_id AS id FROM pairs),
      wanted_customers AS (SELECT DISTINCT customer_id AS id FROM pairs WHERE customer_id IS NOT NULL),
      found_invoices AS MATERIALIZED (
        SELECT i.status FROM invoices i WHERE i.id IN (SELECT id FROM wanted_invoices) FOR SHARE),
      found_customers AS MATERIALIZED (
        SELECT 1 FROM customers c WHERE c.id IN (SELECT id FROM wanted_customers) FOR KEY SHARE)
    SELECT (SELECT count(*) FROM wanted_invoices) - (SELECT count(*) FROM found_invoices),
      (SELECT count(*) FROM wanted_customers) - (SELECT count(*) FROM found_customers),
      (SELECT count(*) FROM found_invoices WHERE status <> 'draft')
    INTO missing_invoices, missing_customers, not_drafts;
    IF missing_invoices > 0 THEN
      SELECT l.invoice_id::text INTO culprit FROM new_lines l
        WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = l.invoice_id) LIMIT 1;
      RAISE EXCEPTION 'insert or update on table "invoice_lines" violates foreign key constraint "invoice_lines_invoice_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'invoice_lines_invoice_id_fkey', TABLE = 'invoice_lines',
          DETAIL = format('Key (invoice_id)=(%s) is not present in table "invoices".', culprit);
    END IF;
    IF missing_customers > 0 THEN
      SELECT l.customer_id::text INTO culprit FROM new_lines l
        WHERE l.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = l.customer_id) LIMIT 1;
      RAISE EXCEPTION 'insert or update on table "invoice_lines" violates foreign key constraint "invoice_lines_customer_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'invoice_lines_customer_id_fkey', TABLE = 'invoice_lines',
          DETAIL = format('Key (customer_id)=(%s) is not present in table "customers".', culprit);
    END IF;
    IF not_drafts > 0 THEN
      RAISE EXCEPTION 'the lines of an issued invoice can never change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    -- The invoices the lines leave, locked like those they join, so a removal cannot race an issue. Invoices
    -- deleted by this transaction (the cascade below) are gone, and with them the question.
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
CREATE OR REPLACE FUNCTION refuse_stricter_isolation(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION '% must run in READ COMMITTED: its check has to see lines other transactions committed', what
      USING ERRCODE = 'feature_not_supported';
  END IF;
END $$;
--> statement-breakpoint
-- ON DELETE CASCADE, once per statement: deleting drafts deletes their lines (issued invoices are never
-- deleted: invoices_guard_issued refuses it before this runs).
CREATE OR REPLACE FUNCTION invoices_delete_lines() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM refuse_stricter_isolation('deleting invoices');
  DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM old_invoices);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_delete_lines AFTER DELETE ON invoices
  REFERENCING OLD TABLE AS old_invoices FOR EACH STATEMENT EXECUTE FUNCTION invoices_delete_lines();
--> statement-breakpoint
-- ON DELETE / ON UPDATE NO ACTION for customers, once per statement for deletes. The delete waits for any
-- transaction still writing lines of these customers (their FOR KEY SHARE lock), then sees its lines.
CREATE OR REPLACE FUNCTION customers_keep_invoiced() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  culprit text;
BEGIN
  PERFORM refuse_stricter_isolation('deleting customers');
  SELECT l.customer_id::text INTO culprit FROM invoice_lines l
    WHERE l.customer_id IN (SELECT id FROM old_customers) LIMIT 1;
  IF culprit IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "customers" violates foreign key constraint "invoice_lines_customer_id_fkey" on table "invoice_lines"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'invoice_lines_customer_id_fkey', TABLE = 'customers',
        DETAIL = format('Key (id)=(%s) is still referenced from table "invoice_lines".', culprit);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customers_keep_invoiced AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_customers FOR EACH STATEMENT EXECUTE FUNCTION customers_keep_invoiced();
--> statement-breakpoint
-- TRUNCATE skips row deletes and their triggers: emptying invoices or customers while invoice lines still
-- point at them is refused. AFTER, so a TRUNCATE that lists invoice_lines too finds it already empty.
CREATE OR REPLACE FUNCTION keep_lines_on_truncate() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF (TG_TABLE_NAME = 'invoices' AND EXISTS (SELECT 1 FROM invoice_lines))
    OR (TG_TABLE_NAME = 'customers' AND EXISTS (SELECT 1 FROM invoice_lines WHERE customer_id IS NOT NULL)) THEN
    RAISE EXCEPTION 'cannot truncate table "%": invoice lines still reference it', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
        HINT = 'Truncate table "invoice_lines" at the same time.';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_keep_lines_on_truncate AFTER TRUNCATE ON invoices
  FOR EACH STATEMENT EXECUTE FUNCTION keep_lines_on_truncate();
--> statement-breakpoint
CREATE TRIGGER customers_keep_lines_on_truncate AFTER TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION keep_lines_on_truncate();
--> statement-breakpoint
-- Ids of invoices and of invoiced customers never change (the lines hold them).
CREATE OR REPLACE FUNCTION keep_line_parent_ids() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  referenced boolean;
BEGIN
  IF NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'invoices' THEN
    referenced := EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = OLD.id);
  ELSE
    referenced := EXISTS (SELECT 1 FROM invoice_lines l WHERE l.customer_id = OLD.id);
  END IF;
  IF referenced THEN
    RAISE EXCEPTION 'update or delete on table "%" violates a foreign key constraint on table "invoice_lines"', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
        DETAIL = format('Key (id)=(%s) is still referenced from table "invoice_lines".', OLD.id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_keep_id BEFORE UPDATE OF id ON invoices
  FOR EACH ROW EXECUTE FUNCTION keep_line_parent_ids();
--> statement-breakpoint
CREATE TRIGGER customers_keep_id BEFORE UPDATE OF id ON customers
  FOR EACH ROW EXECUTE FUNCTION keep_line_parent_ids();

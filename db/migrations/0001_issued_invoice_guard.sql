-- Issued invoices never change (domain.md §5.5): only the status (issued → paid | void) and the payment and
-- void fields may move; lines of a non-draft invoice can be neither added, changed nor removed.
CREATE OR REPLACE FUNCTION invoices_guard_issued() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status', 'paid_at', 'voided_at', 'void_reason', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice % is %: it can never be deleted', OLD.number, OLD.status USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
      RAISE EXCEPTION 'invoice % is %: its content can never change', OLD.number, OLD.status USING ERRCODE = 'P0001';
    END IF;
    IF NEW.status <> OLD.status AND NOT (OLD.status = 'issued' AND NEW.status IN ('paid', 'void')) THEN
      RAISE EXCEPTION 'invoice % cannot go from % to %', OLD.number, OLD.status, NEW.status USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_guard_issued BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_guard_issued();
--> statement-breakpoint
-- Statement-level with transition tables, so a bulk insert of a run's lines costs one join, not a lookup per row.
CREATE OR REPLACE FUNCTION invoice_lines_guard_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested IFs: a query naming a transition table the trigger lacks must never be planned.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM new_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status <> 'draft') THEN
      RAISE EXCEPTION 'the lines of an issued invoice can never change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM old_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status <> 'draft') THEN
      RAISE EXCEPTION 'the lines of an issued invoice can never change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_guard_insert AFTER INSERT ON invoice_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_guard_issued();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_guard_update AFTER UPDATE ON invoice_lines
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_guard_issued();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_guard_delete AFTER DELETE ON invoice_lines
  REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_guard_issued();

CREATE TABLE "usage_monthly" (
	"customer_id" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"month" date NOT NULL,
	"peak" numeric(30, 4) NOT NULL,
	"last_day" date NOT NULL,
	"last_value" numeric(30, 4) NOT NULL,
	CONSTRAINT "usage_monthly_customer_id_month_sku_id_pk" PRIMARY KEY("customer_id","month","sku_id")
);
--> statement-breakpoint
ALTER TABLE "usage_monthly" ADD CONSTRAINT "usage_monthly_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_monthly" ADD CONSTRAINT "usage_monthly_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Recomputes the monthly rows of distinct (customer, SKU, month) keys from the daily snapshots: a month with
-- no daily row left loses its row; otherwise peak = max(value), last_day = max(day), last_value = that day's
-- value. Unchanged rows are not rewritten.
-- Concurrency: two transactions writing different days of one month must not each store a month computed
-- without the other's day. So the month rows are first created if missing and locked, in key order (no
-- deadlocks between recomputes), and only then are the days read — each statement of this volatile function
-- takes a fresh snapshot, so a transaction that waited for the lock sees the other one's committed days.
CREATE OR REPLACE FUNCTION usage_monthly_recompute(customer_ids uuid[], sku_ids uuid[], months date[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO usage_monthly (customer_id, sku_id, month, peak, last_day, last_value)
  SELECT k.customer_id, k.sku_id, k.month, 0, k.month, 0
  FROM unnest(customer_ids, sku_ids, months) AS k(customer_id, sku_id, month)
  ORDER BY k.customer_id, k.month, k.sku_id
  ON CONFLICT (customer_id, month, sku_id) DO NOTHING;
  SELECT 1 FROM usage_monthly m
  JOIN unnest(customer_ids, sku_ids, months) AS k(customer_id, sku_id, month)
    ON m.customer_id = k.customer_id AND m.sku_id = k.sku_id AND m.month = k.month
  ORDER BY m.customer_id, m.month, m.sku_id
  FOR UPDATE OF m;
  DELETE FROM usage_monthly m
  USING unnest(customer_ids, sku_ids, months) AS k(customer_id, sku_id, month)
  WHERE m.customer_id = k.customer_id AND m.sku_id = k.sku_id AND m.month = k.month
    AND NOT EXISTS (SELECT 1 FROM usage_snapshots u
      WHERE u.customer_id = k.customer_id AND u.sku_id = k.sku_id
        AND u.day >= k.month AND u.day < (k.month + interval '1 month')::date);
  UPDATE usage_monthly m SET peak = x.peak, last_day = x.last_day, last_value = x.last_value
  FROM (
    SELECT k.customer_id, k.sku_id, k.month, a.peak, a.last_day, l.value AS last_value
    FROM unnest(customer_ids, sku_ids, months) AS k(customer_id, sku_id, month)
    CROSS JOIN LATERAL (
      SELECT max(u.value) AS peak, max(u.day) AS last_day FROM usage_snapshots u
      WHERE u.customer_id = k.customer_id AND u.sku_id = k.sku_id
        AND u.day >= k.month AND u.day < (k.month + interval '1 month')::date
    ) a
    JOIN usage_snapshots l ON l.customer_id = k.customer_id AND l.sku_id = k.sku_id AND l.day = a.last_day
  ) x
  WHERE m.customer_id = x.customer_id AND m.sku_id = x.sku_id AND m.month = x.month
    AND (m.peak, m.last_day, m.last_value) IS DISTINCT FROM (x.peak, x.last_day, x.last_value);
$$;
--> statement-breakpoint
-- Statement-level with transition tables: one recompute per statement for the months it touched.
CREATE OR REPLACE FUNCTION usage_snapshots_refresh_monthly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One branch per event: a query naming a transition table the trigger lacks must never be planned.
  IF TG_OP = 'INSERT' THEN
    PERFORM usage_monthly_recompute(array_agg(customer_id), array_agg(sku_id), array_agg(month))
    FROM (SELECT DISTINCT customer_id, sku_id, date_trunc('month', day::timestamp)::date AS month
          FROM new_rows) k;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM usage_monthly_recompute(array_agg(customer_id), array_agg(sku_id), array_agg(month))
    FROM (SELECT customer_id, sku_id, date_trunc('month', day::timestamp)::date AS month FROM new_rows
          UNION
          SELECT customer_id, sku_id, date_trunc('month', day::timestamp)::date FROM old_rows) k;
  ELSE
    PERFORM usage_monthly_recompute(array_agg(customer_id), array_agg(sku_id), array_agg(month))
    FROM (SELECT DISTINCT customer_id, sku_id, date_trunc('month', day::timestamp)::date AS month
          FROM old_rows) k;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER usage_snapshots_monthly_insert AFTER INSERT ON usage_snapshots
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_snapshots_refresh_monthly();
--> statement-breakpoint
CREATE TRIGGER usage_snapshots_monthly_update AFTER UPDATE ON usage_snapshots
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_snapshots_refresh_monthly();
--> statement-breakpoint
CREATE TRIGGER usage_snapshots_monthly_delete AFTER DELETE ON usage_snapshots
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_snapshots_refresh_monthly();
--> statement-breakpoint
-- The months already stored.
INSERT INTO usage_monthly (customer_id, sku_id, month, peak, last_day, last_value)
SELECT a.customer_id, a.sku_id, a.month, a.peak, a.last_day, l.value
FROM (
  SELECT customer_id, sku_id, date_trunc('month', day::timestamp)::date AS month, max(value) AS peak, max(day) AS last_day
  FROM usage_snapshots GROUP BY 1, 2, 3
) a
JOIN usage_snapshots l ON l.customer_id = a.customer_id AND l.sku_id = a.sku_id AND l.day = a.last_day;

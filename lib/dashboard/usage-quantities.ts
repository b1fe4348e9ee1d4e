import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  aggregateUsage,
  dec,
  format4,
  periodEnd,
  periodStart,
  round4,
  type SkuDefinition,
  type UsageRow,
} from "@/lib/billing";
import { customerBilledIn } from "@/lib/usage/billed";

/**
 * Usage in billing units (domain.md §2.3), for a customer's page and the public API: the raw daily values
 * ÷ each SKU's divisor, and a month's billed quantity aggregated by lib/billing from the rollup the billing
 * run reads for a whole month (usage_monthly: peak, or the last day's value).
 */

/** A raw value in billing units: ÷ the SKU's divisor, 4 decimals half-up, as §2.3 converts. */
export function billingUnits(value: string, divisor: string): string {
  return format4(round4(dec(value).dividedBy(divisor)));
}

export type SkuTerms = {
  code: string;
  name: string;
  unit: string;
  aggregation: "peak" | "last";
  divisor: string;
};

export type DailyUsageRow = SkuTerms & { customerId: string; day: string; value: string };

function customerList(customerIds: readonly string[]): SQL {
  return sql.join(
    customerIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/**
 * The daily snapshots of `customerIds` from `from` to `to` (inclusive), by customer, SKU code and day,
 * with their SKU's terms. Read along the snapshots' key (customer, SKU, day).
 */
export async function readDailyUsage(
  db: DbOrTx,
  customerIds: readonly string[],
  range: { from: string; to: string; sku?: string },
): Promise<DailyUsageRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await db.execute<{
    customer_id: string;
    code: string;
    name: string;
    unit: string;
    aggregation: "peak" | "last";
    divisor: string;
    day: string;
    value: string;
  }>(sql`
    select u.customer_id, k.code, k.name, k.unit, k.aggregation, k.divisor::text as divisor,
      u.day::text as day, u.value::text as value
    from usage_snapshots u join skus k on k.id = u.sku_id
    where u.customer_id in (${customerList(customerIds)})
      and u.day >= ${range.from}::date and u.day <= ${range.to}::date
      ${range.sku ? sql`and k.code = ${range.sku}` : sql``}
    order by u.customer_id, k.code, u.day`);
  return [...rows].map((r) => ({
    customerId: r.customer_id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    aggregation: r.aggregation,
    divisor: r.divisor,
    day: r.day,
    value: r.value,
  }));
}

export type MonthlyQuantity = SkuTerms & {
  customerId: string;
  /** YYYY-MM */
  month: string;
  /** The month's billed quantity in billing units (peak, or the last day's value, ÷ divisor). */
  quantity: string;
  /** Whether the customer's usage of that month is billed (production; trial usage is not: §4). */
  billed: boolean;
};

type MonthRow = {
  customer_id: string;
  month: string;
  code: string;
  name: string;
  unit: string;
  aggregation: "peak" | "last";
  divisor: string;
  value: string;
  last_day: string;
  billed: boolean;
};

/**
 * Each (customer, SKU, month) of `customerIds` with usage from month `from` to month `to` (YYYY-MM,
 * inclusive): the month's quantity as a whole-month invoice line would carry it — the rollup's entry
 * (peak or last value, and its last day) aggregated by lib/billing's aggregateUsage, as the billing run
 * loads a whole month. A month still running holds its usage so far.
 */
export async function readMonthlyQuantities(
  db: DbOrTx,
  customerIds: readonly string[],
  range: { from: string; to: string; sku?: string },
): Promise<MonthlyQuantity[]> {
  if (customerIds.length === 0) return [];
  const rows = await db.execute<MonthRow>(sql`
    select m.customer_id, to_char(m.month, 'YYYY-MM') as month, k.code, k.name, k.unit, k.aggregation,
      k.divisor::text as divisor,
      (case when k.aggregation = 'last' then m.last_value else m.peak end)::text as value,
      m.last_day::text as last_day,
      ${customerBilledIn("c", sql`(m.month + interval '1 month')::date`)} as billed
    from usage_monthly m
      join skus k on k.id = m.sku_id
      join customers c on c.id = m.customer_id
    where m.customer_id in (${customerList(customerIds)})
      and m.month >= ${periodStart(range.from)}::date and m.month <= ${periodStart(range.to)}::date
      ${range.sku ? sql`and k.code = ${range.sku}` : sql``}
    order by m.customer_id, k.code, m.month`);
  const byMonth = new Map<string, MonthRow[]>();
  for (const row of rows) {
    const list = byMonth.get(row.month) ?? [];
    list.push(row);
    byMonth.set(row.month, list);
  }
  const quantities = new Map<string, string>();
  for (const [month, list] of byMonth) {
    const skus = new Map<string, SkuDefinition>();
    const usage: UsageRow[] = [];
    for (const r of list) {
      skus.set(r.code, { code: r.code, unit: r.unit, aggregation: r.aggregation, divisor: r.divisor });
      usage.push({ customer: r.customer_id, sku: r.code, date: r.last_day, value: r.value });
    }
    const window = { start: periodStart(month), end: periodEnd(month) };
    for (const q of aggregateUsage(usage, [...skus.values()], window))
      quantities.set(`${q.customer}|${q.sku}|${month}`, format4(q.quantity));
  }
  return [...rows].map((r) => ({
    customerId: r.customer_id,
    month: r.month,
    code: r.code,
    name: r.name,
    unit: r.unit,
    aggregation: r.aggregation,
    divisor: r.divisor,
    // A zero month gives no invoice line (§5 step 3): its quantity is zero.
    quantity: quantities.get(`${r.customer_id}|${r.code}|${r.month}`) ?? "0.0000",
    billed: r.billed,
  }));
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  addDays,
  aggregateUsage,
  dec,
  format4,
  periodStart,
  round4,
  type SkuDefinition,
  type UsageRow,
} from "@/lib/billing";
import type { CustomerUsage } from "./types";

type Row = {
  code: string;
  name: string;
  unit: string;
  aggregation: "peak" | "last";
  divisor: string;
  day: string;
  value: string;
};

/**
 * One customer's services day by day in billing units (the raw value ÷ the SKU's divisor, 4 decimals, as
 * §2.3 converts), with the day whose value is billed: the peak's first day, or the latest day of a
 * cumulative service. The billed quantity is the engine's own aggregation of the same rows.
 */
export async function dailyQuantities(
  db: DbOrTx,
  customerId: string,
  period: string,
  asOf: string,
): Promise<Omit<CustomerUsage["services"][number], "amount">[]> {
  const rows = await db.execute<Row>(sql`
    select k.code, k.name, k.unit, k.aggregation, k.divisor::text as divisor, u.day::text as day,
      u.value::text as value
    from usage_snapshots u join skus k on k.id = u.sku_id
    where u.customer_id = ${customerId} and u.day >= ${periodStart(period)}::date and u.day <= ${asOf}::date
    order by k.code, u.day`);
  const bySku = new Map<string, Row[]>();
  for (const row of rows) {
    const list = bySku.get(row.code) ?? [];
    list.push(row);
    bySku.set(row.code, list);
  }
  const window = { start: periodStart(period), end: addDays(asOf, 1) };
  return [...bySku.values()].map((list) => {
    const first = list[0] as Row;
    const sku: SkuDefinition = {
      code: first.code,
      unit: first.unit,
      aggregation: first.aggregation,
      divisor: first.divisor,
    };
    const usage: UsageRow[] = list.map((r) => ({
      customer: customerId,
      sku: r.code,
      date: r.day,
      value: r.value,
    }));
    const [billed] = aggregateUsage(usage, [sku], window);
    let billedDay: string | null = null;
    let best = dec(-1);
    for (const r of list) {
      const value = dec(r.value);
      if (first.aggregation === "last" ? true : value.gt(best)) {
        best = value;
        billedDay = r.day;
      }
    }
    return {
      sku: first.code,
      name: first.name,
      unit: first.unit,
      aggregation: first.aggregation,
      days: list.map((r) => ({ day: r.day, quantity: format4(round4(dec(r.value).dividedBy(r.divisor))) })),
      billedDay: billed ? billedDay : null,
      billedQuantity: billed ? format4(billed.quantity) : "0.0000",
    };
  });
}

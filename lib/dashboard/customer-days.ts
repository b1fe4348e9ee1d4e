import "server-only";
import type { DbOrTx } from "@/db/client";
import {
  addDays,
  aggregateUsage,
  dec,
  format4,
  periodStart,
  type SkuDefinition,
  type UsageRow,
} from "@/lib/billing";
import type { CustomerUsage } from "./types";
import { billingUnits, type DailyUsageRow, readDailyUsage } from "./usage-quantities";

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
  const rows = await readDailyUsage(db, [customerId], { from: periodStart(period), to: asOf });
  const bySku = new Map<string, DailyUsageRow[]>();
  for (const row of rows) {
    const list = bySku.get(row.code) ?? [];
    list.push(row);
    bySku.set(row.code, list);
  }
  const window = { start: periodStart(period), end: addDays(asOf, 1) };
  return [...bySku.values()].map((list) => {
    const first = list[0] as DailyUsageRow;
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
      days: list.map((r) => ({ day: r.day, quantity: billingUnits(r.value, r.divisor) })),
      billedDay: billed ? billedDay : null,
      billedQuantity: billed ? format4(billed.quantity) : "0.0000",
    };
  });
}

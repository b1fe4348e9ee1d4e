import type { IsoDate } from "./dates";
import { BillingError } from "./errors";
import { type Dec, dec, ONE, round4 } from "./money";
import type { SkuDefinition, UsageRow } from "./types";

export type BilledQuantity = { customer: string; sku: string; unit: string; quantity: Dec };

/**
 * Sort key that groups lines by customer, then SKU. Plain code-unit order (not locale order), so every
 * machine prints the same invoice; the NUL separator keeps "Acme" before "Acme Dental".
 */
export function lineSortKey(line: { customer: string; sku: string }): string {
  return `${line.customer}\u0000${line.sku}`;
}

export function compareLines(a: { customer: string; sku: string }, b: { customer: string; sku: string }) {
  const [keyA, keyB] = [lineSortKey(a), lineSortKey(b)];
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

type Aggregate = { key: string; customer: string; sku: SkuEntry; peak: Dec; lastDate: IsoDate; last: Dec };
type SkuEntry = { definition: SkuDefinition; divisor: Dec | null };

/**
 * Step 3 of §5: per (customer, SKU), aggregate the daily values dated inside [start, end): `peak` takes the
 * largest, `last` the value of the latest date (if a day appears twice, its larger value — the snapshot
 * rule keeps the day's maximum). Then ÷ divisor, 4 decimals half-up; zero quantities give no line.
 * Result sorted by customer then SKU (the order of `compareLines`), whatever the order of `usage`.
 */
export function aggregateUsage(
  usage: readonly UsageRow[],
  skus: readonly SkuDefinition[],
  window: { start: IsoDate; end: IsoDate },
): BilledQuantity[] {
  // Divisors parsed once per call, not once per row.
  // A divisor of 1 is no division at all (null).
  const skuByCode = new Map<string, SkuEntry>(
    skus.map((sku) => {
      const divisor = dec(sku.divisor);
      return [sku.code, { definition: sku, divisor: divisor.eq(ONE) ? null : divisor }];
    }),
  );
  const aggregates = new Map<string, Aggregate>();
  for (const row of usage) {
    if (row.date < window.start || row.date >= window.end) continue;
    const sku = skuByCode.get(row.sku);
    if (!sku)
      throw new BillingError("unknown_sku", `Usage of ${row.sku} (${row.customer}) is not in the SKU list`);
    const value = dec(row.value);
    const key = lineSortKey(row);
    const current = aggregates.get(key);
    if (!current) {
      aggregates.set(key, { key, customer: row.customer, sku, peak: value, lastDate: row.date, last: value });
      continue;
    }
    if (value.greaterThan(current.peak)) current.peak = value;
    if (row.date > current.lastDate || (row.date === current.lastDate && value.greaterThan(current.last))) {
      current.lastDate = row.date;
      current.last = value;
    }
  }
  // Sorted on the key computed once per (customer, SKU): the same order as sorting with compareLines.
  const sorted = [...aggregates.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const quantities: BilledQuantity[] = [];
  for (const { customer, sku, peak, last } of sorted) {
    const { definition, divisor } = sku;
    const raw = definition.aggregation === "peak" ? peak : last;
    const quantity = round4(divisor ? raw.dividedBy(divisor) : raw);
    if (!quantity.isZero())
      quantities.push({ customer, sku: definition.code, unit: definition.unit, quantity });
  }
  return quantities;
}

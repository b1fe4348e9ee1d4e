import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  addDays,
  type Dec,
  dec,
  formatMoney,
  laterDate,
  periodEnd,
  periodStart,
  type RatingInput,
  ratePeriod,
  tierInForce,
  type UsageRow,
} from "@/lib/billing";
import { findResellerContractId } from "@/lib/portal/contract";
import { customerBilledIn } from "@/lib/usage/billed";
import { loadContractMonth } from "./contract-month";
import { dashboardMonth, requireCustomerOf, requireSku } from "./scope";
import type { DailySeries, UsageFilters } from "./types";

/** Series stacked before the rest is folded into "Other". */
export const MAX_SERIES = 7;
export const OTHER_KEY = "__other__";

type PackedRow = { customer_id: string; sku_id: string; days: string };

/**
 * Month-to-date cost day by day (issue 12): for each day of the month so far, the month rated by lib/billing
 * with the usage recorded up to that day — the invoice had the month ended then — split by customer or by
 * service. The last day equals the month-to-date figure of the summary (same loader, same engine).
 */
export async function dailySeries(
  db: Db,
  resellerId: string,
  input: UsageFilters & { by: "customer" | "service" },
  today: string,
): Promise<DailySeries> {
  const month = dashboardMonth(input.month, today);
  if (input.customer) await requireCustomerOf(db, resellerId, input.customer);
  if (input.service) await requireSku(db, input.service);
  const contractId = await findResellerContractId(db, resellerId);
  // The month's rows are read alongside the contract's month (its paid window narrows them below).
  const [loadedMonth, rows] = await Promise.all([
    contractId ? loadContractMonth(db, contractId, month.period, month.clipAt) : null,
    contractId ? readPackedDays(db, resellerId, input, periodStart(month.period), month.asOf) : [],
  ]);
  const empty: DailySeries = {
    month: month.period,
    currency: loadedMonth?.loaded.input.currency ?? "USD",
    by: input.by,
    keys: [],
    days: [],
  };
  if (!loadedMonth) return empty;
  const { catalogue, loaded } = loadedMonth;
  const terms = loaded.input.contract;
  const start = laterDate(periodStart(month.period), terms.paidStart);
  const end = terms.endDate && terms.endDate <= month.asOf ? addDays(terms.endDate, -1) : month.asOf;
  if (end < start) return empty;

  const aggregation = new Map(catalogue.skus.map((s) => [s.code, s.aggregation]));
  const changes = runningChanges(rows, catalogue.skuCodeById, aggregation, { start, end });
  const names = new Map<string, string>();
  for (const [id, name] of loaded.customerNames) names.set(id, name);
  if (changes.some((change) => !names.has(change.row.customer))) {
    const more = await db.execute<{ id: string; name: string }>(
      sql`select id, name from customers where reseller_id = ${resellerId}`,
    );
    for (const c of more) names.set(c.id, c.name);
  }
  const days = rateDays(loaded.input, changes, { start, end, by: input.by });

  const currency = loaded.input.currency;
  const lastAmounts = days.at(-1)?.amounts ?? new Map<string, Dec>();
  const ranked = [...lastAmounts.entries()]
    .sort((a, b) => b[1].comparedTo(a[1]) || (a[0] < b[0] ? -1 : 1))
    .map(([key]) => key);
  // Every key seen on any day (a customer can drop to zero by the last day).
  for (const d of days) for (const key of d.amounts.keys()) if (!ranked.includes(key)) ranked.push(key);
  const shown = ranked.length > MAX_SERIES + 1 ? ranked.slice(0, MAX_SERIES) : ranked;
  const folded = ranked.length > shown.length;
  const label = (key: string) =>
    input.by === "customer" ? (names.get(key) ?? key) : (catalogue.skuNameByCode.get(key) ?? key);
  return {
    month: month.period,
    currency,
    by: input.by,
    keys: [
      ...shown.map((key) => ({ key, label: label(key) })),
      ...(folded ? [{ key: OTHER_KEY, label: `Other (${ranked.length - shown.length})` }] : []),
    ],
    days: days.map((d) => {
      const values: Record<string, string> = {};
      let other = dec(0);
      for (const key of shown) values[key] = formatMoney(d.amounts.get(key) ?? dec(0), currency);
      if (folded) {
        for (const [key, amount] of d.amounts) if (!shown.includes(key)) other = other.plus(amount);
        values[OTHER_KEY] = formatMoney(other, currency);
      }
      return { day: d.day, values, total: formatMoney(d.total, currency) };
    }),
  };
}

/**
 * The reseller's snapshots of [from, to] (one month) of the customers billed in it (trial customers are not
 * rated: domain.md §4), one row per (customer, SKU) with its days packed as
 * "<day> <value>;…", as the billing loader packs usage: 750 rows to parse instead of 22 500 for 50
 * customers × 15 services × 30 days. Read pair by pair (the key's customer, SKU and day range), so the cost
 * follows the month, not the years of history before it in each customer's part of the key.
 */
async function readPackedDays(
  db: Db,
  resellerId: string,
  filters: UsageFilters,
  from: string,
  to: string,
): Promise<PackedRow[]> {
  return [
    ...(await db.execute<PackedRow>(sql`
    select c.id as customer_id, k.id as sku_id, d.days
    from customers c cross join skus k
    cross join lateral (
      select string_agg(u.day::text || ' ' || u.value::text, ';') as days from usage_snapshots u
      where u.customer_id = c.id and u.sku_id = k.id and u.day >= ${from}::date and u.day <= ${to}::date
    ) d
    where c.reseller_id = ${resellerId} and d.days is not null
      and ${customerBilledIn("c", periodEnd(from.slice(0, 7)))}
      ${filters.customer ? sql`and c.id = ${filters.customer}` : sql``}
      ${filters.service ? sql`and k.code = ${filters.service}` : sql``}`)),
  ];
}

type DayAmounts = { day: string; amounts: Map<string, Dec>; total: Dec };

/** A day on which the running aggregate of a (customer, SKU) pair changed, and the row it became. */
type Change = { key: string; row: UsageRow };

/**
 * The running aggregate of each (customer, SKU) pair through the month: the rows the engine needs to rate
 * "up to day d" are the running peak (or latest value) of each pair, the same quantity as all its daily rows
 * up to d. Only the days its value changes are kept (first seen pairs in row order).
 */
function runningChanges(
  rows: readonly PackedRow[],
  skuCodeById: Map<string, string>,
  aggregation: Map<string, string>,
  range: { start: string; end: string },
): Change[] {
  const changes: Change[] = [];
  for (const row of rows) {
    const sku = skuCodeById.get(row.sku_id) ?? row.sku_id;
    const key = `${row.customer_id}\u0000${sku}`;
    const keepPeak = aggregation.get(sku) !== "last";
    const days = row.days.split(";").map((entry) => {
      const space = entry.indexOf(" ");
      return { day: entry.slice(0, space), value: entry.slice(space + 1) };
    });
    days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    let current: UsageRow | null = null;
    for (const { day, value } of days) {
      if (day < range.start || day > range.end) continue;
      const next: UsageRow = { customer: row.customer_id, sku, date: day, value };
      if (current === null || (keepPeak ? isGreater(value, current.value) : value !== current.value))
        changes.push({ key, row: next });
      if (current === null || !keepPeak || isGreater(value, current.value)) current = next;
    }
  }
  return changes;
}

/**
 * a > b for two numeric values as PostgreSQL prints them. Plain non-negative decimals of one scale (every
 * value of a numeric(30,4) column) compare by the length of their integer part, then as text, without
 * parsing; anything else exactly, with decimal.js.
 */
function isGreater(a: string, b: string): boolean {
  const pointA = a.indexOf(".");
  const pointB = b.indexOf(".");
  const plain =
    pointA > 0 &&
    pointB > 0 &&
    a.length - pointA === b.length - pointB &&
    a[0] !== "-" &&
    b[0] !== "-" &&
    (a[0] !== "0" || pointA === 1) &&
    (b[0] !== "0" || pointB === 1);
  if (!plain) return dec(a).gt(b);
  return pointA !== pointB ? pointA > pointB : a > b;
}

/**
 * A (customer, SKU) pair: its running aggregate row and the amount of its line on the day last rated, in
 * units of 10^-MONEY_SCALE (null: no line).
 */
type Pair = { key: string; group: string; row: UsageRow; amount: bigint | null; seen: number };

/**
 * Carried amounts and their sums are exact integers of 10^-8 (line amounts have the currency's minor units,
 * four decimals at most): thousands of additions a series, each far cheaper than decimal.js's, read back as
 * decimals of the same value.
 */
const MONEY_SCALE = 8;

function toUnits(amount: string): bigint {
  const point = amount.indexOf(".");
  const fraction = point < 0 ? "" : amount.slice(point + 1);
  if (fraction.length > MONEY_SCALE) throw new Error(`Unexpected amount ${amount}`);
  const whole = point < 0 ? amount : amount.slice(0, point);
  return BigInt(whole + fraction.padEnd(MONEY_SCALE, "0"));
}

function fromUnits(units: bigint): Dec {
  return dec(`${units}e-${MONEY_SCALE}`);
}

/**
 * Each day of [start, end]: the month rated by the engine (lib/billing ratePeriod) with the running
 * aggregates up to that day, its usage lines summed per group.
 *
 * Rating every pair every day cost ≈ 30 ratings of 750 lines for 50 customers × 15 services. A usage line's
 * amount depends only on its own quantity and the unit price of its SKU under the tier in force that day
 * (every row lies inside the contract's window, so no date filter can drop one), so a day rates only the
 * pairs whose running value changed, rates every pair again when the tier changes, and carries the other
 * lines' amounts forward. Group sums are kept by adding and removing exact amounts: the same values as
 * summing the day's lines, and the groups in the engine's line order.
 */
function rateDays(
  input: RatingInput,
  changes: readonly Change[],
  range: { start: string; end: string; by: "customer" | "service" },
): DayAmounts[] {
  const dayList: string[] = [];
  for (let day = range.start; day <= range.end; day = addDays(day, 1)) dayList.push(day);
  const dayIndex = new Map(dayList.map((day, i) => [day, i]));
  const changesByDay: Change[][] = dayList.map(() => []);
  for (const change of changes) changesByDay[dayIndex.get(change.row.date) as number]?.push(change);

  const pairs = new Map<string, Pair>();
  const seen: Pair[] = []; // first seen first, as the engine was handed them
  let sorted: Pair[] = []; // the engine's line order (customer, then SKU)
  /** The groups with a line, in the order of their first line; redone only when a line comes or goes. */
  let groups: string[] = [];
  let regroup = false;
  const sums = new Map<string, bigint>();
  let total = 0n;
  /** The tier the carried amounts were rated on; null when nothing is carried. */
  let ratedTier: string | null = null;
  const setAmount = (pair: Pair, amount: bigint | null) => {
    const { group } = pair;
    if (pair.amount !== null) {
      sums.set(group, (sums.get(group) as bigint) - pair.amount);
      total -= pair.amount;
    }
    if (amount !== null) {
      sums.set(group, (sums.get(group) ?? 0n) + amount);
      total += amount;
    }
    if ((pair.amount === null) !== (amount === null)) regroup = true;
    pair.amount = amount;
  };

  const days: DayAmounts[] = [];
  for (const [i, day] of dayList.entries()) {
    const changed: Pair[] = [];
    let added = false;
    for (const { key, row } of changesByDay[i] as Change[]) {
      let pair = pairs.get(key);
      if (pair) pair.row = row;
      else {
        const group = range.by === "customer" ? row.customer : row.sku;
        pair = { key, group, row, amount: null, seen: seen.length };
        pairs.set(key, pair);
        seen.push(pair);
        added = true;
      }
      changed.push(pair); // once a day at most: one row per pair and day
    }
    if (seen.length === 0) {
      days.push({ day, amounts: new Map(), total: dec(0) });
      continue;
    }
    if (added) sorted = [...seen].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const tier = tierInForce(input.contract.tiers, day);
    const toRate = tier === ratedTier ? changed.sort((a, b) => a.seen - b.seen) : seen;
    if (toRate.length > 0) {
      const result = ratePeriod({ ...input, usage: toRate.map((pair) => pair.row) }, { asOf: day });
      if (!result.billable) {
        // Not reached inside the contract's window; kept exact anyway: an empty day, then every pair again.
        ratedTier = null;
        days.push({ day, amounts: new Map(), total: dec(0) });
        continue;
      }
      ratedTier = tier;
      const amounts = new Map<string, bigint>();
      for (const line of result.lines)
        if (line.type === "usage") amounts.set(`${line.customer}\u0000${line.sku}`, toUnits(line.amount));
      for (const pair of toRate) setAmount(pair, amounts.get(pair.key) ?? null);
    }
    if (regroup) {
      const present = new Set<string>();
      for (const pair of sorted) if (pair.amount !== null) present.add(pair.group);
      groups = [...present];
      regroup = false;
    }
    const amounts = new Map<string, Dec>();
    for (const group of groups) amounts.set(group, fromUnits(sums.get(group) as bigint));
    days.push({ day, amounts, total: fromUnits(total) });
  }
  return days;
}

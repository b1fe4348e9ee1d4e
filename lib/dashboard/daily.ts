import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  addDays,
  type Dec,
  dec,
  formatMoney,
  laterDate,
  periodStart,
  type RatingInput,
  ratePeriod,
  type UsageRow,
} from "@/lib/billing";
import { findResellerContractId } from "@/lib/portal/contract";
import { loadContractMonth } from "./contract-month";
import { dashboardMonth, requireCustomerOf, requireSku } from "./scope";
import type { DailySeries, UsageFilters } from "./types";

/** Series stacked before the rest is folded into "Other". */
export const MAX_SERIES = 7;
export const OTHER_KEY = "__other__";

type DailyRow = { customer_id: string; sku: string; day: string; value: string };

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
  const loadedMonth = contractId ? await loadContractMonth(db, contractId, month.period, month.clipAt) : null;
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

  const rows = await db.execute<DailyRow>(sql`
    select u.customer_id, k.code as sku, u.day::text as day, u.value::text as value
    from usage_snapshots u
    join customers c on c.id = u.customer_id
    join skus k on k.id = u.sku_id
    where c.reseller_id = ${resellerId} and u.day >= ${start}::date and u.day <= ${end}::date
      ${input.customer ? sql`and u.customer_id = ${input.customer}` : sql``}
      ${input.service ? sql`and k.code = ${input.service}` : sql``}
    order by u.day`);

  const names = new Map<string, string>();
  for (const [id, name] of loaded.customerNames) names.set(id, name);
  if ([...rows].some((r) => !names.has(r.customer_id))) {
    const more = await db.execute<{ id: string; name: string }>(
      sql`select id, name from customers where reseller_id = ${resellerId}`,
    );
    for (const c of more) names.set(c.id, c.name);
  }

  // Running aggregate per (customer, SKU): the rows the engine needs to rate "up to day d" are the running
  // peak (or latest value) of each pair — the same quantity as all the daily rows up to d.
  const aggregation = new Map(catalogue.skus.map((s) => [s.code, s.aggregation]));
  const running = new Map<string, UsageRow>();
  const days: { day: string; amounts: Map<string, Dec>; total: Dec }[] = [];
  let i = 0;
  const list = [...rows];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    for (; i < list.length && (list[i] as DailyRow).day <= day; i += 1) {
      const row = list[i] as DailyRow;
      const key = `${row.customer_id}\u0000${row.sku}`;
      const current = running.get(key);
      const keepPeak = aggregation.get(row.sku) !== "last";
      if (!current || (keepPeak ? dec(row.value).gt(current.value) : row.day >= current.date)) {
        running.set(key, { customer: row.customer_id, sku: row.sku, date: row.day, value: row.value });
      } else if (keepPeak) {
        running.set(key, { ...current, date: row.day });
      }
    }
    days.push({ day, ...rateDay(loaded.input, [...running.values()], day, input.by) });
  }

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

/** One day: the month rated by the engine with usage up to `day`, its usage lines summed per group. */
function rateDay(input: RatingInput, usage: UsageRow[], day: string, by: "customer" | "service") {
  const amounts = new Map<string, Dec>();
  let total = dec(0);
  if (usage.length === 0) return { amounts, total };
  const result = ratePeriod({ ...input, usage }, { asOf: day });
  if (!result.billable) return { amounts, total };
  for (const line of result.lines) {
    if (line.type !== "usage") continue;
    const key = by === "customer" ? line.customer : line.sku;
    amounts.set(key, (amounts.get(key) ?? dec(0)).plus(line.amount));
    total = total.plus(line.amount);
  }
  return { amounts, total };
}

import "server-only";
import type { Db } from "@/db/client";
import { type Dec, dec, formatFixed, formatMoney } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { loadSettings } from "@/lib/settings/current";
import type { MarginFilters } from "./margin-filters";
import { marginByReseller, marginByService, marginChoices } from "./margin-queries";
import { baseConverter, type ToBase } from "./to-base";

/** Sell, cost, margin (sell − cost) and margin % (margin ÷ sell, one decimal; null when nothing was sold). */
export type MarginFigures = { sell: string; cost: string; margin: string; marginPercent: string | null };

export type MarginResellerRow = MarginFigures & {
  period: string;
  resellerId: string;
  resellerName: string;
  currency: string;
  invoices: number;
  /** The same figures in the base currency; null when the month has no usable FX rate. */
  base: MarginFigures | null;
};

export type MarginServiceRow = MarginFigures & {
  /** The SKU code, or the line type of a line without one (a top-up, a waiver). */
  key: string;
  service: string;
  skuCode: string | null;
  currency: string;
  lines: number;
  base: MarginFigures | null;
};

export type MarginReport = {
  filters: MarginFilters;
  baseCurrency: string;
  byReseller: MarginResellerRow[];
  byService: MarginServiceRow[];
  /** Per invoice currency: the table's totals in that currency. */
  totalsByCurrency: (MarginFigures & { currency: string; invoices: number; base: MarginFigures | null })[];
  /** Everything in the base currency, each figure converted exactly and rounded once; null if a rate is missing. */
  totalBase: MarginFigures | null;
  /** Per month in the base currency, for the chart. */
  months: (MarginFigures & { month: string; invoices: number; complete: boolean })[];
  /** The rates to add before the base-currency figures are complete. */
  missingRates: string[];
  choices: { resellers: { id: string; name: string }[]; currencies: string[] };
};

export const LINE_TYPE_LABEL: Record<string, string> = {
  commitment_topup: "Commitment top-up",
  commitment_waived: "Commitment waived (ramp-up)",
};

/** Exact sums, rounded only when formatted. */
type Acc = { sell: Dec; cost: Dec };
const zero = (): Acc => ({ sell: dec(0), cost: dec(0) });
const add = (acc: Acc, sell: Dec, cost: Dec): Acc => ({
  sell: acc.sell.plus(sell),
  cost: acc.cost.plus(cost),
});

export function marginFigures(acc: Acc, currency: string): MarginFigures {
  const margin = acc.sell.minus(acc.cost);
  return {
    sell: formatMoney(acc.sell, currency),
    cost: formatMoney(acc.cost, currency),
    margin: formatMoney(margin, currency),
    marginPercent: acc.sell.isZero() ? null : formatFixed(margin.dividedBy(acc.sell).times(100), 1),
  };
}

/**
 * The distributor's margin (§2.2: cost = sell × (1 − discount), kept per invoice line) over issued and paid
 * invoices, per month and reseller and per service, in the invoice currency and in the base currency.
 * Every figure is a sum of invoice lines, so the totals are the invoices' own.
 */
export async function marginReport(db: Db, filters: MarginFilters): Promise<MarginReport> {
  const [settings, resellerRows, serviceRows, choices] = await Promise.all([
    loadSettings(db),
    marginByReseller(db, filters),
    marginByService(db, filters),
    marginChoices(db),
  ]);
  if (!settings) throw new AppError("internal", "The distributor settings are missing: run the seed.");
  const base = settings.baseCurrency;
  const periods = [...new Set(resellerRows.map((r) => r.period))];
  const { toBase, missing } = await baseConverter(db, base, periods);

  const byCurrency = new Map<string, { acc: Acc; base: Acc | null; invoices: number }>();
  const byMonth = new Map<string, { acc: Acc; invoices: number; complete: boolean }>();
  let totalBase: Acc | null = zero();
  const byReseller = resellerRows.map((row): MarginResellerRow => {
    const sell = dec(row.sell);
    const cost = dec(row.cost);
    const converted = convert(toBase, row.currency, row.period, sell, cost);
    const own = byCurrency.get(row.currency) ?? { acc: zero(), base: zero(), invoices: 0 };
    byCurrency.set(row.currency, {
      acc: add(own.acc, sell, cost),
      base: own.base && converted ? add(own.base, converted.sell, converted.cost) : null,
      invoices: own.invoices + row.invoices,
    });
    const month = byMonth.get(row.period) ?? { acc: zero(), invoices: 0, complete: true };
    byMonth.set(row.period, {
      acc: converted ? add(month.acc, converted.sell, converted.cost) : month.acc,
      invoices: month.invoices + row.invoices,
      complete: month.complete && converted !== null,
    });
    totalBase = totalBase && converted ? add(totalBase, converted.sell, converted.cost) : null;
    return {
      period: row.period,
      resellerId: row.resellerId,
      resellerName: row.resellerName,
      currency: row.currency,
      invoices: row.invoices,
      ...marginFigures({ sell, cost }, row.currency),
      base: converted ? marginFigures(converted, base) : null,
    };
  });

  return {
    filters,
    baseCurrency: base,
    byReseller,
    byService: servicesOf(serviceRows, toBase, base),
    totalsByCurrency: [...byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { acc, base: inBase, invoices }]) => ({
        currency,
        invoices,
        ...marginFigures(acc, currency),
        base: inBase ? marginFigures(inBase, base) : null,
      })),
    totalBase: totalBase ? marginFigures(totalBase, base) : null,
    months: [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, { acc, invoices, complete }]) => ({
        month,
        invoices,
        complete,
        ...marginFigures(acc, base),
      })),
    missingRates: missing(),
    choices,
  };
}

function convert(toBase: ToBase, currency: string, period: string, sell: Dec, cost: Dec): Acc | null {
  const rate = toBase(currency, period);
  return rate ? { sell: sell.times(rate), cost: cost.times(rate) } : null;
}

/** Months folded per (currency, service): sums in the invoice currency, each month converted at its own rate. */
function servicesOf(
  rows: Iterable<{
    period: string;
    currency: string;
    lineType: string;
    skuCode: string | null;
    skuName: string | null;
    lines: number;
    sell: string;
    cost: string;
  }>,
  toBase: ToBase,
  base: string,
): MarginServiceRow[] {
  type Group = {
    key: string;
    service: string;
    skuCode: string | null;
    currency: string;
    lines: number;
    acc: Acc;
    base: Acc | null;
  };
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = row.skuCode ?? row.lineType;
    const id = `${row.currency}:${key}`;
    const group = groups.get(id) ?? {
      key,
      service: row.skuCode ? (row.skuName ?? row.skuCode) : (LINE_TYPE_LABEL[row.lineType] ?? row.lineType),
      skuCode: row.skuCode,
      currency: row.currency,
      lines: 0,
      acc: zero(),
      base: zero(),
    };
    const sell = dec(row.sell);
    const cost = dec(row.cost);
    const converted = convert(toBase, row.currency, row.period, sell, cost);
    group.lines += row.lines;
    group.acc = add(group.acc, sell, cost);
    group.base = group.base && converted ? add(group.base, converted.sell, converted.cost) : null;
    groups.set(id, group);
  }
  // Usage services by name, then the top-up and waiver lines; within a service, by currency.
  const rank = (g: Group) => (g.skuCode ? 0 : g.key === "commitment_topup" ? 1 : 2);
  return [...groups.values()]
    .sort(
      (a, b) =>
        rank(a) - rank(b) || a.service.localeCompare(b.service) || a.currency.localeCompare(b.currency),
    )
    .map((g) => ({
      key: g.key,
      service: g.service,
      skuCode: g.skuCode,
      currency: g.currency,
      lines: g.lines,
      ...marginFigures(g.acc, g.currency),
      base: g.base ? marginFigures(g.base, base) : null,
    }));
}

import {
  addDays,
  dec,
  format4,
  periodDays,
  periodEnd,
  periodStart,
  type RatedPeriod,
  type RatingInput,
  type RatingResult,
  ratePeriod,
  round4,
  type UsageRow,
} from "@/lib/billing";

/** Shown under a projected figure: how it was made. */
export const PROJECTION_METHOD =
  "Per-device and per-GB services at today's peak; cumulative services (compute hours) extrapolated from their daily average.";

/**
 * The usage of a month projected to its end from what was recorded up to `asOf` (domain.md §4: dashboards):
 * a `peak` SKU is billed at its month's peak, which can only grow, so today's peak is its projection; a
 * `last` SKU is a counter accumulated since the 1st (compute seconds), extrapolated per day: its latest
 * value × days in month ÷ day of month of that value, dated the month's last day. Pure; rows after `asOf`
 * are ignored.
 */
export function projectUsage(input: RatingInput, asOf: string): UsageRow[] {
  const lastDay = addDays(periodEnd(input.period), -1);
  const monthDays = periodDays(input.period);
  const lastSkus = new Set(input.skus.filter((s) => s.aggregation === "last").map((s) => s.code));
  const latest = new Map<string, UsageRow>();
  const rows: UsageRow[] = [];
  for (const row of input.usage) {
    if (row.date > asOf) continue;
    if (!lastSkus.has(row.sku)) {
      rows.push(row);
      continue;
    }
    const key = `${row.customer}\u0000${row.sku}`;
    const current = latest.get(key);
    if (
      !current ||
      row.date > current.date ||
      (row.date === current.date && dec(row.value).gt(current.value))
    )
      latest.set(key, row);
  }
  for (const row of latest.values()) {
    const dayOfMonth = Number(row.date.slice(8, 10));
    const value = round4(dec(row.value).times(monthDays).dividedBy(dayOfMonth));
    rows.push({ ...row, date: lastDay, value: format4(value) });
  }
  return rows;
}

/**
 * The month rated as if usage continued as projected: the same engine as the invoice (lib/billing), on the
 * projected usage, for the whole period (not clipped at `asOf`).
 */
export function rateProjected(input: RatingInput, asOf: string): RatingResult {
  return ratePeriod({ ...input, usage: projectUsage(input, asOf) });
}

/** Days of the month with usage counted up to `asOf` (inclusive), for the line under a projection. */
export function daysElapsed(period: string, asOf: string): number {
  const start = periodStart(period);
  if (asOf < start) return 0;
  return Math.min(periodDays(period), Number(asOf.slice(8, 10)));
}

/**
 * The same input on another tier for the whole period: what the month would cost had `tierCode` been in
 * force since the paid start. Prices of that tier must be in `input.prices` (the caller loads them).
 */
export function onTier(input: RatingInput, tierCode: string): RatingInput {
  return {
    ...input,
    contract: { ...input.contract, tiers: [{ from: input.contract.paidStart, tier: tierCode }] },
  };
}

/**
 * The input with `tierCode` in force from `from` (an upgrade today): the tier history up to that day, then
 * the new tier.
 */
export function withTierFrom(input: RatingInput, tierCode: string, from: string): RatingInput {
  const before = input.contract.tiers.filter((t) => t.from < from);
  return { ...input, contract: { ...input.contract, tiers: [...before, { from, tier: tierCode }] } };
}

export type Figures = {
  consumption: string;
  commitment: string;
  rampUpWaived: boolean;
  topUp: string;
  subtotal: string;
  tax: string;
  total: string;
};

export function figuresOf(result: RatedPeriod): Figures {
  return {
    consumption: result.consumption,
    commitment: result.commitment,
    rampUpWaived: result.rampUpWaived,
    topUp: result.topUp,
    subtotal: result.subtotal,
    tax: result.tax,
    total: result.total,
  };
}

export const ZERO_FIGURES: Figures = {
  consumption: "0",
  commitment: "0",
  rampUpWaived: false,
  topUp: "0",
  subtotal: "0",
  tax: "0",
  total: "0",
};

import "server-only";
import type { Db } from "@/db/client";
import {
  BillingError,
  type Dec,
  daysBetween,
  dec,
  type FxRate,
  findFxRate,
  formatFixed,
  formatMoney,
  isIsoDate,
  periodEnd,
} from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { shiftPeriod } from "@/lib/invoices/periods";
import { loadSettings } from "@/lib/settings/current";
import {
  BELOW_COMMITMENT_LIMIT,
  type BelowRow,
  belowCommitmentCandidates,
  billedByMonth,
  fastestGrowing,
  fxRatesOn,
  projectedByCurrency,
  trialsEnding,
} from "./overview-queries";
import type { AdminUsageOverview } from "./types";

export const OVERVIEW_MONTHS = 12;
export const MAX_OVERVIEW_MONTHS = 24;

type Sums = { consumption: string; topUps: string; commitments: string; waived: string; total: string };
type CurrencySums = Sums & { currency: string };
const SUM_KEYS = ["consumption", "topUps", "commitments", "waived", "total"] as const;
type MonthRow = AdminUsageOverview["months"][number];

/**
 * The back office's usage overview across every reseller (AdminUsageOverview). Closed months come from
 * billed invoices, the current month from usage_projections (rewritten after each sync), so nothing is
 * rated here. Seven small queries, run together, whatever the number of resellers: amounts are summed in
 * SQL per (month, currency) and each currency's sum converted to the base currency in JS (§5.4: the latest
 * rate dated on or before the month's invoice date, direct or inverted), exactly, rounded once per figure.
 * A missing rate is refused with the rate to add, never skipped: a total without a currency would be wrong.
 */
export async function adminUsageOverview(
  db: Db,
  input: { today: string; months?: number },
): Promise<AdminUsageOverview> {
  const { today, months = OVERVIEW_MONTHS } = input;
  if (!isIsoDate(today)) throw new AppError("validation", "today must be a date YYYY-MM-DD");
  if (!Number.isInteger(months) || months < 1 || months > MAX_OVERVIEW_MONTHS)
    throw new AppError("validation", `months must be a whole number from 1 to ${MAX_OVERVIEW_MONTHS}`);
  const current = today.slice(0, 7);
  const periods = Array.from({ length: months }, (_, i) => shiftPeriod(current, i - months + 1));
  const first = periods[0] as string;

  const [settings, rates, billed, projected, below, growing, trials] = await Promise.all([
    loadSettings(db),
    fxRatesOn(db, periods.map(periodEnd)),
    billedByMonth(db, first, current),
    projectedByCurrency(db, current),
    belowCommitmentCandidates(db, current),
    fastestGrowing(db, current),
    trialsEnding(db, current, today),
  ]);
  if (!settings) throw new AppError("internal", "The distributor settings are missing: run the seed.");
  const base = settings.baseCurrency;
  const toBase = baseConverter(rates, base);
  const inBase = (groups: readonly CurrencySums[], period: string) =>
    sumInBase(groups, base, (currency) => toBase(currency, period));

  const monthRows: MonthRow[] = periods.map((period) => {
    if (period === current) {
      // Currencies with trials only have nothing to convert (and may have no rate).
      const paid = projected.filter((g) => g.contracts > 0);
      const count = paid.reduce((n, g) => n + g.contracts, 0);
      return { month: period, source: "projection", invoices: count, ...inBase(paid, period) };
    }
    const groups = billed.filter((g) => g.period === period);
    const count = groups.reduce((n, g) => n + g.invoices, 0);
    return { month: period, source: "invoices", invoices: count, ...inBase(groups, period) };
  });

  const computedAt = projected.flatMap((g) => (g.computedAt ? [g.computedAt.getTime()] : []));
  return {
    currency: base,
    asOf: computedAt.length > 0 ? new Date(Math.max(...computedAt)).toISOString() : null,
    months: monthRows,
    belowCommitment: rankBelowCommitment(below, (currency) => toBase(currency, current)),
    fastestGrowing: growing.map((row) => ({
      resellerId: row.resellerId,
      name: row.name,
      currency: row.currency,
      previous: formatMoney(dec(row.previous), row.currency),
      projected: formatMoney(dec(row.projected), row.currency),
      growthPercent: growthPercent(row.previous, row.projected),
    })),
    trialsEnding: trials.map((row) => ({
      resellerId: row.resellerId,
      name: row.name,
      tier: row.tier,
      currency: row.currency,
      trialEndsOn: row.trialEndsOn,
      daysLeft: daysBetween(today, row.trialEndsOn),
      customers: row.customers ?? 0,
      projectedConsumption: formatMoney(dec(row.projectedConsumption ?? 0), row.currency),
    })),
  };
}

/** Each currency's sums converted exactly and added up, rounded once to the base currency's minor units. */
function sumInBase(groups: readonly CurrencySums[], base: string, rateOf: (currency: string) => Dec): Sums {
  const totals = { consumption: dec(0), topUps: dec(0), commitments: dec(0), waived: dec(0), total: dec(0) };
  for (const group of groups) {
    const rate = rateOf(group.currency);
    for (const key of SUM_KEYS) totals[key] = totals[key].plus(dec(group[key]).times(rate));
  }
  const money = (key: keyof Sums) => formatMoney(totals[key], base);
  return {
    consumption: money("consumption"),
    topUps: money("topUps"),
    commitments: money("commitments"),
    waived: money("waived"),
    total: money("total"),
  };
}

/** (projected − previous) ÷ previous in percent, one decimal; null when last month billed nothing. */
export function growthPercent(previous: string, projected: string): string | null {
  const before = dec(previous);
  if (before.isZero()) return null;
  return formatFixed(dec(projected).minus(before).dividedBy(before).times(100), 1);
}

/** Per currency and month, the multiplier to the base currency; a missing rate says which one to add. */
function baseConverter(rates: Map<string, FxRate[]>, base: string) {
  const cache = new Map<string, Dec>();
  return (currency: string, period: string): Dec => {
    const on = periodEnd(period);
    const key = `${currency}:${on}`;
    const cached = cache.get(key);
    if (cached) return cached;
    try {
      const { multiplier } = findFxRate(rates.get(on) ?? [], currency, base, on);
      cache.set(key, multiplier);
      return multiplier;
    } catch (error) {
      if (error instanceof BillingError && error.code === "missing_fx_rate")
        throw new AppError(
          "conflict",
          `No FX rate between ${currency} and ${base} dated on or before ${on}: add one to total ${period} in ${base}.`,
        );
      throw error;
    }
  };
}

/** Largest gap first, compared in the base currency; amounts stay in the contract's own currency. */
function rankBelowCommitment(
  rows: Iterable<BelowRow>,
  toBase: (currency: string) => Dec,
): AdminUsageOverview["belowCommitment"] {
  const ranked = [...rows].map((row) => ({ row, gap: dec(row.projectedTopUp).times(toBase(row.currency)) }));
  ranked.sort((a, b) => b.gap.comparedTo(a.gap) || a.row.name.localeCompare(b.row.name));
  return ranked.slice(0, BELOW_COMMITMENT_LIMIT).map(({ row }) => {
    const money = (value: string) => formatMoney(dec(value), row.currency);
    return {
      resellerId: row.resellerId,
      name: row.name,
      tier: row.tier,
      currency: row.currency,
      consumption: money(row.consumption),
      commitment: money(row.commitment),
      projectedConsumption: money(row.projectedConsumption),
      projectedTopUp: money(row.projectedTopUp),
      rampUpWaived: row.rampUpWaived,
    };
  });
}

import "server-only";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Contract, tiers } from "@/db/schema";
import { activeWindow, dec, formatMoney, type RatingInput, ratePeriod } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { recentClosedPeriods } from "@/lib/invoices/periods";
import { loadContractMonth, withTierPrices } from "./contract-month";
import { onTier } from "./projection";
import { attempt, type Preloaded, resellerView } from "./tiers";

/** One closed month of a tier, before tax. */
export type TierCostPeriod = {
  period: string;
  consumption: string;
  commitment: string;
  rampUpWaived: boolean;
  topUp: string;
  subtotal: string;
};

export type TierCost = {
  tierCode: string;
  tierName: string;
  current: boolean;
  /** Sum of the periods' subtotals (before tax: the part a tier changes; the tax rate is the same on any). */
  total: string;
  perPeriod: TierCostPeriod[];
  /** Current tier's total minus this one, signed: positive is cheaper than the current tier. */
  savingVsCurrent: string;
  path: "current" | "upgrade" | "downgrade" | "unavailable";
};

export type TierRecommendation = {
  resellerId: string;
  contractId: string;
  currency: string;
  /** The closed months rated (the last three at most, with paid days), oldest first. */
  periods: string[];
  /** Always false: totals are subtotals before tax. */
  taxIncluded: false;
  /** Why there is nothing to compare yet (no closed month with paid days), else null. */
  explanation: string | null;
  /** Cheapest first. */
  tiers: TierCost[];
  /** Orderable tiers that cannot be rated in the contract currency (a missing price or FX rate). */
  unpriced: { tierCode: string; tierName: string; reason: string }[];
};

/**
 * The reseller's real usage of its last (up to three) closed paid months rated on every orderable tier and
 * its current one, each as if in force the whole month (onTier: a month that crossed a real tier change is
 * rated on the candidate alone), ramp-up waivers as the contract's cycles give them. Null without a contract.
 */
export async function recommendTiers(
  db: Db,
  resellerId: string,
  today: string,
  preloaded?: Preloaded,
): Promise<TierRecommendation | null> {
  const view = await resellerView(db, resellerId, today, preloaded);
  if (!view) return null;
  const { contract } = view;
  const periods = paidClosedPeriods(contract, today);
  const base = {
    resellerId,
    contractId: contract.id,
    currency: contract.currency,
    periods,
    taxIncluded: false as const,
  };
  if (periods.length === 0) {
    const explanation =
      "Recommendations appear after your first full month: no month with paid days has closed yet.";
    return { ...base, explanation, tiers: [], unpriced: [] };
  }
  const candidates = await db
    .select({ id: tiers.id, code: tiers.code, name: tiers.name })
    .from(tiers)
    .where(or(and(eq(tiers.orderable, true), isNull(tiers.retiredAt)), eq(tiers.id, contract.tierId)))
    .orderBy(asc(tiers.sortOrder), asc(tiers.code));
  const codes = candidates.map((t) => t.code);
  // The months are independent reads: loaded at once.
  const months = await Promise.all(periods.map((period) => loadContractMonth(db, contract.id, period, null)));
  const inputs: RatingInput[] = [];
  for (const month of months) {
    if (!month) return null;
    inputs.push(withTierPrices(month.catalogue, month.loaded.input, codes));
  }
  const paths = new Map<string, TierCost["path"]>([
    ...view.allowed.upgrades.map((t) => [t.code, "upgrade"] as const),
    ...view.allowed.downgrades.map((t) => [t.code, "downgrade"] as const),
  ]);

  const rows: Omit<TierCost, "savingVsCurrent">[] = [];
  const unpriced: TierRecommendation["unpriced"] = [];
  for (const candidate of candidates) {
    const isCurrent = candidate.id === contract.tierId;
    const rated = attempt(() => inputs.map((input) => costOf(input, candidate.code)));
    if ("error" in rated) {
      // The current tier was invoiced in these months, so failing to rate it is a catalogue fault.
      if (isCurrent) throw new AppError("validation", `Contract ${contract.id}: ${rated.error}`);
      unpriced.push({ tierCode: candidate.code, tierName: candidate.name, reason: rated.error });
      continue;
    }
    const total = rated.value.reduce((sum, p) => sum.plus(p.subtotal), dec(0));
    rows.push({
      tierCode: candidate.code,
      tierName: candidate.name,
      current: isCurrent,
      total: formatMoney(total, contract.currency),
      perPeriod: rated.value,
      path: isCurrent ? "current" : (paths.get(candidate.code) ?? "unavailable"),
    });
  }
  const currentTotal = dec(rows.find((r) => r.current)?.total ?? "0");
  const ranked = rows
    .map((row) => ({ row, order: rows.indexOf(row) }))
    .sort(
      (a, b) =>
        dec(a.row.total).comparedTo(dec(b.row.total)) ||
        Number(b.row.current) - Number(a.row.current) ||
        a.order - b.order,
    )
    .map(({ row }) => ({
      ...row,
      savingVsCurrent: formatMoney(currentTotal.minus(row.total), contract.currency),
    }));
  return { ...base, explanation: null, tiers: ranked, unpriced };
}

function costOf(input: RatingInput, tierCode: string): TierCostPeriod {
  const result = ratePeriod(onTier(input, tierCode));
  if (!result.billable) throw new AppError("internal", `${input.period} has no paid day to rate.`);
  const { period, consumption, commitment, rampUpWaived, topUp, subtotal } = result;
  return { period, consumption, commitment, rampUpWaived, topUp, subtotal };
}

/** The last three closed months (oldest first) that have paid days, as the billing run covers them. */
function paidClosedPeriods(contract: Contract, today: string): string[] {
  const { paidStart, endDate, state } = contract;
  if (!paidStart || state === "pending" || state === "provisioning_failed") return [];
  const terms = { paidStart, endDate, rampUpCycles: contract.rampUpCycles, tiers: [] };
  return recentClosedPeriods(today, 3)
    .filter((period) => activeWindow(period, terms) !== null)
    .reverse();
}

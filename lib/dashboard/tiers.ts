import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Contract, skus } from "@/db/schema";
import {
  BillingError,
  commitmentFor,
  dec,
  format4,
  formatMoney,
  indexPrices,
  periodDays,
  periodEnd,
  priceUnit,
  type RatingInput,
  type RatingResult,
  ratePeriod,
} from "@/lib/billing";
import { type ContractView, firstOfNextMonth, formatDay, getContractView } from "@/lib/contracts";
import { AppError } from "@/lib/errors/app-error";
import { findResellerContractId } from "@/lib/portal/contract";
import { loadContractMonth, withTierPrices } from "./contract-month";
import {
  daysElapsed,
  type Figures,
  figuresOf,
  onTier,
  PROJECTION_METHOD,
  projectUsage,
  rateProjected,
  withTierFrom,
} from "./projection";

/** A main service's unit price on a tier, in the contract currency as the invoice would carry it. */
export type TierUnitPrice = { sku: string; name: string; unit: string; price: string | null };

/** A tier's terms for one period: its full-month commitment and main unit prices (null: cannot be priced). */
export type TierTerms = { commitment: string | null; unitPrices: TierUnitPrice[] };

/** One allowed tier change with what it costs, every amount rated by lib/billing. */
export type TierChangeOption = TierTerms & {
  tierCode: string;
  tierName: string;
  direction: "upgrade" | "downgrade";
  effectiveOn: string;
  /** The month the change first governs (§3): this month for an upgrade, next month for a downgrade. */
  period: string;
  /** The current tier's terms for that same month, side by side. */
  currentTerms: TierTerms;
  /**
   * `this_month` (upgrade): `toDate` is this month so far on the new tier, `projected` this month projected
   * to its end on it. `next_month_estimate` (downgrade: this month is unchanged): `toDate` is null and
   * `projected` is this month's projected usage rated as next month on the new tier.
   */
  basis: "this_month" | "next_month_estimate";
  toDate: Figures | null;
  projected: Figures | null;
  /** The same figures on the current tier. */
  current: { toDate: Figures | null; projected: Figures | null };
  /** New minus current, subtotals before tax, signed ("-120.50" is cheaper); null when figures are. */
  difference: { toDate: string | null; projected: string | null };
  /** Why the figures are null (trial, not yet paid, a tier that cannot be priced in this currency). */
  reason: string | null;
  method: string;
};

export type TierPreviewContext = {
  resellerId: string;
  contractId: string;
  currency: string;
  /** Usage counted up to this day (today); `period` is its month. */
  asOf: string;
  period: string;
  daysElapsed: number;
  daysInMonth: number;
  taxRatePercent: string;
  currentTier: { code: string; name: string };
};

export type TierChangePreview = TierPreviewContext & { targets: TierChangeOption[] };

export type Preloaded = { view: ContractView };

/**
 * Every tier change the reseller's contract may make now (view.allowed), priced on its usage so far: the
 * month is loaded once, as the billing run loads it, and rated on each target. Null without a contract.
 * `preloaded.view` saves the contract page loading its view twice.
 */
export async function previewTierChanges(
  db: Db,
  resellerId: string,
  today: string,
  preloaded?: Preloaded,
): Promise<TierChangePreview | null> {
  const view = await resellerView(db, resellerId, today, preloaded);
  if (!view) return null;
  const { contract, tier } = view;
  const period = today.slice(0, 7);
  const month = await loadContractMonth(db, contract.id, period, today);
  if (!month) return null;
  const moves = [
    ...view.allowed.upgrades.map((t) => ({ ...t, direction: "upgrade" as const })),
    ...view.allowed.downgrades.map((t) => ({ ...t, direction: "downgrade" as const })),
  ];
  const input = withTierPrices(month.catalogue, month.loaded.input, [tier.code, ...moves.map((m) => m.code)]);
  const terms = termsReader(input, await loadMainSkus(db));
  const nextFirst = firstOfNextMonth(today);
  const unbilled = unbilledReason(contract, today);
  // The current tier's figures, rated once and shared by every target.
  const currentThisMonth = once(() => ({
    toDate: figuresOrNull(ratePeriod(input, { asOf: today })),
    projected: figuresOrNull(rateProjected(input, today)),
  }));
  const currentNextMonth = once(() => figuresOrNull(rateNextMonth(input, tier.code, today)));

  const targets = moves.map((move): TierChangeOption => {
    const upgrade = move.direction === "upgrade";
    const governed = upgrade ? period : nextFirst.slice(0, 7);
    const base = {
      tierCode: move.code,
      tierName: move.name,
      direction: move.direction,
      effectiveOn: upgrade ? today : nextFirst,
      period: governed,
      ...terms(move.code, governed),
      currentTerms: terms(tier.code, governed),
      basis: upgrade ? ("this_month" as const) : ("next_month_estimate" as const),
      method: PROJECTION_METHOD,
    };
    const rated = unbilled
      ? { error: unbilled }
      : attempt(() => {
          if (!upgrade) {
            const projected = figuresOrNull(rateNextMonth(input, move.code, today));
            return { toDate: null, projected, current: { toDate: null, projected: currentNextMonth() } };
          }
          const moved = withTierFrom(input, move.code, today);
          const toDate = figuresOrNull(ratePeriod(moved, { asOf: today }));
          return {
            toDate,
            projected: figuresOrNull(rateProjected(moved, today)),
            current: currentThisMonth(),
          };
        });
    if ("error" in rated) return { ...base, ...noFigures, reason: rated.error };
    const { toDate, projected, current } = rated.value;
    const difference = {
      toDate: subtotalDifference(toDate, current.toDate, contract.currency),
      projected: subtotalDifference(projected, current.projected, contract.currency),
    };
    const reason = projected ? null : "The contract has no paid day in this month.";
    return { ...base, toDate, projected, current, difference, reason };
  });

  return {
    resellerId,
    contractId: contract.id,
    currency: contract.currency,
    asOf: today,
    period,
    daysElapsed: daysElapsed(period, today),
    daysInMonth: periodDays(period),
    taxRatePercent: input.taxRatePercent,
    currentTier: { code: tier.code, name: tier.name },
    targets,
  };
}

/** The reseller's contract view (or the page's preloaded one, checked to be this reseller's). */
export async function resellerView(
  db: Db,
  resellerId: string,
  today: string,
  preloaded: Preloaded | undefined,
): Promise<ContractView | null> {
  if (preloaded) {
    // Scope comes from resellerId: a view of another reseller's contract is never priced for this one.
    if (preloaded.view.contract.resellerId !== resellerId)
      throw new AppError("forbidden", "This contract belongs to another reseller.");
    return preloaded.view;
  }
  const contractId = await findResellerContractId(db, resellerId);
  return contractId ? getContractView(db, { contractId, today, eventLimit: 0 }) : null;
}

async function loadMainSkus(db: Db) {
  return db
    .select({ code: skus.code, name: skus.name, unit: skus.unit })
    .from(skus)
    .where(and(eq(skus.isMain, true), eq(skus.active, true)))
    .orderBy(asc(skus.sortOrder));
}

/** A tier's terms for a period, by the engine's own steps (§5.4 unit price, §5.6 commitment). */
function termsReader(input: RatingInput, main: { code: string; name: string; unit: string }[]) {
  const book = indexPrices(input.prices);
  return (tierCode: string, period: string): TierTerms => {
    const invoiceDate = periodEnd(period);
    const context = {
      book,
      tier: tierCode,
      invoiceCurrency: input.currency,
      baseCurrency: input.baseCurrency ?? "USD",
      distributorDiscountPercent: input.distributorDiscountPercent,
      adjustment: input.resellerAdjustment,
      fxRates: input.fxRates,
      invoiceDate,
    };
    // A full month (1 of 1 days): the terms, not a prorated first or last month.
    const commitment = attempt(() => {
      const { amount } = commitmentFor({
        tiers: input.tiers,
        tier: tierCode,
        currency: input.currency,
        fxRates: input.fxRates,
        invoiceDate,
        activeDays: 1,
        periodDays: 1,
      });
      return formatMoney(amount, input.currency);
    });
    return {
      commitment: "value" in commitment ? commitment.value : null,
      unitPrices: main.map((sku) => {
        const priced = attempt(() => format4(priceUnit(context, sku.code).unitPrice));
        return {
          sku: sku.code,
          name: sku.name,
          unit: sku.unit,
          price: "value" in priced ? priced.value : null,
        };
      }),
    };
  };
}

/**
 * Next month's estimate: this month's usage projected to its end (projectUsage), dated next month and rated
 * as that month on `tierCode`, so next month's ramp-up cycle and a full month's commitment apply.
 */
function rateNextMonth(input: RatingInput, tierCode: string, today: string): RatingResult {
  const next = firstOfNextMonth(today);
  const usage = projectUsage(input, today).map((row) => ({ ...row, date: next }));
  return ratePeriod({ ...onTier(input, tierCode), period: next.slice(0, 7), usage });
}

/** Why this month has no figures to show, or null when it is billed. */
function unbilledReason(contract: Contract, today: string): string | null {
  if (contract.state === "pending" || contract.state === "provisioning_failed")
    return "The contract is still being set up: nothing is billed yet, so there is no month to compare.";
  if (contract.state === "trial" || !contract.paidStart)
    return "The free trial is not billed, so there is no month to compare; the commitment and unit prices apply once the contract is paid.";
  if (contract.paidStart > today) return `Billing starts on ${formatDay(contract.paidStart)}.`;
  return null;
}

const noFigures = {
  toDate: null,
  projected: null,
  current: { toDate: null, projected: null },
  difference: { toDate: null, projected: null },
};

function figuresOrNull(result: RatingResult): Figures | null {
  return result.billable ? figuresOf(result) : null;
}

function subtotalDifference(next: Figures | null, current: Figures | null, currency: string): string | null {
  return next && current ? formatMoney(dec(next.subtotal).minus(current.subtotal), currency) : null;
}

/** Runs an engine call; a BillingError (missing price, rate…) becomes its message instead of a failure. */
export function attempt<T>(fn: () => T): { value: T } | { error: string } {
  try {
    return { value: fn() };
  } catch (error) {
    if (error instanceof BillingError) return { error: error.message };
    throw error;
  }
}

function once<T>(fn: () => T): () => T {
  let cached: { value: T } | null = null;
  return () => {
    cached ??= { value: fn() };
    return cached.value;
  };
}

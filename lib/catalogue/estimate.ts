/**
 * The storefront's plan prices and cost estimate, PURE (no db, no clock): everything comes in a
 * `StorefrontBook` loaded by `storefront.ts`. It goes through lib/billing's own code — `priceUnit`,
 * `commitmentFor` and a one-contract `ratePeriod` — so a visitor sees the numbers an invoice would print.
 */
import {
  BillingError,
  commitmentFor,
  dec,
  type FxConversion,
  type FxRate,
  format4,
  formatMoney,
  indexPrices,
  type PriceEntry,
  periodStart,
  priceUnit,
  type RatingInput,
  ratePeriod,
  type SkuDefinition,
  type TierDefinition,
} from "@/lib/billing";

export type StorefrontSku = SkuDefinition & { name: string };
export type StorefrontTier = { code: string; name: string; description: string; trialAllowed: boolean };

/** One currency's slice of the catalogue, as of one day. */
export type StorefrontBook = {
  /** The storefront's "today" (YYYY-MM-DD): FX rates dated after it are never in `fxRates`. */
  today: string;
  currency: string;
  baseCurrency: string;
  distributorDiscountPercent: string;
  /** Orderable tiers, in display order. */
  tiers: StorefrontTier[];
  /** Commitments of those tiers (USD plus any explicit amounts). */
  tierDefinitions: TierDefinition[];
  /** The main SKUs, in display order. */
  skus: StorefrontSku[];
  /** Sell prices of those tiers and SKUs in `currency` and in the base currency. */
  prices: PriceEntry[];
  /** Stored rates dated on or before `today`. */
  fxRates: FxRate[];
};

export type PlanView = StorefrontTier & {
  /** Full-month commitment in minor units ("250.00", JPY "37800"); null when it cannot be converted. */
  commitment: string | null;
  /** Unit price (4 decimals) by SKU code; null when the tier has no price for it. */
  prices: Record<string, string | null>;
};

/** A stored rate the numbers were converted with, as stored: 1 `from` = `rate` `to`. */
export type RateView = FxRate;

export function planViews(book: StorefrontBook): { plans: PlanView[]; rates: RateView[] } {
  const rates = new RateCollector();
  const plans = book.tiers.map((tier) => {
    const context = pricingContext(book, tier.code);
    const prices: Record<string, string | null> = {};
    for (const sku of book.skus) {
      const unit = attempt(() => priceUnit(context, sku.code));
      if (unit) rates.add(unit.fx);
      prices[sku.code] = unit ? format4(unit.unitPrice) : null;
    }
    const commitment = attempt(() =>
      commitmentFor({
        tiers: book.tierDefinitions,
        tier: tier.code,
        currency: book.currency,
        fxRates: book.fxRates,
        invoiceDate: book.today,
        activeDays: 1,
        periodDays: 1,
      }),
    );
    if (commitment) rates.add(commitment.fx);
    return {
      ...tier,
      commitment: commitment ? formatMoney(commitment.amount, book.currency) : null,
      prices,
    };
  });
  return { plans, rates: rates.list() };
}

/** Quantities by SKU code, in the SKU's billed unit (workloads, seats, GB), as decimal strings. */
export type Quantities = Record<string, string>;

export type TierEstimate = StorefrontTier & {
  /** False when the tier cannot be priced in this currency (a missing price or rate). */
  available: boolean;
  commitment: string;
  consumption: string;
  topUp: string;
  /** consumption + top-up, before tax. */
  total: string;
  lines: { sku: string; quantity: string; unitPrice: string; amount: string }[];
  isCheapest: boolean;
};

export type Estimate = { currency: string; tiers: TierEstimate[]; cheapest: string | null };

const ESTIMATE_CUSTOMER = "estimate";

/**
 * A month of `quantities` on every orderable tier, rated by `ratePeriod` as a one-contract, one-customer
 * invoice for the current month (full month, no ramp-up, no tax, plain sell prices). The cheapest tier
 * is the lowest total; on a tie the one with the lower commitment, then the one listed first.
 */
export function estimateCosts(book: StorefrontBook, quantities: Quantities): Estimate {
  const period = book.today.slice(0, 7);
  const start = periodStart(period);
  const usage = book.skus.flatMap((sku) => {
    const quantity = quantities[sku.code];
    if (!quantity || dec(quantity).isZero()) return [];
    // The engine divides by the SKU's divisor (bytes → GB), so feed it the raw counter value.
    const value = dec(quantity).times(sku.divisor).toString();
    return [{ customer: ESTIMATE_CUSTOMER, sku: sku.code, date: start, value }];
  });
  const tiers = book.tiers.map((tier): TierEstimate => {
    const input: RatingInput = {
      period,
      currency: book.currency,
      baseCurrency: book.baseCurrency,
      contract: {
        paidStart: start,
        endDate: null,
        rampUpCycles: 0,
        tiers: [{ from: start, tier: tier.code }],
      },
      tiers: book.tierDefinitions,
      skus: book.skus.map(({ code, unit, aggregation, divisor }) => ({ code, unit, aggregation, divisor })),
      prices: book.prices.filter((p) => p.tier === tier.code),
      distributorDiscountPercent: book.distributorDiscountPercent,
      resellerAdjustment: null,
      // The engine looks rates up on the invoice date (the 1st of next month); the storefront uses today's.
      fxRates: book.fxRates.filter((r) => r.date <= book.today),
      taxRatePercent: "0",
      usage,
    };
    const rated = attempt(() => ratePeriod(input));
    if (!rated?.billable) {
      return { ...tier, ...UNAVAILABLE, lines: [], isCheapest: false };
    }
    return {
      ...tier,
      available: true,
      commitment: rated.commitment,
      consumption: rated.consumption,
      topUp: rated.topUp,
      total: rated.subtotal,
      lines: rated.lines.flatMap((line) =>
        line.type === "usage"
          ? [{ sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount }]
          : [],
      ),
      isCheapest: false,
    };
  });
  const cheapest = pickCheapest(tiers);
  for (const tier of tiers) tier.isCheapest = tier.code === cheapest;
  return { currency: book.currency, tiers, cheapest };
}

const UNAVAILABLE = { available: false, commitment: "0", consumption: "0", topUp: "0", total: "0" };

function pickCheapest(tiers: readonly TierEstimate[]): string | null {
  let best: TierEstimate | null = null;
  for (const tier of tiers) {
    if (!tier.available) continue;
    if (!best) {
      best = tier;
      continue;
    }
    const byTotal = dec(tier.total).comparedTo(best.total);
    const byCommitment = dec(tier.commitment).comparedTo(best.commitment);
    // Strictly better only, so on a full tie the tier listed first stays.
    if (byTotal < 0 || (byTotal === 0 && byCommitment < 0)) best = tier;
  }
  return best?.code ?? null;
}

function pricingContext(book: StorefrontBook, tier: string) {
  return {
    book: indexPrices(book.prices.filter((p) => p.tier === tier)),
    tier,
    invoiceCurrency: book.currency,
    baseCurrency: book.baseCurrency,
    distributorDiscountPercent: book.distributorDiscountPercent,
    adjustment: null,
    fxRates: book.fxRates,
    invoiceDate: book.today,
  };
}

/** The engine's answer, or null when it refuses (BillingError): the storefront shows "—", not a guess. */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof BillingError) return null;
    throw error;
  }
}

class RateCollector {
  private readonly seen = new Map<string, FxRate>();
  add(conversion: FxConversion) {
    const r = conversion.record;
    if (r) this.seen.set(`${r.from}|${r.to}|${r.date}|${r.rate}`, r);
  }
  list(): FxRate[] {
    return [...this.seen.values()];
  }
}

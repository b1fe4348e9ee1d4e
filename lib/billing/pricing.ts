import { BillingError } from "./errors";
import { convert, type FxConversion, type FxRate, findFxRate } from "./fx";
import { type Dec, dec, ONE, percent, round4 } from "./money";
import type { PriceAdjustment, PriceEntry } from "./types";

/** Sell prices indexed by (SKU, tier, currency). */
export type PriceBook = ReadonlyMap<string, Dec>;

const priceKey = (sku: string, tier: string, currency: string) => `${sku}\u0000${tier}\u0000${currency}`;

export function indexPrices(prices: readonly PriceEntry[]): PriceBook {
  const book = new Map<string, Dec>();
  for (const price of prices) {
    const key = priceKey(price.sku, price.tier, price.currency);
    if (book.has(key)) {
      const what = `${price.sku} / ${price.tier} / ${price.currency}`;
      throw new BillingError("duplicate_price", `Two sell prices for ${what}`);
    }
    book.set(key, dec(price.unitPrice));
  }
  return book;
}

/** The invoice currency when the book prices this SKU and tier in it, else the base currency (§2.2). */
export function priceListCurrency(
  book: PriceBook,
  sku: string,
  tier: string,
  invoiceCurrency: string,
  baseCurrency: string,
): string {
  return book.has(priceKey(sku, tier, invoiceCurrency)) ? invoiceCurrency : baseCurrency;
}

/** Distributor cost of a sell price: sell × (1 − discount/100). */
export function distributorCost(sell: Dec, discountPercent: string): Dec {
  return sell.times(ONE.minus(percent(discountPercent)));
}

/** The reseller's price before FX, exact (§2.2): plain sell, or the adjustment applied to sell or cost. */
export function adjustSellPrice(sell: Dec, discountPercent: string, adjustment: PriceAdjustment | null): Dec {
  if (!adjustment) return sell;
  const p = percent(adjustment.percent);
  switch (adjustment.kind) {
    case "sell_discount":
      return sell.times(ONE.minus(p));
    case "cost_markup":
      return distributorCost(sell, discountPercent).times(ONE.plus(p));
    case "cost_margin":
      if (p.greaterThanOrEqualTo(ONE)) {
        throw new BillingError("invalid_input", `A cost margin of ${adjustment.percent}% is impossible`);
      }
      return distributorCost(sell, discountPercent).dividedBy(ONE.minus(p));
  }
}

export type PricingContext = {
  book: PriceBook;
  tier: string;
  invoiceCurrency: string;
  baseCurrency: string;
  distributorDiscountPercent: string;
  adjustment: PriceAdjustment | null;
  fxRates: readonly FxRate[];
  invoiceDate: string;
};

export type UnitPricing = {
  /** Reseller unit price in the invoice currency, rounded once to 4 decimals. */
  unitPrice: Dec;
  /** Distributor unit cost in the invoice currency, rounded once to 4 decimals. */
  unitCost: Dec;
  priceCurrency: string;
  fx: FxConversion;
};

/** Step 4 of §5: sell price → adjustment → FX, computed exactly and rounded once. */
export function priceUnit(context: PricingContext, sku: string): UnitPricing {
  const { book, tier, invoiceCurrency, baseCurrency } = context;
  const priceCurrency = priceListCurrency(book, sku, tier, invoiceCurrency, baseCurrency);
  const sell = book.get(priceKey(sku, tier, priceCurrency));
  if (!sell) {
    const tried =
      priceCurrency === invoiceCurrency ? invoiceCurrency : `${invoiceCurrency} or ${baseCurrency}`;
    throw new BillingError("missing_price", `No sell price for ${sku} on tier ${tier} in ${tried}`);
  }
  const fx = findFxRate(context.fxRates, priceCurrency, invoiceCurrency, context.invoiceDate);
  const adjusted = adjustSellPrice(sell, context.distributorDiscountPercent, context.adjustment);
  return {
    unitPrice: round4(convert(adjusted, fx)),
    unitCost: round4(convert(distributorCost(sell, context.distributorDiscountPercent), fx)),
    priceCurrency,
    fx,
  };
}

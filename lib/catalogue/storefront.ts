import "server-only";
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, fxRates, prices, skus, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { listOrderCurrencies, type OrderCurrency } from "./currencies";
import {
  type Estimate,
  estimateCosts,
  type PlanView,
  planViews,
  type RateView,
  type StorefrontBook,
} from "./estimate";
import { type EstimateField, fieldKind, validateQuantities, validateQuantity } from "./estimate-input";
import { commitmentsOfVersion, versionInForce } from "./price-versions";

export type StorefrontPlans = {
  today: string;
  /** The currency shown: the one asked for when it can be ordered, else the base currency. */
  currency: OrderCurrency;
  /** What the visitor asked for when it could not be used (shown as a notice), else null. */
  refused: string | null;
  currencies: OrderCurrency[];
  fields: EstimateField[];
  plans: PlanView[];
  /** Stored FX rates behind the converted numbers (empty for a price-list currency). */
  rates: RateView[];
};

/**
 * Orderable tiers with their commitment and main-SKU unit prices in the visitor's currency (domain.md §2,
 * §5.4 with the rate of `today`), plus what the currency switcher and the estimator need.
 */
export async function getStorefrontPlans(
  db: DbOrTx,
  requested: string | null | undefined,
  today: string,
): Promise<StorefrontPlans> {
  return (await loadPlans(db, requested, today)).view;
}

export type StorefrontPage = StorefrontPlans & {
  estimator: {
    /** The quantities as entered (from the URL), for the form. */
    values: Record<string, string>;
    errors: Record<string, string[]>;
    /** The estimate of the valid quantities (a field in error counts as 0). */
    estimate: Estimate;
  };
};

/**
 * Plans plus the estimate of `quantities` (the estimator's values from the URL, defaults filled in), from
 * one catalogue load: the server-rendered first paint of the storefront, so nothing shifts on hydration.
 */
export async function getStorefrontPage(
  db: DbOrTx,
  input: { currency: string | null | undefined; quantities: Record<string, string | undefined> },
  today: string,
): Promise<StorefrontPage> {
  const { view, book } = await loadPlans(db, input.currency, today);
  const values: Record<string, string> = {};
  const errors: Record<string, string[]> = {};
  const valid: Record<string, string> = {};
  for (const field of view.fields) {
    const value = input.quantities[field.code] ?? "";
    values[field.code] = value;
    const checked = validateQuantity(field, value);
    if ("error" in checked) errors[field.code] = [checked.error];
    else valid[field.code] = checked.value;
  }
  return { ...view, estimator: { values, errors, estimate: estimateCosts(book, valid) } };
}

async function loadPlans(db: DbOrTx, requested: string | null | undefined, today: string) {
  const currencies = await listOrderCurrencies(db, today);
  const { currency, refused } = await resolveCurrency(db, currencies, requested);
  const book = await loadStorefrontBook(db, currency.code, today);
  const { plans, rates } = planViews(book);
  const view: StorefrontPlans = {
    today,
    currency,
    refused,
    currencies,
    fields: estimateFields(book),
    plans,
    rates,
  };
  return { view, book };
}

/**
 * The estimator: validated quantities rated on every orderable tier (see `estimateCosts`). Throws
 * AppError("validation") with field errors for bad quantities and for a currency that cannot be ordered.
 */
export async function estimateMonthlyCosts(
  db: DbOrTx,
  input: { currency: string; quantities: Record<string, unknown> },
  today: string,
): Promise<Estimate> {
  const currencies = await listOrderCurrencies(db, today);
  if (!currencies.some((c) => c.code === input.currency)) {
    throw new AppError("validation", `Prices are not available in ${input.currency}`, {
      currency: ["Choose one of the listed currencies."],
    });
  }
  const book = await loadStorefrontBook(db, input.currency, today);
  const checked = validateQuantities(estimateFields(book), input.quantities);
  if (!checked.ok) throw new AppError("validation", "Check the highlighted fields", checked.fieldErrors);
  return estimateCosts(book, checked.quantities);
}

export function estimateFields(book: StorefrontBook): EstimateField[] {
  return book.skus.map((s) => ({ code: s.code, name: s.name, unit: s.unit, kind: fieldKind(s.divisor) }));
}

async function baseCurrencyOf(db: DbOrTx) {
  const [settings] = await db
    .select({
      baseCurrency: distributorSettings.baseCurrency,
      discount: distributorSettings.distributorDiscountPercent,
    })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  return { baseCurrency: settings?.baseCurrency ?? "USD", discount: settings?.discount ?? "0" };
}

async function resolveCurrency(
  db: DbOrTx,
  currencies: OrderCurrency[],
  requested: string | null | undefined,
) {
  const wanted = requested?.trim().toUpperCase() || null;
  const found = wanted ? currencies.find((c) => c.code === wanted) : undefined;
  if (found) return { currency: found, refused: null };
  const { baseCurrency } = await baseCurrencyOf(db);
  const base = currencies.find((c) => c.code === baseCurrency) ?? currencies[0];
  if (!base) throw new AppError("internal", "The price book has no currency");
  return { currency: base, refused: wanted && wanted !== base.code ? wanted.slice(0, 3) : null };
}

/**
 * One currency's catalogue slice for the pure storefront code: the price version in force this month (§2.2),
 * FX rates only up to `today`.
 */
export async function loadStorefrontBook(
  db: DbOrTx,
  currency: string,
  today: string,
): Promise<StorefrontBook> {
  const { baseCurrency, discount } = await baseCurrencyOf(db);
  const version = await versionInForce(db, today);
  const [tierRows, skuRows] = await Promise.all([
    db
      .select()
      .from(tiers)
      .where(and(eq(tiers.orderable, true), isNull(tiers.retiredAt)))
      .orderBy(asc(tiers.sortOrder), asc(tiers.code)),
    db
      .select()
      .from(skus)
      .where(and(eq(skus.isMain, true), eq(skus.active, true), eq(skus.storefront, true)))
      .orderBy(asc(skus.sortOrder), asc(skus.code)),
  ]);
  const tierIds = tierRows.map((t) => t.id);
  const skuIds = skuRows.map((s) => s.id);
  const [commitmentRows, priceRows, rateRows] = await Promise.all([
    commitmentsOfVersion(db, version.id, tierIds),
    tierIds.length && skuIds.length
      ? db
          .select()
          .from(prices)
          .where(
            and(
              eq(prices.versionId, version.id),
              inArray(prices.tierId, tierIds),
              inArray(prices.skuId, skuIds),
              inArray(prices.currency, [...new Set([currency, baseCurrency])]),
            ),
          )
      : [],
    db
      .select()
      .from(fxRates)
      .where(and(lte(fxRates.date, today), or(eq(fxRates.from, currency), eq(fxRates.to, currency))))
      .orderBy(asc(fxRates.date), asc(fxRates.createdAt)),
  ]);
  const tierCode = new Map(tierRows.map((t) => [t.id, t.code]));
  const skuCode = new Map(skuRows.map((s) => [s.id, s.code]));
  return {
    today,
    currency,
    baseCurrency,
    distributorDiscountPercent: discount,
    tiers: tierRows.map((t) => ({
      code: t.code,
      name: t.name,
      description: t.description,
      trialAllowed: t.trialAllowed,
    })),
    tierDefinitions: tierRows.map((t) => ({
      code: t.code,
      commitment: commitmentRows.get(t.id) ?? {},
    })),
    skus: skuRows.map((s) => ({
      code: s.code,
      name: s.name,
      unit: s.unit,
      aggregation: s.aggregation,
      divisor: s.divisor,
    })),
    prices: priceRows.flatMap((p) => {
      const tier = tierCode.get(p.tierId);
      const sku = skuCode.get(p.skuId);
      return tier && sku ? [{ sku, tier, currency: p.currency, unitPrice: p.unitPrice }] : [];
    }),
    fxRates: rateRows.map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date })),
  };
}

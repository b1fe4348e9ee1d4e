import "server-only";
import { asc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, fxRates, prices } from "@/db/schema";
import { BillingError, type FxRate, findFxRate } from "@/lib/billing";

/** Acronis's price-list currencies, in the order the storefront lists them (domain.md §2.2). */
export const PRICE_LIST_ORDER = ["USD", "EUR", "GBP", "AUD", "JPY", "CAD"] as const;

/** Whether Acronis publishes a price list in `code` (otherwise prices are converted by FX). */
export function isPriceListCurrency(code: string): boolean {
  return (PRICE_LIST_ORDER as readonly string[]).includes(code);
}

export type OrderCurrency =
  | { code: string; source: "price_list" }
  | {
      code: string;
      source: "fx";
      /** The price-list currency prices are converted from (the distributor's base currency). */
      base: string;
      /** 1 `base` = `rate` `code`, exactly as stored (inverted when only the opposite pair is stored). */
      rate: string;
      rateDate: string;
      inverse: boolean;
    };

/**
 * The currencies a reseller may order and be invoiced in on `onDate`: every currency the price book has a
 * list for, plus every currency reachable from the base currency by a stored FX rate dated on or before
 * `onDate` (domain.md §2.2, §5.4). Anything else is refused at sign-up.
 */
export async function listOrderCurrencies(db: DbOrTx, onDate: string): Promise<OrderCurrency[]> {
  const [settings] = await db
    .select({ baseCurrency: distributorSettings.baseCurrency })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const base = settings?.baseCurrency ?? "USD";
  const listed = (await db.selectDistinct({ currency: prices.currency }).from(prices)).map((r) => r.currency);
  const priceLists = [...listed].sort(byPriceListOrder);
  const rates: FxRate[] = (
    await db
      .select()
      .from(fxRates)
      .where(lte(fxRates.date, onDate))
      .orderBy(asc(fxRates.date), asc(fxRates.createdAt))
  )
    .filter((r) => r.from === base || r.to === base)
    .map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date }));
  const fxCodes = new Set(rates.map((r) => (r.from === base ? r.to : r.from)));
  const out: OrderCurrency[] = priceLists.map((code) => ({ code, source: "price_list" as const }));
  for (const code of [...fxCodes].sort()) {
    if (priceLists.includes(code)) continue;
    try {
      const conversion = findFxRate(rates, base, code, onDate);
      if (!conversion.record) continue;
      out.push({
        code,
        source: "fx",
        base,
        rate: conversion.multiplier.toString(),
        rateDate: conversion.record.date,
        inverse: conversion.isInverse,
      });
    } catch (error) {
      if (!(error instanceof BillingError)) throw error;
    }
  }
  return out;
}

function byPriceListOrder(a: string, b: string): number {
  const ia = PRICE_LIST_ORDER.indexOf(a as (typeof PRICE_LIST_ORDER)[number]);
  const ib = PRICE_LIST_ORDER.indexOf(b as (typeof PRICE_LIST_ORDER)[number]);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
}

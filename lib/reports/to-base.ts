import "server-only";
import type { Db } from "@/db/client";
import { BillingError, type Dec, findFxRate, periodEnd } from "@/lib/billing";
import { fxRatesOn } from "@/lib/dashboard/overview-queries";

/** Per currency and month, the multiplier to the base currency, or null when no usable rate is stored. */
export type ToBase = (currency: string, period: string) => Dec | null;

/**
 * The base-currency converter of the back office's money figures, the same rule as the usage overview
 * (lib/dashboard/overview.ts): the latest rate dated on or before the month's invoice date (§5.4), direct or
 * inverted. A missing rate gives null and is listed in `missing`, so a report can still show every amount
 * in its own currency and say which rate to add.
 */
export async function baseConverter(db: Db, base: string, periods: readonly string[]) {
  const dates = [...new Set(periods.map(periodEnd))];
  const rates = dates.length > 0 ? await fxRatesOn(db, dates) : new Map();
  const cache = new Map<string, Dec | null>();
  const missing = new Set<string>();
  const toBase: ToBase = (currency, period) => {
    const on = periodEnd(period);
    const key = `${currency}:${on}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    let multiplier: Dec | null = null;
    try {
      multiplier = findFxRate(rates.get(on) ?? [], currency, base, on).multiplier;
    } catch (error) {
      if (!(error instanceof BillingError && error.code === "missing_fx_rate")) throw error;
      missing.add(`${currency} → ${base} on or before ${on}`);
    }
    cache.set(key, multiplier);
    return multiplier;
  };
  return { toBase, missing: () => [...missing].sort() };
}

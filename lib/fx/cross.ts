/**
 * Cross rates through the euro, PURE (no db). The ECB quotes 1 EUR = x for every currency, but the
 * storefront and billing convert from the distributor's base currency with the exact pair (or its inverse)
 * only, so a USD-based distributor needs USD → SEK, not EUR → SEK. For each date of the file:
 *   base → X = (EUR → X) ÷ (EUR → base)
 * exact, rounded half-up to the 10 decimals fx_rates.rate (numeric(24,10)) keeps.
 */
import { dec } from "@/lib/billing/money";
import type { EcbRate, LineError } from "./ecb";

/** The source stored on a derived rate (direct ECB rates say "ECB"). */
export const ECB_CROSS_SOURCE = "ECB (cross via EUR)";

const EUR = "EUR";
const DECIMALS = 10;
/** numeric(24,10): at most 14 whole digits. */
const MAX_RATE = dec("99999999999999.9999999999");

export type CrossRate = {
  /** The file's line of that date (both ECB rates sit on it). */
  line: number;
  date: string;
  from: string;
  to: string;
  /** base → X, rounded half-up to 10 decimals, as a plain decimal string ("10.6241107844"). */
  rate: string;
  /** How it was computed: (EUR → to) ÷ (EUR → from), the file's values as written. */
  eurToFrom: string;
  eurToTo: string;
};

/** base → X from 1 EUR = `eurToX` X and 1 EUR = `eurToBase` base, rounded half-up to 10 decimals. */
export function crossRate(eurToX: string, eurToBase: string): string {
  // 60 significant digits (dec) keep every digit a 24-digit rate ÷ a 24-digit rate needs before the
  // single rounding to 10 decimals, so the result is the exact quotient rounded once, half-up.
  return dec(eurToX).dividedBy(dec(eurToBase)).toDecimalPlaces(DECIMALS).toFixed(DECIMALS);
}

/**
 * The cross rates `base` → X for every date in `rates` with an EUR → base rate, for every other currency X
 * of that date (except EUR and the base). None when the base currency is EUR (the ECB's rates are already
 * from it) and none for a date whose EUR → base is missing (N/A). A quotient that does not fit the rate
 * column (0 after rounding, or over 14 whole digits) is an error on that date's line.
 */
export function crossRatesViaEur(
  rates: readonly EcbRate[],
  base: string,
): { rates: CrossRate[]; errors: LineError[] } {
  if (base === EUR) return { rates: [], errors: [] };
  const baseByDate = new Map<string, string>();
  for (const r of rates) if (r.currency === base) baseByDate.set(r.date, r.rate);
  const out: CrossRate[] = [];
  const errors: LineError[] = [];
  for (const r of rates) {
    if (r.currency === base || r.currency === EUR) continue;
    const eurToBase = baseByDate.get(r.date);
    if (!eurToBase) continue;
    const rate = crossRate(r.rate, eurToBase);
    if (dec(rate).isZero() || dec(rate).greaterThan(MAX_RATE)) {
      errors.push({
        line: r.line,
        message: `${base} → ${r.currency} via EUR (${r.rate} ÷ ${eurToBase}) is ${dec(r.rate).dividedBy(dec(eurToBase)).toSignificantDigits(6).toString()}: it does not fit a stored rate (above 0, at most 14 whole digits and 10 decimals).`,
      });
      continue;
    }
    out.push({
      line: r.line,
      date: r.date,
      from: base,
      to: r.currency,
      rate,
      eurToFrom: eurToBase,
      eurToTo: r.rate,
    });
  }
  return { rates: out, errors };
}

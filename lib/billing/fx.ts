import type { IsoDate } from "./dates";
import { BillingError } from "./errors";
import { type Dec, dec, ONE } from "./money";

/** A stored rate: 1 `from` = `rate` `to`, valid from `date` (§5.4). */
export type FxRate = { from: string; to: string; rate: string; date: IsoDate };

/** How an amount in one currency becomes another: the multiplier and the stored rate behind it. */
export type FxConversion = {
  /** Multiply an amount in `from` by this to get `to` (1 when the currencies are the same). */
  multiplier: Dec;
  /** The stored rate used, exactly as stored (null when no conversion was needed). */
  record: FxRate | null;
  /** True when only the opposite pair was stored and `multiplier` is 1 ÷ its rate. */
  isInverse: boolean;
};

export const NO_CONVERSION: FxConversion = { multiplier: ONE, record: null, isInverse: false };

/**
 * The rate to convert `from` → `to` for an invoice dated `invoiceDate`: the latest stored rate dated on or
 * before that date (§5.4). A stored `to → from` rate also counts, used as 1 ÷ rate, because distributors
 * often keep rates in one direction only. Between candidates the latest date wins; on the same date a
 * direct rate beats an inverse one, and among equals the one listed last (a later correction) wins.
 */
export function findFxRate(
  rates: readonly FxRate[],
  from: string,
  to: string,
  invoiceDate: IsoDate,
): FxConversion {
  if (from === to) return NO_CONVERSION;
  let best: { rate: FxRate; isInverse: boolean } | null = null;
  for (const rate of rates) {
    const isDirect = rate.from === from && rate.to === to;
    const isInverse = rate.from === to && rate.to === from;
    if ((!isDirect && !isInverse) || rate.date > invoiceDate) continue;
    if (best && !isBetter(rate, isInverse, best)) continue;
    best = { rate, isInverse };
  }
  if (!best) {
    throw new BillingError(
      "missing_fx_rate",
      `No FX rate ${from}→${to} (or ${to}→${from}) dated on or before ${invoiceDate}`,
    );
  }
  const stored = dec(best.rate.rate);
  if (!stored.greaterThan(0)) {
    throw new BillingError("invalid_input", `FX rate ${from}→${to} of ${best.rate.date} is not positive`);
  }
  return {
    multiplier: best.isInverse ? ONE.dividedBy(stored) : stored,
    record: best.rate,
    isInverse: best.isInverse,
  };
}

function isBetter(rate: FxRate, isInverse: boolean, best: { rate: FxRate; isInverse: boolean }): boolean {
  if (rate.date !== best.rate.date) return rate.date > best.rate.date;
  return !isInverse || best.isInverse;
}

/** Converts an amount (no rounding: callers round once, at the end of their formula). */
export function convert(amount: Dec, conversion: FxConversion): Dec {
  return amount.times(conversion.multiplier);
}

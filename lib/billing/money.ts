import Decimal from "decimal.js";

/**
 * The billing engine's own Decimal: 60 significant digits (far beyond any invoice), ROUND_HALF_UP
 * (half away from zero, as domain.md §5 asks) and never exponential notation in strings.
 * A clone, so global Decimal settings elsewhere in the app cannot change invoice arithmetic.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

/** Integers (day counts) and decimal strings only: never pass a fractional JS number. */
export type DecimalValue = string | number | Dec;

export function dec(value: DecimalValue): Dec {
  return new Dec(value);
}

export const ZERO = dec(0);
export const ONE = dec(1);
export const HUNDRED = dec(100);

// ISO 4217 minor units that are not 2; everything else (USD, EUR, GBP, SEK, …) has 2.
const MINOR_UNITS = new Map<string, number>([
  ...withUnits("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF", 0),
  ...withUnits("BHD IQD JOD KWD LYD OMR TND", 3),
  ...withUnits("CLF UYW", 4),
]);

function withUnits(codes: string, units: number): [string, number][] {
  return codes.split(" ").map((code) => [code, units]);
}

export function minorUnits(currency: string): number {
  return MINOR_UNITS.get(currency.toUpperCase()) ?? 2;
}

/** `value` rounded half away from zero to `places` decimals; a value with no more decimals is returned as is. */
export function roundTo(value: Dec, places: number): Dec {
  // Decimals are immutable, so returning the same instance is safe; it skips a copy and a rounding pass
  // for what is already exact at this scale (every integer quantity, every amount summed from amounts).
  return value.decimalPlaces() <= places ? value : value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

/** Rounds an amount to the currency's minor units, half away from zero. */
export function roundMinor(amount: Dec, currency: string): Dec {
  return roundTo(amount, minorUnits(currency));
}

/** Quantities and unit prices keep 4 decimals, half away from zero. */
export function round4(value: Dec): Dec {
  return roundTo(value, 4);
}

/** `value` rounded half-up to `places` decimals, as a plain string padded with zeros ("91.5" → "91.50"). */
export function formatFixed(value: Dec, places: number): string {
  // Rounded by roundTo (decimal.js, exact; a no-op for the already rounded amounts the engine formats), then
  // its own digits padded. Dec never uses exponential notation (toExpNeg/toExpPos above) and prints a zero,
  // even one rounded from a negative value, unsigned: an amount of zero has no sign.
  const rounded = roundTo(value, places);
  const text = rounded.toString();
  const dp = rounded.decimalPlaces();
  if (places === 0 || dp === places) return text;
  return dp === 0 ? `${text}.${"0".repeat(places)}` : text + "0".repeat(places - dp);
}

/** An amount in the currency's minor units: "91.50", JPY "1234", KWD "12.345". */
export function formatMoney(amount: Dec, currency: string): string {
  return formatFixed(amount, minorUnits(currency));
}

/** A quantity or unit price with its 4 decimals: "528.8710". */
export function format4(value: Dec): string {
  return formatFixed(value, 4);
}

export function sum(values: readonly Dec[]): Dec {
  return values.reduce<Dec>((total, value) => total.plus(value), ZERO);
}

export function max(a: Dec, b: Dec): Dec {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

/** p% as a fraction: "12.5" → 0.125. */
export function percent(p: DecimalValue): Dec {
  return dec(p).dividedBy(HUNDRED);
}

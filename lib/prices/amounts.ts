import Decimal from "decimal.js";

/**
 * Price-book amounts (sell prices and tier commitments, domain.md §2.2): exact decimals ≥ 0 with at most 4
 * decimals (the columns are numeric(18, 4)). Pure: the grid editor in the browser checks with the same rules
 * the server applies.
 */

/** Acronis's price-list currencies, in the order the price book shows them. */
export const BOOK_CURRENCIES = ["USD", "EUR", "GBP", "AUD", "JPY", "CAD"] as const;
export type BookCurrency = (typeof BOOK_CURRENCIES)[number];

export function isBookCurrency(code: string): code is BookCurrency {
  return (BOOK_CURRENCIES as readonly string[]).includes(code);
}

export type AmountCheck = { ok: true; value: string } | { ok: false; message: string };

/** Reads a typed amount: `"12.5"` → `"12.5"` (canonical: no trailing zeros); a reason when it is refused. */
export function checkAmount(raw: string): AmountCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, message: "the amount is missing" };
  if (/^-\s*\d/.test(text)) return { ok: false, message: `${text} is negative; amounts are 0 or more` };
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return { ok: false, message: `“${text}” is not a decimal number (digits with a dot, e.g. 12.5)` };
  }
  const decimals = text.split(".")[1]?.length ?? 0;
  if (decimals > 4) return { ok: false, message: `${text} has ${decimals} decimals; at most 4` };
  const integer = (text.split(".")[0] ?? "").replace(/^0+(?=\d)/, "");
  if (integer.length > 14)
    return { ok: false, message: `${text} is too large (at most 14 digits before the dot)` };
  return { ok: true, value: canonicalAmount(text) };
}

/** One spelling per value, for comparing: `"2500.0000"` and `"2500"` are both `"2500"`. */
export function canonicalAmount(value: string): string {
  return new Decimal(value).toFixed();
}

/** For showing and exporting: at least 2 decimals, up to the 4 stored (`"3.4960"` → `"3.496"`, `"2500"` → `"2500.00"`). */
export function plainAmount(value: string): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export function sameAmount(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).equals(b);
}

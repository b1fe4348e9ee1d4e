/**
 * The one formatting module (style.md: format only at the edge): pages, the storefront and the invoice
 * PDF use it; the CSV keeps exact decimal strings. Amounts arrive as exact decimal strings, which
 * Intl.NumberFormat formats without going through a float.
 */
const DEFAULT_LOCALE = "en-US";

/** Intl accepts numeric strings: exact decimals instead of a float conversion. */
const exact = (value: string | number) => value as Intl.StringNumericLiteral;

/** The currency's own number of decimals (2 for USD, 0 for JPY). */
function currencyDigits(currency: string, locale: string): number {
  return (
    new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

function unitPriceFormat(currency: string, locale: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: currencyDigits(currency, locale),
    maximumFractionDigits: 4,
  });
}

/** An amount: the currency's decimals at least, up to the 4 a computed amount may carry. */
export function formatMoney(
  amount: string | null | undefined,
  currency: string,
  locale = DEFAULT_LOCALE,
): string {
  if (amount == null) return "—";
  const digits = currencyDigits(currency, locale);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  }).format(exact(amount));
}

/** A unit price: the currency's own decimals at least (¥570, $3.80), up to the 4 the price book keeps. */
export function formatUnitPrice(amount: string, currency: string, locale = DEFAULT_LOCALE): string {
  return unitPriceFormat(currency, locale).format(exact(amount));
}

export function formatNumber(value: string | number, maxDigits = 2, locale = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(exact(value));
}

/** A stored FX rate with at least 4 decimals and no trailing zeros beyond them: "10.4500", "10.452345". */
export function formatRate(rate: string): string {
  const [whole = "0", fraction = ""] = rate.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return `${whole}.${trimmed.padEnd(4, "0")}`;
}

/**
 * An amount split for a narrow cell: a currency shown as its ISO code ("SEK 262,335.85") gives the code
 * apart so it can sit small above the number; symbols ($, €, ¥, CA$) stay attached.
 */
export function splitAmount(amount: string, currency: string): { code: string | null; text: string } {
  const text = formatMoney(amount, currency);
  const match = /^([A-Z]{3})\s+(.+)$/.exec(text.replace(/\u00a0/g, " "));
  return match ? { code: match[1] ?? null, text: match[2] ?? text } : { code: null, text };
}

/** A calendar day (`YYYY-MM-DD`, read as UTC) or an instant, as a medium date. */
export function formatDate(value: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

export function formatDateTime(value: Date | string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!value) return "—";
  return `${new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(typeof value === "string" ? new Date(value) : value)} UTC`;
}

/** A billing period `YYYY-MM` as "October 2026". */
export function formatPeriod(period: string, locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}

/**
 * Formatters for one invoice document (the PDF), built once per document: amounts in the invoice
 * currency's own decimals, unit prices and quantities up to 4 decimals, UTC dates, in the reader's locale.
 */
export function documentFormatters(currency: string, locale = DEFAULT_LOCALE) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const unitPrice = unitPriceFormat(currency, locale);
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 10 });
  return {
    money: (value: string) => money.format(exact(value)),
    unitPrice: (value: string) => unitPrice.format(exact(value)),
    quantity: (value: string) => quantity.format(exact(value)),
    date: (iso: string) => date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    period: (period: string) => formatPeriod(period, locale),
    rate: (value: string) => rate.format(exact(value)),
  };
}

export type DocumentFormatters = ReturnType<typeof documentFormatters>;

import { formatMoney } from "@/lib/format";

/** A unit price: the currency's own decimals at least (¥570, $3.80), up to the 4 the price book keeps. */
export function formatPrice(amount: string, currency: string): string {
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits ?? 2,
    maximumFractionDigits: 4,
  }).format(amount as unknown as number);
}

/** An amount in minor units, as an invoice prints it. */
export function formatAmount(amount: string | null, currency: string): string {
  return formatMoney(amount, currency);
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

/** Display-only formatting at the edge; amounts arrive as exact decimal strings. */
export function formatMoney(amount: string | null | undefined, currency: string, locale = "en-US"): string {
  if (amount == null) return "—";
  const digits =
    new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
    2;
  // Intl accepts numeric strings, keeping exact decimals instead of going through a float.
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  }).format(amount as unknown as number);
}

export function formatUnitPrice(amount: string, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(amount as unknown as number);
}

export function formatNumber(value: string | number, maxDigits = 2, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value as number);
}

export function formatDate(value: Date | string | null | undefined, locale = "en-US"): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

export function formatDateTime(value: Date | string | null | undefined, locale = "en-US"): string {
  if (!value) return "—";
  return `${new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(typeof value === "string" ? new Date(value) : value)} UTC`;
}

import type { InvoiceDocument } from "./document";

/**
 * Formatting at the edge (style.md): Intl.NumberFormat given the decimal *string*, which it formats
 * exactly (no float conversion), in the invoice currency and the reader's locale.
 */
export function createFormatters(doc: InvoiceDocument, locale: string) {
  const currency = new Intl.NumberFormat(locale, { style: "currency", currency: doc.currency });
  const unitPrice = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: doc.currency,
    minimumFractionDigits: currency.resolvedOptions().minimumFractionDigits,
    maximumFractionDigits: 4,
  });
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  return {
    money: (value: string) => currency.format(value as Intl.StringNumericLiteral),
    unitPrice: (value: string) => unitPrice.format(value as Intl.StringNumericLiteral),
    quantity: (value: string) => quantity.format(value as Intl.StringNumericLiteral),
    date: (iso: string) => date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    period: (period: string) => month.format(new Date(`${period}-01T00:00:00Z`)),
    rate: (value: string) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: 10 }).format(value as Intl.StringNumericLiteral),
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

export function statusLabel(doc: InvoiceDocument): string {
  return { draft: "Draft", issued: "Issued", paid: "Paid", void: "Void" }[doc.status];
}

export function rampUpLabel(doc: InvoiceDocument): string {
  const { waived, cycle, cycles } = doc.rampUp;
  if (waived) return `Ramp-up: commitment waived (cycle ${cycle ?? doc.cycle} of ${cycles ?? "?"})`;
  if (cycles && cycles > 0) return `Ramp-up ended after ${cycles} cycle${cycles === 1 ? "" : "s"}`;
  return "No ramp-up";
}

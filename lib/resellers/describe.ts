import type { PriceAdjustment } from "@/lib/billing";
import type { NextInvoiceImpact } from "./next-invoice";

const kindWords: Record<PriceAdjustment["kind"], string> = {
  sell_discount: "discount on sell prices",
  cost_markup: "markup on cost",
  cost_margin: "margin on cost",
};

/** "sell_discount 10" → "10 % discount on sell prices"; null → "plain sell prices". */
export function describeAdjustment(adjustment: PriceAdjustment | null): string {
  if (!adjustment) return "plain sell prices";
  return `${Number(adjustment.percent)} % ${kindWords[adjustment.kind]}`;
}

/** "2026-11" → "November 2026". */
export function periodName(period: string): string {
  const date = new Date(`${period}-01T00:00:00Z`);
  return date.toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** The unit price change as the confirm step says it, e.g. "Unit prices −10 % from the next invoice". */
export function headlineOfAdjustment(
  before: PriceAdjustment | null,
  after: PriceAdjustment | null,
  discountPercent: string,
): string {
  if (!after) return `Unit prices back to plain sell prices (was ${describeAdjustment(before)})`;
  const p = Number(after.percent);
  switch (after.kind) {
    case "sell_discount":
      return `Unit prices −${p} % of sell prices from the next invoice`;
    case "cost_markup":
      return `Unit prices = cost + ${p} % (cost = sell − ${Number(discountPercent)} % distributor discount)`;
    case "cost_margin":
      return `Unit prices = cost ÷ (1 − ${p} %) (cost = sell − ${Number(discountPercent)} % distributor discount)`;
  }
}

/** The lines of the confirm step: the period, sampled unit prices before → after, the total. */
export function impactLines(impact: NextInvoiceImpact | null): string[] {
  if (!impact) return ["The contract has no paid period yet: the change applies from its first invoice."];
  const lines = [
    `Next invoice: ${periodName(impact.period)} (${impact.tier}, cycle ${impact.cycle}, ${impact.currency}).`,
  ];
  for (const p of impact.prices) {
    if (p.before !== p.after) {
      lines.push(`${p.name}: ${p.before} → ${p.after} ${impact.currency} per ${p.unit}.`);
    }
  }
  const { before, after } = impact;
  if (before.waived !== after.waived) {
    lines.push(
      after.waived
        ? `Minimum commitment of ${after.commitment} ${impact.currency} waived (ramp-up).`
        : `Minimum commitment of ${after.commitment} ${impact.currency} applies (no longer waived).`,
    );
  }
  if (before.total !== after.total) {
    lines.push(`Total so far: ${before.total} → ${after.total} ${impact.currency}.`);
  }
  return lines;
}

import type { FxRate } from "./fx";
import type { RatingResult } from "./types";

/** The `expected` shape of a golden case file (shared/billing-cases/README.md): nothing more. */
export type CaseLine =
  | { type: "usage"; customer: string; sku: string; quantity: string; unitPrice: string; amount: string }
  | { type: "commitment_topup"; amount: string }
  | { type: "commitment_waived"; amount: string };

export type CaseOutput =
  | { billable: false }
  | {
      billable: true;
      tier: string;
      cycle: number;
      activeDays: number;
      periodDays: number;
      lines: CaseLine[];
      consumption: string;
      commitment: string;
      rampUpWaived: boolean;
      subtotal: string;
      tax: string;
      total: string;
      fx: FxRate | null;
    };

/** Drops what is internal (cost, units, descriptions, windows) and keeps the case file's field order. */
export function toCaseOutput(result: RatingResult): CaseOutput {
  if (!result.billable) return { billable: false };
  const lines = result.lines.map((line): CaseLine => {
    if (line.type !== "usage") return { type: line.type, amount: line.amount };
    const { customer, sku, quantity, unitPrice, amount } = line;
    return { type: "usage", customer, sku, quantity, unitPrice, amount };
  });
  const fx = result.fx && {
    from: result.fx.from,
    to: result.fx.to,
    rate: result.fx.rate,
    date: result.fx.date,
  };
  return {
    billable: true,
    tier: result.tier,
    cycle: result.cycle,
    activeDays: result.activeDays,
    periodDays: result.periodDays,
    lines,
    consumption: result.consumption,
    commitment: result.commitment,
    rampUpWaived: result.rampUpWaived,
    subtotal: result.subtotal,
    tax: result.tax,
    total: result.total,
    fx,
  };
}

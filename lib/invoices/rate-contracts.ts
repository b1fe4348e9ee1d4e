import "server-only";
import { type RatedPeriod, ratePeriod } from "@/lib/billing";
import type { Catalogue, StoredFxRate } from "./catalogue-loader";
import { fxSourceOf } from "./catalogue-loader";
import type { LoadedContract } from "./contract-loader";

/** An invoice line as stored and shown: the engine's line plus the customer's id and name. */
export type DraftLine = {
  position: number;
  type: "usage" | "commitment_topup" | "commitment_waived";
  customerId: string | null;
  customerName: string | null;
  skuCode: string | null;
  description: string;
  unit: string | null;
  quantity: string | null;
  unitPrice: string | null;
  amount: string;
  unitCost: string | null;
  costAmount: string | null;
};

export type RatedContract = {
  loaded: LoadedContract;
  result: RatedPeriod;
  tierName: string;
  lines: DraftLine[];
  fx: StoredFxRate | null;
};

/**
 * Rates one loaded contract with lib/billing (every number comes from the engine) and orders its lines for
 * display: by customer name, then customer id (two customers can share a name), then SKU; the top-up or
 * waiver line last. Null when the contract has no active day in the period.
 */
export function rateLoadedContract(
  catalogue: Catalogue,
  loaded: LoadedContract,
  options: { asOf?: string | null } = {},
): RatedContract | null {
  const result = ratePeriod(loaded.input, { asOf: options.asOf ?? null });
  if (!result.billable) return null;
  const usage: DraftLine[] = [];
  const commitment: DraftLine[] = [];
  for (const line of result.lines) {
    if (line.type === "usage") {
      usage.push({
        position: 0,
        type: "usage",
        customerId: line.customer,
        customerName: loaded.customerNames.get(line.customer) ?? line.customer,
        skuCode: line.sku,
        description: catalogue.skuNameByCode.get(line.sku) ?? line.sku,
        unit: line.unit,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        amount: line.amount,
        unitCost: line.cost.unitCost,
        costAmount: line.cost.amount,
      });
    } else {
      commitment.push({
        position: 0,
        type: line.type,
        customerId: null,
        customerName: null,
        skuCode: null,
        description: line.description,
        unit: null,
        quantity: null,
        unitPrice: null,
        amount: line.amount,
        unitCost: null,
        costAmount: null,
      });
    }
  }
  usage.sort(compareDisplay);
  const lines = usage.concat(commitment);
  for (let i = 0; i < lines.length; i += 1) (lines[i] as DraftLine).position = i + 1;
  const fx = result.fx ? { ...result.fx, source: fxSourceOf(catalogue, result.fx) ?? "unknown" } : null;
  return { loaded, result, tierName: catalogue.tierNameByCode.get(result.tier) ?? result.tier, lines, fx };
}

function compareDisplay(a: DraftLine, b: DraftLine): number {
  return (
    compareText(a.customerName ?? "", b.customerName ?? "") ||
    compareText(a.customerId ?? "", b.customerId ?? "") ||
    compareText(a.skuCode ?? "", b.skuCode ?? "")
  );
}

// Code-unit order, not locale order, so every machine stores the same positions.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

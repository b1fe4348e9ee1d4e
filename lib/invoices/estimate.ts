import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts } from "@/db/schema";
import { isIsoDate } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { loadCatalogue } from "./catalogue-loader";
import { loadContractInputs } from "./contract-loader";
import { type CustomerGroup, groupLinesByCustomer } from "./line-groups";
import { rateOrExplain } from "./rate-errors";

export type MonthToDateEstimate = {
  contractId: string;
  period: string;
  asOf: string;
  currency: string;
  billable: boolean;
  tier: string | null;
  customers: CustomerGroup[];
  consumption: string;
  commitment: string;
  rampUpWaived: boolean;
  topUp: string;
  subtotal: string;
  tax: string;
  total: string;
};

/**
 * The invoice so far for a dashboard: the same loader and engine as the run, with usage clipped at `asOf`
 * (lib/billing's month-to-date rule: the commitment stays the period's, so it reads "if usage stays so").
 */
export async function estimateMonthToDate(
  db: Db,
  input: { contractId: string; asOf: string },
): Promise<MonthToDateEstimate> {
  if (!isIsoDate(input.asOf)) throw new AppError("validation", "asOf must be a date YYYY-MM-DD");
  const period = input.asOf.slice(0, 7);
  const [contract] = await db
    .select({ currency: contracts.currency })
    .from(contracts)
    .where(eq(contracts.id, input.contractId));
  if (!contract) throw new AppError("not_found", "Contract not found");
  const catalogue = await loadCatalogue(db, period, [contract.currency]);
  const [loaded] = await loadContractInputs(db, catalogue, [input.contractId], { asOf: input.asOf });
  const rated = loaded ? rateOrExplain(catalogue, loaded, { asOf: input.asOf }) : null;
  const base = { contractId: input.contractId, period, asOf: input.asOf, currency: contract.currency };
  if (!rated) {
    return {
      ...base,
      billable: false,
      tier: null,
      customers: [],
      consumption: "0",
      commitment: "0",
      rampUpWaived: false,
      topUp: "0",
      subtotal: "0",
      tax: "0",
      total: "0",
    };
  }
  const { result } = rated;
  return {
    ...base,
    billable: true,
    tier: result.tier,
    customers: groupLinesByCustomer(rated.lines, result.currency),
    consumption: result.consumption,
    commitment: result.commitment,
    rampUpWaived: result.rampUpWaived,
    topUp: result.topUp,
    subtotal: result.subtotal,
    tax: result.tax,
    total: result.total,
  };
}

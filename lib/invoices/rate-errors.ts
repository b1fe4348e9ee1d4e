import "server-only";
import { BillingError } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import type { Catalogue } from "./catalogue-loader";
import type { LoadedContract } from "./contract-loader";
import { type RatedContract, rateLoadedContract } from "./rate-contracts";

/** Rates a contract; an engine error becomes an AppError naming the contract, so a run says what to fix. */
export function rateOrExplain(
  catalogue: Catalogue,
  loaded: LoadedContract,
  options: { asOf?: string | null } = {},
): RatedContract | null {
  try {
    return rateLoadedContract(catalogue, loaded, options);
  } catch (error) {
    if (error instanceof BillingError) {
      throw new AppError("validation", `Contract ${loaded.contractId}: ${error.message}`);
    }
    throw error;
  }
}

import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate } from "./calendar";
import { loadTier, lockContract, queueJob, recordTransition } from "./store";
import type { ContractRef } from "./types";

/**
 * Called by the provisioning worker (or an admin) when the `provision` job finished: pending → the
 * contract's target state (trial or active). Dates are kept from the order: the trial's end was computed
 * from the order day, which is never later than the tenant's creation, so it stays inside Acronis's window.
 */
export async function markProvisioned(
  db: DbOrTx,
  input: ContractRef & { jobId?: string },
): Promise<Contract> {
  assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "markProvisioned");
    return recordTransition(tx, {
      contract,
      toState: contract.targetState,
      event: "provisioned",
      actor: input.actor,
      data: { jobId: input.jobId },
    });
  });
}

export type ProvisioningFailure = ContractRef & { step: string; error: string; jobId?: string };

/** pending → provisioning_failed; the step and the Acronis error are kept on the event for the admin. */
export async function markProvisioningFailed(db: DbOrTx, input: ProvisioningFailure): Promise<Contract> {
  assertIsoDate(input.today);
  if (!input.step.trim()) throw new AppError("validation", "Say which provisioning step failed.");
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "markProvisioningFailed");
    return recordTransition(tx, {
      contract,
      toState: "provisioning_failed",
      event: "provisioning_failed",
      actor: input.actor,
      reason: input.error,
      data: { step: input.step, error: input.error, jobId: input.jobId },
    });
  });
}

/** provisioning_failed → pending with a new `provision` job (the worker's steps are idempotent). */
export async function retryProvisioning(
  db: DbOrTx,
  input: ContractRef,
): Promise<{ contract: Contract; jobId: string }> {
  assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "retryProvisioning");
    const tier = await loadTier(tx, contract.tierId);
    const jobId = await queueJob(tx, contract.id, "provision", {
      tierCode: tier.code,
      tierLevelValue: tier.acronisTierLevelValue,
      pricingMode: contract.targetState === "trial" ? "trial" : "production",
      currency: contract.currency,
      retry: true,
    });
    const updated = await recordTransition(tx, {
      contract,
      toState: "pending",
      event: "provisioning_retried",
      actor: input.actor,
      data: { jobId },
    });
    return { contract: updated, jobId };
  });
}

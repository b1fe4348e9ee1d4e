import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Contract, resellers } from "@/db/schema";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate } from "./calendar";
import { loadSettings, loadTier, lockContract, queueJob, recordTransition } from "./store";
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

/**
 * pending → provisioning_failed; the step and the Acronis error are kept on the event for the admin, and
 * the distributor's support address is told at once (the reseller only sees that someone is on it).
 */
export async function markProvisioningFailed(db: DbOrTx, input: ProvisioningFailure): Promise<Contract> {
  assertIsoDate(input.today);
  if (!input.step.trim()) throw new AppError("validation", "Say which provisioning step failed.");
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "markProvisioningFailed");
    const settings = await loadSettings(tx);
    const [reseller] = await tx.select().from(resellers).where(eq(resellers.id, contract.resellerId));
    await enqueueEmail(tx, {
      to: settings.supportEmail,
      subject: `Provisioning failed for ${reseller?.name ?? "a reseller"}`,
      text: `Setting up ${reseller?.name ?? "a reseller"} in Acronis stopped at step "${input.step}":\n\n${input.error}\n\nNothing is lost: finished steps stay finished. Fix the cause if needed, then press "Retry provisioning" on the reseller's page in the back office.`,
      template: "provisioning_failed",
      resellerId: contract.resellerId,
    });
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

import "server-only";
import type { Db } from "@/db/client";
import { systemActor } from "@/lib/audit";
import { todayUtc as today } from "@/lib/clock";
import { markProvisioned, markProvisioningFailed, retryProvisioning } from "@/lib/contracts/provisioning";
import type { ProvisioningCallbacks } from "./process";
import type { RetryOptions } from "./worker";

/** The contract side of a `provision` job (lib/contracts): pending → trial|active, or provisioning_failed. */
export const contractCallbacks: Required<ProvisioningCallbacks> = {
  onProvisioned: (tx, info) =>
    markProvisioned(tx, {
      contractId: info.contractId,
      jobId: info.jobId,
      actor: systemActor,
      today: today(),
    }),
  onFailed: (tx, info) =>
    markProvisioningFailed(tx, {
      contractId: info.contractId,
      jobId: info.jobId,
      step: info.step,
      error: info.error,
      actor: systemActor,
      today: today(),
    }),
};

/** Retrying a failed `provision` job goes through the contract (provisioning_failed → pending). */
export function contractRetry(db: Db): Required<RetryOptions> {
  return {
    retryContract: async (contractId) => {
      const { jobId } = await retryProvisioning(db, { contractId, actor: systemActor, today: today() });
      return { jobId };
    },
  };
}

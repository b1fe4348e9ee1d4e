import "server-only";
import type { Db } from "@/db/client";
import { systemActor } from "@/lib/audit";
import { todayUtc as today } from "@/lib/clock";
import type { ProvisioningCallbacks, RetryOptions } from "@/lib/provisioning";
import { markProvisioned, markProvisioningFailed, retryProvisioning } from "./provisioning";

/**
 * The contract side of a `provision` job, handed to the provisioning worker by the composition root
 * (lib/jobs/background.ts): pending → trial|active, or provisioning_failed. lib/provisioning never imports
 * lib/contracts; the contracts know the worker's callback shapes instead.
 */
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
export function contractRetry(db: Db): RetryOptions {
  return {
    retryContract: async (contractId) => {
      const { jobId } = await retryProvisioning(db, { contractId, actor: systemActor, today: today() });
      return { jobId };
    },
  };
}

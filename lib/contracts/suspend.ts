import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate } from "./calendar";
import { lockContract, queueJob, recordTransition } from "./store";
import type { ContractRef } from "./types";

export type AdminReasonInput = ContractRef & { reason: string };

function requireReason(reason: string, doing: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new AppError("validation", `Give a reason to ${doing} the contract.`);
  return trimmed;
}

/**
 * Admin suspension (e.g. non-payment): active → suspended, tenant disabled. The end date is untouched:
 * Acronis keeps billing stored data, so usage and the commitment keep applying (domain.md §3).
 */
export async function suspendContract(db: DbOrTx, input: AdminReasonInput): Promise<Contract> {
  assertIsoDate(input.today);
  const reason = requireReason(input.reason, "suspend");
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "suspendContract");
    const jobId = await queueJob(tx, contract.id, "suspend", { reason });
    return recordTransition(tx, {
      contract,
      toState: "suspended",
      patch: { suspendedAt: new Date() },
      event: "suspended",
      actor: input.actor,
      reason,
      data: { jobId },
    });
  });
}

/**
 * suspended → active, tenant re-enabled. A trial suspended at its end is not resumed into a free trial:
 * it must be converted (convertTrial "now"), which re-enables the tenant too.
 */
export async function resumeContract(db: DbOrTx, input: AdminReasonInput): Promise<Contract> {
  assertIsoDate(input.today);
  const reason = requireReason(input.reason, "resume");
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "resumeContract");
    if (contract.isTrial)
      throw new AppError("conflict", "The trial has ended; convert it to paid to resume service.");
    const jobId = await queueJob(tx, contract.id, "resume", { reason });
    return recordTransition(tx, {
      contract,
      toState: "active",
      patch: { suspendedAt: null },
      event: "resumed",
      actor: input.actor,
      reason,
      data: { jobId },
    });
  });
}

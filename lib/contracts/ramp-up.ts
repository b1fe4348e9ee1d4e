import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate } from "./calendar";
import { loadSettings, lockContract, recordTransition } from "./store";
import { canTransition } from "./transitions";
import type { ContractRef } from "./types";

export type RampUpOverride = ContractRef & { cycles: number; reason: string };

/**
 * Admin override of the ramp-up (domain.md §3: "a per-reseller override needs an admin and a reason").
 * It may exceed the policy maximum. Rule: only before the contract runs paid — while it is pending or
 * provisioning_failed (a paid order's cycle 1 is on paper but nothing is live or billed yet) or in trial
 * (its paid start is the future conversion). Once active, suspended or cancelled, cycle 1 has started and
 * ramp-up is never added or changed later.
 * The caller checks the actor is an admin; this records who did it and why.
 */
export async function overrideRampUp(db: DbOrTx, input: RampUpOverride): Promise<Contract> {
  assertIsoDate(input.today);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("validation", "Give a reason for the ramp-up override.");
  if (!Number.isInteger(input.cycles) || input.cycles < 0) {
    throw new AppError("validation", "Ramp-up must be a whole number of months (0 or more).");
  }
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId);
    if (!canTransition("overrideRampUp", contract.state)) {
      throw new AppError(
        "conflict",
        "Ramp-up can only be set before the contract's first paid month has started; it is never added later.",
      );
    }
    const settings = await loadSettings(tx);
    return recordTransition(tx, {
      contract,
      patch: { rampUpCycles: input.cycles, rampUpOverrideReason: reason },
      event: "ramp_up_overridden",
      actor: input.actor,
      reason,
      data: { from: contract.rampUpCycles, to: input.cycles, policyMax: settings.rampUpMaxCycles },
    });
  });
}

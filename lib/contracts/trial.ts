import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate, firstOfNextMonth, formatDay } from "./calendar";
import { addTierHistory, loadSettings, lockContract, queueJob, recordTransition } from "./store";
import { assertRampUpChoice, assertTransition } from "./transitions";
import type { ContractRef } from "./types";

export type ConvertInput = ContractRef & { when: "now" | "next_month"; rampUpCycles?: number };

/**
 * Trial → paid (domain.md §3 "Trial"). "now" makes it active today; "next_month" schedules it for the 1st
 * (recommended: Acronis bills a mid-month switch for the whole month). A scheduled conversion supersedes
 * the trial-end policy: the 1st of next month is never after Acronis's own switch (see calendar.ts), so the
 * trial simply runs until then. A trial suspended at its end can still be converted "now" during the grace.
 */
export async function convertTrial(db: DbOrTx, input: ConvertInput): Promise<Contract> {
  const today = assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId);
    if (!contract.isTrial)
      throw new AppError("conflict", "This contract is not a trial; it is already paid.");
    assertTransition("convertTrial", contract.state);
    const rampUpCycles = resolveRampUp(contract, await loadSettings(tx), input.rampUpCycles);
    if (input.when === "now") {
      return applyConversion(tx, contract, {
        paidStart: today,
        rampUpCycles,
        actor: input.actor,
        event: "converted",
      });
    }
    if (contract.state !== "trial") {
      throw new AppError("conflict", "The trial has ended; it can only be converted now.");
    }
    if (contract.conversionScheduledOn) {
      const on = formatDay(contract.conversionScheduledOn);
      throw new AppError("conflict", `A conversion is already scheduled for ${on}.`);
    }
    const on = firstOfNextMonth(today);
    return recordTransition(tx, {
      contract,
      patch: { conversionScheduledOn: on, rampUpCycles },
      event: "conversion_scheduled",
      actor: input.actor,
      data: { on, rampUpCycles },
    });
  });
}

/** Withdraws a "convert on the 1st" request; the trial then ends by policy as usual. */
export async function cancelScheduledConversion(db: DbOrTx, input: ContractRef): Promise<Contract> {
  assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "cancelScheduledConversion");
    if (!contract.conversionScheduledOn) throw new AppError("conflict", "No conversion is scheduled.");
    return recordTransition(tx, {
      contract,
      // The ramp-up chosen with the request goes with it, unless an admin set it.
      patch: {
        conversionScheduledOn: null,
        rampUpCycles: contract.rampUpOverrideReason ? contract.rampUpCycles : 0,
      },
      event: "conversion_unscheduled",
      actor: input.actor,
      data: { was: contract.conversionScheduledOn },
    });
  });
}

/**
 * Ramp-up at conversion: the reseller's choice within the policy maximum, the default when none is given.
 * An admin override (it has a reason) stands and cannot be changed by the reseller here.
 */
export function resolveRampUp(
  contract: Contract,
  settings: { rampUpDefaultCycles: number; rampUpMaxCycles: number },
  requested: number | undefined,
): number {
  if (contract.rampUpOverrideReason) {
    if (requested !== undefined && requested !== contract.rampUpCycles) {
      throw new AppError(
        "conflict",
        `An administrator set the ramp-up of this contract to ${contract.rampUpCycles} month(s); it cannot be changed at conversion.`,
      );
    }
    return contract.rampUpCycles;
  }
  const cycles = requested ?? settings.rampUpDefaultCycles;
  assertRampUpChoice(cycles, settings.rampUpMaxCycles);
  return cycles;
}

type Conversion = { paidStart: string; rampUpCycles: number; actor: Actor; event: string; reason?: string };

/** The paid start, a `conversion` tier-history row and the Acronis jobs (re-enable first if suspended). */
export async function applyConversion(tx: DbOrTx, contract: Contract, c: Conversion): Promise<Contract> {
  await addTierHistory(tx, {
    contractId: contract.id,
    tierId: contract.tierId,
    effectiveFrom: c.paidStart,
    kind: "conversion",
  });
  if (contract.state === "suspended")
    await queueJob(tx, contract.id, "resume", { reason: "trial converted" });
  const jobId = await queueJob(tx, contract.id, "convert", { pricingMode: "production" });
  return recordTransition(tx, {
    contract,
    toState: "active",
    patch: {
      isTrial: false,
      targetState: "active",
      paidStart: c.paidStart,
      rampUpCycles: c.rampUpCycles,
      conversionScheduledOn: null,
      suspendedAt: null,
    },
    event: c.event,
    actor: c.actor,
    reason: c.reason,
    data: { paidStart: c.paidStart, rampUpCycles: c.rampUpCycles, jobId },
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, distributorSettings } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { canTransition, overrideRampUp } from "@/lib/contracts";
import { AppError } from "@/lib/errors/app-error";
import { impactLines } from "./describe";
import { nextInvoiceImpact } from "./next-invoice";
import type { RampUpInput } from "./schema";

const months = (n: number) => (n === 1 ? "1 month" : `${n} months`);

/**
 * The admin's ramp-up override (domain.md §3) behind a confirm step. The rule — only before the first paid
 * month runs, may exceed the policy maximum, with a reason, audited — is lib/contracts' `overrideRampUp`;
 * this adds what the confirm step shows: the commitment waived (or not) on the next invoice.
 */
export async function overrideRampUpConfirmed(
  db: Db,
  actor: Actor,
  input: RampUpInput,
  today: string,
): Promise<{ from: number; to: number }> {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, input.contractId));
  if (!contract) throw new AppError("not_found", "This contract does not exist.");
  if (!canTransition("overrideRampUp", contract.state)) {
    throw new AppError(
      "conflict",
      "Ramp-up can only be set before the contract's first paid month has started; it is never added later.",
    );
  }
  if (contract.rampUpCycles === input.cycles) {
    throw new AppError("validation", "That is the contract's ramp-up already.", {
      cycles: ["Nothing to change."],
    });
  }
  if (!input.confirm) {
    const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
    const max = settings?.rampUpMaxCycles ?? 0;
    const headline =
      input.cycles === 0
        ? "No ramp-up: the minimum commitment applies from the first paid month"
        : `Minimum commitment waived for the first ${months(input.cycles)} of paid service (cycles 1–${input.cycles})`;
    const lines = [headline];
    if (input.cycles > max) lines.push(`Above the policy maximum of ${months(max)}: an admin override.`);
    const impact = await nextInvoiceImpact(db, contract.id, today, { rampUpCycles: input.cycles });
    lines.push(
      ...(impact
        ? impactLines(impact)
        : ["The trial has no paid month yet: the ramp-up starts with its first paid month."]),
    );
    throw new AppError("validation", "Confirm the change: it changes what the reseller pays.", {
      confirm: lines,
    });
  }
  await overrideRampUp(db, {
    contractId: contract.id,
    cycles: input.cycles,
    reason: input.reason,
    actor,
    today,
  });
  return { from: contract.rampUpCycles, to: input.cycles };
}

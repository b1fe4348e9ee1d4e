import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { addDays } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate, firstOfNextMonth, formatDay } from "./calendar";
import { lockContract, queueJob, recordTransition } from "./store";
import { findPendingChange, resolvePendingChange } from "./tier-change";
import type { ContractRef } from "./types";

export type CancelInput = ContractRef & { reason?: string };

/**
 * Reseller cancellation (domain.md §3): a running paid contract ends at the end of the month (endDate = the
 * 1st of next month, exclusive) and stays active or suspended until the tick closes it. A contract that
 * never ran paid (pending, provisioning_failed, a trial — also one suspended at its end) is cancelled at once: there is no month to finish,
 * and its end date is its paid start (or today), so nothing is billed for it.
 */
export async function cancelContract(db: DbOrTx, input: CancelInput): Promise<Contract> {
  const today = assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "cancelContract");
    if (contract.endDate) {
      throw new AppError(
        "conflict",
        `The contract is already being cancelled; it ends on ${formatDay(contract.endDate)}.`,
      );
    }
    const neverPaid =
      contract.isTrial || contract.state === "pending" || contract.state === "provisioning_failed";
    if (neverPaid) {
      const endDate = contract.paidStart ?? today;
      return applyCancellation(tx, contract, {
        endDate,
        actor: input.actor,
        event: "cancelled",
        reason: input.reason,
      });
    }
    const endDate = firstOfNextMonth(today);
    // A downgrade due on the end date would change nothing billable; close it now rather than leave it dangling.
    const pending = await findPendingChange(tx, contract.id);
    if (pending)
      await resolvePendingChange(tx, contract, pending, "withdrawn", input.actor, "contract cancelled");
    return recordTransition(tx, {
      contract,
      patch: { endDate, cancelRequestedAt: new Date() },
      event: "cancellation_requested",
      actor: input.actor,
      reason: input.reason,
      data: { endDate },
    });
  });
}

/**
 * Admin cancellation effective now: endDate = today + 1 (exclusive), so today is still billed and the last
 * period's commitment is prorated to the days up to today (§3, §5 step 6). A contract that never ran
 * paid ends at its paid start instead (nothing to bill). Needs a reason (audited).
 */
export async function cancelImmediately(
  db: DbOrTx,
  input: CancelInput & { reason: string },
): Promise<Contract> {
  const today = assertIsoDate(input.today);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("validation", "Give a reason for cancelling immediately.");
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "cancelImmediately");
    const neverPaid = contract.state === "pending" || contract.state === "provisioning_failed";
    let endDate = neverPaid && contract.paidStart ? contract.paidStart : addDays(today, 1);
    if (contract.endDate && contract.endDate < endDate) endDate = contract.endDate;
    return applyCancellation(tx, contract, {
      endDate,
      actor: input.actor,
      event: "cancelled_immediately",
      reason,
    });
  });
}

/** Withdraws a reseller cancellation before its end date; a downgrade it withdrew is not restored. */
export async function withdrawCancellation(db: DbOrTx, input: ContractRef): Promise<Contract> {
  const today = assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "withdrawCancellation");
    if (!contract.endDate) throw new AppError("conflict", "The contract is not being cancelled.");
    if (contract.endDate <= today) {
      throw new AppError("conflict", `The cancellation took effect on ${formatDay(contract.endDate)}.`);
    }
    return recordTransition(tx, {
      contract,
      patch: { endDate: null, cancelRequestedAt: null },
      event: "cancellation_withdrawn",
      actor: input.actor,
      data: { was: contract.endDate },
    });
  });
}

type Cancellation = { endDate: string; actor: Actor; event: string; reason?: string | null };

/** → cancelled: closes pending changes, drops a scheduled conversion, queues the tenant's disabling. */
export async function applyCancellation(tx: DbOrTx, contract: Contract, c: Cancellation): Promise<Contract> {
  const pending = await findPendingChange(tx, contract.id);
  if (pending) await resolvePendingChange(tx, contract, pending, "withdrawn", c.actor, "contract cancelled");
  const jobId = await queueJob(tx, contract.id, "cancel", { endDate: c.endDate });
  return recordTransition(tx, {
    contract,
    toState: "cancelled",
    patch: {
      endDate: c.endDate,
      conversionScheduledOn: null,
      cancelRequestedAt: contract.cancelRequestedAt ?? new Date(),
    },
    event: c.event,
    actor: c.actor,
    reason: c.reason,
    data: { endDate: c.endDate, jobId },
  });
}

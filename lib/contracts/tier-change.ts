import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Contract, contractPendingChanges, contracts } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate, firstOfNextMonth, formatDay } from "./calendar";
import {
  addTierHistory,
  isUniqueViolation,
  loadTier,
  loadTierByCode,
  lockContract,
  queueJob,
  recordTransition,
} from "./store";
import { assertTierMove, tierMoveDirection } from "./tier-targets";
import type { ContractPendingChange, ContractRef } from "./types";

export type TierChangeInput = ContractRef & { tierCode: string };

/** A contract being cancelled keeps its tier: moving it would only change what its last month costs. */
function assertNotCancelling(contract: Contract): void {
  if (contract.endDate) {
    const on = formatDay(contract.endDate);
    throw new AppError("conflict", `The contract ends on ${on}; withdraw the cancellation first.`);
  }
}

async function findPendingChange(tx: DbOrTx, contractId: string): Promise<ContractPendingChange | undefined> {
  const [row] = await tx
    .select()
    .from(contractPendingChanges)
    .where(
      and(eq(contractPendingChanges.contractId, contractId), eq(contractPendingChanges.status, "pending")),
    );
  return row;
}

/**
 * Upgrade, effective at once (domain.md §3): tier history from today, Acronis switched by a `tier_change`
 * job. The tier in force on a period's last active day governs the period, so this month is billed at the
 * new tier. A pending downgrade is withdrawn automatically (audited): the reseller has just chosen more.
 */
export async function upgradeTier(db: DbOrTx, input: TierChangeInput): Promise<Contract> {
  const today = assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "upgradeTier");
    assertNotCancelling(contract);
    const from = await loadTier(tx, contract.tierId);
    const target = await loadTierByCode(tx, input.tierCode);
    await assertTierMove(tx, { from, target, direction: "upgrade", inTrial: contract.state === "trial" });
    const pending = await findPendingChange(tx, contract.id);
    if (pending)
      await resolvePendingChange(tx, contract, pending, "withdrawn", input.actor, "superseded by an upgrade");
    await addTierHistory(tx, {
      contractId: contract.id,
      tierId: target.id,
      effectiveFrom: today,
      kind: "upgrade",
    });
    const jobId = await queueJob(tx, contract.id, "tier_change", {
      fromTier: from.code,
      toTier: target.code,
      tierLevelValue: target.acronisTierLevelValue,
    });
    return recordTransition(tx, {
      contract,
      patch: { tierId: target.id },
      event: "upgraded",
      actor: input.actor,
      data: {
        from: from.code,
        to: target.code,
        effectiveFrom: today,
        jobId,
        withdrawnDowngrade: pending?.id,
      },
    });
  });
}

/** Downgrade, effective the 1st of next month; at most one pending; applied by the daily tick. */
export async function scheduleDowngrade(db: DbOrTx, input: TierChangeInput): Promise<ContractPendingChange> {
  const today = assertIsoDate(input.today);
  try {
    return await db.transaction(async (tx) => {
      const contract = await lockContract(tx, input.contractId, "scheduleDowngrade");
      assertNotCancelling(contract);
      const pending = await findPendingChange(tx, contract.id);
      if (pending) throw await alreadyScheduled(tx, pending);
      const from = await loadTier(tx, contract.tierId);
      const target = await loadTierByCode(tx, input.tierCode);
      await assertTierMove(tx, { from, target, direction: "downgrade", inTrial: contract.state === "trial" });
      const effectiveOn = firstOfNextMonth(today);
      const [change] = await tx
        .insert(contractPendingChanges)
        .values({
          contractId: contract.id,
          toTierId: target.id,
          effectiveOn,
          requestedBy: input.actor.userId,
        })
        .returning();
      await recordTransition(tx, {
        contract,
        event: "downgrade_scheduled",
        actor: input.actor,
        data: { from: from.code, to: target.code, effectiveOn, changeId: change!.id },
      });
      return change!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "contract_pending_changes_one_pending")) {
      throw new AppError("conflict", "A downgrade is already scheduled; withdraw it first.");
    }
    throw error;
  }
}

async function alreadyScheduled(tx: DbOrTx, pending: ContractPendingChange): Promise<AppError> {
  const tier = await loadTier(tx, pending.toTierId);
  const on = formatDay(pending.effectiveOn);
  return new AppError(
    "conflict",
    `A downgrade to ${tier.name} is already scheduled for ${on}; withdraw it first.`,
  );
}

export type TierChange =
  | { direction: "upgrade"; contract: Contract }
  | { direction: "downgrade"; change: ContractPendingChange };

/**
 * One verb for "move to this tier" (the public API): an upgrade when the target's commitment is higher,
 * else a scheduled downgrade — the same two transitions the portal's dialog confirms, each re-checking the
 * move under the contract's lock. The same tier is refused by upgradeTier's own guard.
 */
export async function changeTier(db: DbOrTx, input: TierChangeInput): Promise<TierChange> {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, input.contractId));
  if (!contract) throw new AppError("not_found", "This contract does not exist.");
  const from = await loadTier(db, contract.tierId);
  const target = await loadTierByCode(db, input.tierCode);
  if ((await tierMoveDirection(db, from, target, input.today)) === "downgrade") {
    return { direction: "downgrade", change: await scheduleDowngrade(db, input) };
  }
  return { direction: "upgrade", contract: await upgradeTier(db, input) };
}

/** Withdraws the pending downgrade, any time before the tick applies it. */
export async function withdrawDowngrade(db: DbOrTx, input: ContractRef): Promise<Contract> {
  assertIsoDate(input.today);
  return db.transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId, "withdrawDowngrade");
    const pending = await findPendingChange(tx, contract.id);
    if (!pending) throw new AppError("conflict", "No downgrade is scheduled.");
    await resolvePendingChange(tx, contract, pending, "withdrawn", input.actor, null);
    return recordTransition(tx, {
      contract,
      event: "downgrade_withdrawn",
      actor: input.actor,
      data: { changeId: pending.id, effectiveOn: pending.effectiveOn },
    });
  });
}

/** Closes a pending change; an automatic withdrawal (upgrade, cancellation) gets its own audit entry. */
export async function resolvePendingChange(
  tx: DbOrTx,
  contract: Contract,
  pending: ContractPendingChange,
  status: "applied" | "withdrawn",
  actor: Actor,
  automaticReason: string | null,
): Promise<void> {
  await tx
    .update(contractPendingChanges)
    .set({ status, resolvedAt: new Date() })
    .where(eq(contractPendingChanges.id, pending.id));
  if (automaticReason) {
    await writeAudit(tx, actor, {
      action: "contract.downgrade_withdrawn",
      entityType: "contract",
      entityId: contract.id,
      resellerId: contract.resellerId,
      data: { changeId: pending.id, effectiveOn: pending.effectiveOn, reason: automaticReason },
    });
  }
}

export { findPendingChange };

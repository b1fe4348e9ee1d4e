import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Contract } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { addTierHistory, loadTier, lockContract, queueJob, recordTransition } from "./store";
import { findPendingChange, resolvePendingChange } from "./tier-change";

export type TickFailure = { contractId: string; step: string; error: string };

/**
 * Runs `step` for each contract in its own transaction, after locking the row; `step` re-checks that the
 * work is still due (another tick, or the reseller, may have got there first) and returns false if not.
 * One contract's failure is collected, not thrown, so it never holds up the others; tomorrow retries it.
 */
export async function forEachLocked(
  db: DbOrTx,
  contractIds: readonly string[],
  step: (tx: DbOrTx, contract: Contract) => Promise<boolean>,
  failures: { list: TickFailure[]; step: string },
): Promise<string[]> {
  const done: string[] = [];
  for (const id of new Set(contractIds)) {
    try {
      const did = await db.transaction(async (tx) => step(tx, await lockContract(tx, id)));
      if (did) done.push(id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.list.push({ contractId: id, step: failures.step, error: message });
    }
  }
  return done;
}

/** Applies the pending downgrade: tier history from its effective 1st, Acronis switched by a job. */
export async function applyDueDowngrade(
  tx: DbOrTx,
  contract: Contract,
  today: string,
  actor: Actor,
): Promise<boolean> {
  if (contract.state === "cancelled") return false;
  const pending = await findPendingChange(tx, contract.id);
  if (!pending || pending.effectiveOn > today) return false;
  const from = await loadTier(tx, contract.tierId);
  const target = await loadTier(tx, pending.toTierId);
  await addTierHistory(tx, {
    contractId: contract.id,
    tierId: target.id,
    effectiveFrom: pending.effectiveOn,
    kind: "downgrade",
  });
  await resolvePendingChange(tx, contract, pending, "applied", actor, null);
  const jobId = await queueJob(tx, contract.id, "tier_change", {
    fromTier: from.code,
    toTier: target.code,
    tierLevelValue: target.acronisTierLevelValue,
  });
  await recordTransition(tx, {
    contract,
    patch: { tierId: target.id },
    event: "downgraded",
    actor,
    data: {
      from: from.code,
      to: target.code,
      effectiveFrom: pending.effectiveOn,
      changeId: pending.id,
      jobId,
    },
  });
  return true;
}

import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Contract, contractEvents, contracts, type Tier, tiers } from "@/db/schema";
import { cycleNumber } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { assertIsoDate, daysUntil } from "./calendar";
import { loadTier } from "./store";
import { findPendingChange } from "./tier-change";
import { listTierTargets, type TierTargets } from "./tier-targets";
import type { ContractPendingChange } from "./types";

export type RampUpStatus = {
  cycles: number;
  currentCycle: number | null;
  inRampUp: boolean;
  overridden: boolean;
};

export type ContractView = {
  contract: Contract;
  tier: Tier;
  pendingChange: (ContractPendingChange & { toTier: Tier }) | null;
  allowed: TierTargets;
  trialDaysLeft: number | null;
  rampUp: RampUpStatus;
  events: (typeof contractEvents.$inferSelect)[];
};

/** Upgrade and downgrade targets the contract may move to now (empty when its state allows neither). */
export async function listAllowedTierChanges(db: DbOrTx, contractId: string): Promise<TierTargets> {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!contract) throw new AppError("not_found", "This contract does not exist.");
  return allowedFor(db, contract, await loadTier(db, contract.tierId));
}

async function allowedFor(db: DbOrTx, contract: Contract, tier: Tier): Promise<TierTargets> {
  const movable = (contract.state === "trial" || contract.state === "active") && !contract.endDate;
  if (!movable) return { upgrades: [], downgrades: [] };
  const targets = await listTierTargets(db, tier, {
    currency: contract.currency,
    trialOnly: contract.state === "trial",
  });
  // One pending downgrade at most: offer none until it is withdrawn.
  const pending = await findPendingChange(db, contract.id);
  return pending ? { upgrades: targets.upgrades, downgrades: [] } : targets;
}

/** Everything the contract page shows: tier, pending change, allowed moves, trial and ramp-up status. */
export async function getContractView(
  db: DbOrTx,
  input: { contractId: string; today: string; eventLimit?: number },
): Promise<ContractView> {
  const today = assertIsoDate(input.today);
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, input.contractId));
  if (!contract) throw new AppError("not_found", "This contract does not exist.");
  const tier = await loadTier(db, contract.tierId);
  const pending = await findPendingChange(db, contract.id);
  const toTier = pending
    ? (await db.select().from(tiers).where(eq(tiers.id, pending.toTierId)))[0]
    : undefined;
  const events = await db
    .select()
    .from(contractEvents)
    .where(eq(contractEvents.contractId, contract.id))
    .orderBy(desc(contractEvents.at))
    .limit(input.eventLimit ?? 20);
  const inTrial = contract.state === "trial" && contract.trialEndsOn !== null;
  return {
    contract,
    tier,
    pendingChange: pending && toTier ? { ...pending, toTier } : null,
    allowed: await allowedFor(db, contract, tier),
    trialDaysLeft: inTrial ? Math.max(0, daysUntil(today, contract.trialEndsOn!)) : null,
    rampUp: rampUpStatus(contract, today),
    events,
  };
}

/** "Cycle k of N": k counts months from the paid start; null before the contract is paid. */
export function rampUpStatus(contract: Contract, today: string): RampUpStatus {
  const currentCycle = contract.paidStart ? cycleNumber(contract.paidStart, today.slice(0, 7)) : null;
  const cycles = contract.rampUpCycles;
  return {
    cycles,
    currentCycle,
    inRampUp: currentCycle !== null && currentCycle >= 1 && currentCycle <= cycles,
    overridden: contract.rampUpOverrideReason !== null,
  };
}

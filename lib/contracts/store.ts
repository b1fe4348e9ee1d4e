import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  type Contract,
  contractEvents,
  contracts,
  contractTierHistory,
  distributorSettings,
  provisioningJobs,
  tiers,
} from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { type JobParamsOf, parseJobParams } from "@/lib/provisioning/job-params";
import { notifyJobQueued } from "@/lib/provisioning/notify";
import { emitContractEvents } from "@/lib/webhooks/emit";
import { assertTransition, type ContractState, type TransitionName } from "./transitions";
import type { JobKind } from "./types";

/** Locks the contract row for the rest of the transaction, so the guard re-checked after it holds. */
export async function lockContract(
  tx: DbOrTx,
  contractId: string,
  guard?: TransitionName,
): Promise<Contract> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for("update");
  if (!row) throw new AppError("not_found", "This contract does not exist.");
  if (guard) assertTransition(guard, row.state);
  return row;
}

export async function loadSettings(tx: DbOrTx) {
  const [row] = await tx.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  if (!row) throw new AppError("internal", "The distributor settings are missing; run the seed first.");
  return row;
}

export async function loadTier(tx: DbOrTx, tierId: string) {
  const [row] = await tx.select().from(tiers).where(eq(tiers.id, tierId));
  if (!row) throw new AppError("not_found", "This tier does not exist.");
  return row;
}

export async function loadTierByCode(tx: DbOrTx, code: string) {
  const [row] = await tx.select().from(tiers).where(eq(tiers.code, code));
  if (!row) throw new AppError("not_found", `There is no tier "${code}".`);
  return row;
}

export type TransitionRecord = {
  contract: Contract;
  /** Columns to change; `version` and `updatedAt` are bumped here. */
  patch?: Partial<Omit<Contract, "id" | "version">>;
  toState?: ContractState;
  event: string;
  actor: Actor;
  reason?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Updates the contract (bumping its version), then writes the contract event, the audit entry and the
 * webhook events it causes (contract.activated, tier_changed, cancelled).
 */
export async function recordTransition(tx: DbOrTx, record: TransitionRecord): Promise<Contract> {
  const { contract, actor } = record;
  const toState = record.toState ?? record.patch?.state ?? contract.state;
  const [updated] = await tx
    .update(contracts)
    .set({ ...record.patch, state: toState, version: sql`${contracts.version} + 1`, updatedAt: new Date() })
    .where(eq(contracts.id, contract.id))
    .returning();
  await tx.insert(contractEvents).values({
    contractId: contract.id,
    fromState: contract.state,
    toState,
    event: record.event,
    actorUserId: actor.userId,
    reason: record.reason ?? null,
    data: record.data ?? null,
  });
  await writeAudit(tx, actor, {
    action: `contract.${record.event}`,
    entityType: "contract",
    entityId: contract.id,
    resellerId: contract.resellerId,
    data: { fromState: contract.state, toState, reason: record.reason ?? undefined, ...record.data },
  });
  await emitContractEvents(tx, contract, updated!, record.event);
  return updated!;
}

/**
 * Queues an Acronis change in the caller's transaction; the provisioning worker executes it. The commit wakes
 * the workers (NOTIFY, lib/provisioning/notify.ts), so the change starts within seconds.
 */
export async function queueJob<K extends JobKind>(
  tx: DbOrTx,
  contractId: string,
  kind: K,
  params: JobParamsOf<K> = {},
): Promise<string> {
  const [row] = await tx
    .insert(provisioningJobs)
    .values({ contractId, kind, params: parseJobParams(kind, params) })
    .returning({ id: provisioningJobs.id });
  await notifyJobQueued(tx);
  return row!.id;
}

/** True when `error` (or a cause drizzle wrapped it in) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (pg.code === "23505" && (pg.constraint_name ?? pg.constraint) === constraint) return true;
    e = pg.cause;
  }
  return false;
}

type TierHistoryEntry = {
  contractId: string;
  tierId: string;
  effectiveFrom: string;
  kind: "order" | "upgrade" | "downgrade" | "conversion" | "admin";
};

/**
 * Appends to the tier history. `created_at` is forced strictly after the contract's previous entry (we
 * hold the row lock), because two changes on one day are ordered by it and a coarse clock could tie them.
 */
export async function addTierHistory(tx: DbOrTx, entry: TierHistoryEntry): Promise<void> {
  const previous = sql`(select max(${contractTierHistory.createdAt}) from ${contractTierHistory} where ${contractTierHistory.contractId} = ${entry.contractId})`;
  await tx.insert(contractTierHistory).values({
    ...entry,
    createdAt: sql`greatest(now(), coalesce(${previous}, now()) + interval '1 millisecond')`,
  });
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Tier, tierCommitments, tiers, upgradePaths } from "@/db/schema";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";

/** Nothing downgrades to Promo (domain.md §2.1); identified by its code, as the seed and the UI do. */
export const PROMO_CODE = "PROMO";

export type TierOption = {
  id: string;
  code: string;
  name: string;
  commitmentUsd: string;
  /** The explicit commitment in the contract's currency, when the catalogue has one (else USD × FX). */
  commitment: string | null;
  trialAllowed: boolean;
};

export type TierTargets = { upgrades: TierOption[]; downgrades: TierOption[] };

function isOrderable(tier: Tier): boolean {
  return tier.orderable && tier.retiredAt === null;
}

/**
 * Tiers reachable from `from` through upgrade_paths that can be ordered now: higher commitment is an
 * upgrade, lower is a downgrade (never Promo); `trialOnly` keeps the tiers a trial may move to.
 */
export async function listTierTargets(
  db: DbOrTx,
  from: Tier,
  options: { currency: string; trialOnly: boolean },
): Promise<TierTargets> {
  const rows = await db
    .select({ tier: tiers, commitment: tierCommitments.amount })
    .from(upgradePaths)
    .innerJoin(tiers, eq(tiers.id, upgradePaths.toTierId))
    .leftJoin(
      tierCommitments,
      and(eq(tierCommitments.tierId, tiers.id), eq(tierCommitments.currency, options.currency)),
    )
    .where(eq(upgradePaths.fromTierId, from.id))
    .orderBy(tiers.sortOrder);
  const result: TierTargets = { upgrades: [], downgrades: [] };
  for (const { tier, commitment } of rows) {
    if (!isOrderable(tier) || (options.trialOnly && !tier.trialAllowed)) continue;
    const option: TierOption = {
      id: tier.id,
      code: tier.code,
      name: tier.name,
      commitmentUsd: tier.commitmentUsd,
      commitment,
      trialAllowed: tier.trialAllowed,
    };
    const diff = dec(tier.commitmentUsd).comparedTo(dec(from.commitmentUsd));
    if (diff > 0) result.upgrades.push(option);
    else if (diff < 0 && tier.code !== PROMO_CODE) result.downgrades.push(option);
  }
  return result;
}

/** Checks `target` is a valid `direction` move from `from`; throws the reseller-facing reason otherwise. */
export async function assertTierMove(
  db: DbOrTx,
  move: { from: Tier; target: Tier; direction: "upgrade" | "downgrade"; inTrial: boolean },
): Promise<void> {
  const { from, target, direction } = move;
  if (target.id === from.id) throw new AppError("conflict", `The contract is already on ${target.name}.`);
  if (direction === "downgrade" && target.code === PROMO_CODE) {
    throw new AppError("conflict", `Nothing can be downgraded to ${target.name}.`);
  }
  if (!isOrderable(target)) throw new AppError("conflict", `${target.name} can no longer be ordered.`);
  const diff = dec(target.commitmentUsd).comparedTo(dec(from.commitmentUsd));
  const [path] = await db
    .select({ to: upgradePaths.toTierId })
    .from(upgradePaths)
    .where(and(eq(upgradePaths.fromTierId, from.id), eq(upgradePaths.toTierId, target.id)));
  const rightWay = direction === "upgrade" ? diff > 0 : diff < 0;
  if (!path || !rightWay)
    throw new AppError(
      "conflict",
      `${target.name} is not ${direction === "upgrade" ? "an upgrade" : "a downgrade"} of ${from.name}.`,
    );
  if (move.inTrial && !target.trialAllowed) {
    throw new AppError("conflict", `${target.name} has no trial; convert the trial first.`);
  }
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Tier, tierCommitments, tiers, upgradePaths } from "@/db/schema";
import { dec } from "@/lib/billing";
import { versionInForceSql } from "@/lib/catalogue/price-versions";
import { todayUtc } from "@/lib/clock";
import { AppError } from "@/lib/errors/app-error";

/** Nothing downgrades to Promo (domain.md §2.1); identified by its code, as the seed and the UI do. */
export const PROMO_CODE = "PROMO";

export type TierOption = {
  id: string;
  code: string;
  name: string;
  /** USD commitment of the price version in force this month: it orders tiers (upgrade = higher). */
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
  options: { currency: string; trialOnly: boolean; today?: string },
): Promise<TierTargets> {
  const today = options.today ?? todayUtc();
  const usd = await usdCommitments(db, today);
  const rows = await db
    .select({ tier: tiers, commitment: commitments.amount })
    .from(upgradePaths)
    .innerJoin(tiers, eq(tiers.id, upgradePaths.toTierId))
    .leftJoin(
      commitments,
      and(
        eq(commitments.tierId, tiers.id),
        eq(commitments.currency, options.currency),
        eq(commitments.versionId, versionInForceSql(today)),
      ),
    )
    .where(eq(upgradePaths.fromTierId, from.id))
    .orderBy(tiers.sortOrder);
  const result: TierTargets = { upgrades: [], downgrades: [] };
  const fromUsd = usdOf(usd, from);
  for (const { tier, commitment } of rows) {
    if (!isOrderable(tier) || (options.trialOnly && !tier.trialAllowed)) continue;
    const option: TierOption = {
      id: tier.id,
      code: tier.code,
      name: tier.name,
      commitmentUsd: usdOf(usd, tier),
      commitment,
      trialAllowed: tier.trialAllowed,
    };
    const diff = dec(option.commitmentUsd).comparedTo(dec(fromUsd));
    if (diff > 0) result.upgrades.push(option);
    else if (diff < 0 && tier.code !== PROMO_CODE) result.downgrades.push(option);
  }
  return result;
}

/** Checks `target` is a valid `direction` move from `from`; throws the reseller-facing reason otherwise. */
export async function assertTierMove(
  db: DbOrTx,
  move: { from: Tier; target: Tier; direction: "upgrade" | "downgrade"; inTrial: boolean; today?: string },
): Promise<void> {
  const { from, target, direction } = move;
  const usd = await usdCommitments(db, move.today ?? todayUtc());
  if (target.id === from.id) throw new AppError("conflict", `The contract is already on ${target.name}.`);
  if (direction === "downgrade" && target.code === PROMO_CODE) {
    throw new AppError("conflict", `Nothing can be downgraded to ${target.name}.`);
  }
  if (!isOrderable(target)) throw new AppError("conflict", `${target.name} can no longer be ordered.`);
  const diff = dec(usdOf(usd, target)).comparedTo(dec(usdOf(usd, from)));
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

/**
 * Which way `target` lies from `from` by the USD commitments in force (the order listTierTargets and
 * assertTierMove use): higher is an upgrade, lower a downgrade, equal (or the same tier) "same".
 */
export async function tierMoveDirection(
  db: DbOrTx,
  from: Tier,
  target: Tier,
  today?: string,
): Promise<"upgrade" | "downgrade" | "same"> {
  if (target.id === from.id) return "same";
  const usd = await usdCommitments(db, today ?? todayUtc());
  const diff = dec(usdOf(usd, target)).comparedTo(dec(usdOf(usd, from)));
  return diff > 0 ? "upgrade" : diff < 0 ? "downgrade" : "same";
}

const commitments = tierCommitments;

/** Every tier's USD commitment in the price version in force for `today`'s month (§2.2). */
async function usdCommitments(db: DbOrTx, today: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ tierId: commitments.tierId, amount: commitments.amount })
    .from(commitments)
    .where(and(eq(commitments.currency, "USD"), eq(commitments.versionId, versionInForceSql(today))));
  return new Map(rows.map((row) => [row.tierId, row.amount]));
}

function usdOf(usd: Map<string, string>, tier: Tier): string {
  const amount = usd.get(tier.id);
  if (amount === undefined) {
    throw new AppError("conflict", `${tier.name} has no USD commitment in the price version in force.`);
  }
  return amount;
}

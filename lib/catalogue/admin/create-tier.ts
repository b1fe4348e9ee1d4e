import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { prices, type Tier, tierCommitments, tiers, upgradePaths } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { PROMO_CODE } from "@/lib/contracts/tier-targets";
import { AppError } from "@/lib/errors/app-error";
import { multiLine } from "@/lib/validation/text";
import { explainRefusal } from "./db-refusal";
import { checkbox, decimal, displayName, tierCode, wholeNumber } from "./fields";
import { openVersionsFrom } from "./queries";
import { CODE_TAKEN, codeTaken } from "./tiers";

export const createTierSchema = z.object({
  code: tierCode,
  name: displayName("tier"),
  description: multiLine({ max: 500, maxMessage: "At most 500 characters." }).default(""),
  tierLevelValue: wholeNumber("Acronis's tier level value", -1, 1000),
  trialAllowed: checkbox,
  orderable: checkbox,
  sortOrder: wholeNumber("the display order", 0, 10000),
  commitmentUsd: decimal("the monthly commitment in USD"),
  copyFrom: z.uuid({ error: "Choose the tier whose prices are copied." }),
});
export type CreateTierInput = z.infer<typeof createTierSchema>;

const invalid = (field: string, message: string) =>
  new AppError("validation", "Check the highlighted fields.", { [field]: [message] });

export type CreatedTier = { tier: Tier; pricedVersions: string[] };

/**
 * Adds a tier (domain.md §2.1) in one transaction: the tier, then in every price version in force now or
 * scheduled that no issued invoice locks, its USD commitment and a copy of `copyFrom`'s unit prices (every
 * currency), then the default upgrade paths (to and from every other tier by commitment; never into Promo,
 * and Promo only upgrades). It is orderable only when the version in force this month prices it.
 */
export async function createTier(
  db: Db,
  input: CreateTierInput,
  actor: Actor,
  options: { today: string },
): Promise<CreatedTier> {
  try {
    return await db.transaction(async (tx) => {
      if (input.code === PROMO_CODE || (await codeTaken(tx, input.code))) throw invalid("code", CODE_TAKEN);
      const [source] = await tx.select().from(tiers).where(eq(tiers.id, input.copyFrom));
      if (!source) throw invalid("copyFrom", "Choose the tier whose prices are copied.");
      const { current, open, currentOpen } = await openVersionsFrom(tx, options.today);
      if (open.length === 0) {
        throw new AppError(
          "conflict",
          `The price version in force (from ${current.effectiveFrom}) priced issued invoices and no later version is scheduled, so a new tier could not be priced. Prepare next month's version in the price book, then add the tier.`,
        );
      }
      if (input.orderable && !currentOpen) {
        throw invalid(
          "orderable",
          `The price version in force (from ${current.effectiveFrom}) priced issued invoices and cannot price a new tier; it becomes orderable from the next version. Leave this unticked and tick it once that version is in force.`,
        );
      }
      const [tier] = await tx
        .insert(tiers)
        .values({
          code: input.code,
          name: input.name,
          description: input.description,
          acronisTierLevelValue: input.tierLevelValue,
          trialAllowed: input.trialAllowed,
          orderable: input.orderable,
          sortOrder: input.sortOrder,
        })
        .returning();
      if (!tier) throw new AppError("internal", "The tier was not created.");

      for (const version of open) {
        const copied = await tx
          .select()
          .from(prices)
          .where(and(eq(prices.versionId, version.id), eq(prices.tierId, source.id)));
        if (copied.length === 0) {
          throw invalid(
            "copyFrom",
            `${source.name} has no prices in the price version from ${version.effectiveFrom}; copy another tier.`,
          );
        }
        await tx.insert(tierCommitments).values({
          versionId: version.id,
          tierId: tier.id,
          currency: "USD",
          amount: input.commitmentUsd,
        });
        await tx.insert(prices).values(
          copied.map((p) => ({
            versionId: version.id,
            skuId: p.skuId,
            tierId: tier.id,
            currency: p.currency,
            unitPrice: p.unitPrice,
          })),
        );
      }

      const others = await tx.select().from(tiers);
      const promoUsd = await promoCommitment(tx, others, current.id);
      const paths: { fromTierId: string; toTierId: string }[] = [];
      for (const other of others) {
        if (other.id === tier.id) continue;
        if (other.code !== PROMO_CODE) paths.push({ fromTierId: tier.id, toTierId: other.id });
        const promoUpgrade = promoUsd !== null && dec(input.commitmentUsd).greaterThan(dec(promoUsd));
        if (other.code !== PROMO_CODE || promoUpgrade)
          paths.push({ fromTierId: other.id, toTierId: tier.id });
      }
      if (paths.length > 0) await tx.insert(upgradePaths).values(paths).onConflictDoNothing();

      const pricedVersions = open.map((v) => v.effectiveFrom);
      await writeAudit(tx, actor, {
        action: "catalogue.tier_created",
        entityType: "tier",
        entityId: tier.id,
        data: {
          before: null,
          after: {
            code: tier.code,
            name: tier.name,
            acronisTierLevelValue: tier.acronisTierLevelValue,
            trialAllowed: tier.trialAllowed,
            orderable: tier.orderable,
            sortOrder: tier.sortOrder,
            commitmentUsd: input.commitmentUsd,
            pricesCopiedFrom: source.code,
            pricedVersions,
            upgradePaths: paths.length,
          },
        },
      });
      return { tier, pricedVersions };
    });
  } catch (error) {
    throw explainRefusal(error, { tiers_code_unique: invalid("code", CODE_TAKEN) });
  }
}

async function promoCommitment(tx: Tx, all: Tier[], versionId: string) {
  const promo = all.find((t) => t.code === PROMO_CODE);
  if (!promo) return null;
  const [row] = await tx
    .select({ amount: tierCommitments.amount })
    .from(tierCommitments)
    .where(
      and(
        eq(tierCommitments.versionId, versionId),
        eq(tierCommitments.tierId, promo.id),
        eq(tierCommitments.currency, "USD"),
      ),
    );
  return row?.amount ?? null;
}

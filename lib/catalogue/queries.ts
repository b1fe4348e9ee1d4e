import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { prices, skus, tierCommitments, tiers } from "@/db/schema";

export type PlanRow = {
  code: string;
  name: string;
  commitmentUsd: string;
  commitment: string | null;
  trialAllowed: boolean;
  prices: Record<string, string>;
};

/** Orderable tiers with their commitment and the main SKUs' unit prices in one price-list currency. */
export async function listPlans(
  db: Db,
  currency: string,
): Promise<{ plans: PlanRow[]; mainSkus: { code: string; name: string; unit: string }[] }> {
  const tierRows = await db
    .select()
    .from(tiers)
    .where(and(eq(tiers.orderable, true), isNull(tiers.retiredAt)))
    .orderBy(asc(tiers.sortOrder));
  const main = await db
    .select({ id: skus.id, code: skus.code, name: skus.name, unit: skus.unit })
    .from(skus)
    .where(and(eq(skus.isMain, true), eq(skus.active, true)))
    .orderBy(asc(skus.sortOrder));
  const tierIds = tierRows.map((t) => t.id);
  const priceRows = tierIds.length
    ? await db
        .select({ tierId: prices.tierId, skuId: prices.skuId, unitPrice: prices.unitPrice })
        .from(prices)
        .where(
          and(
            inArray(prices.tierId, tierIds),
            eq(prices.currency, currency),
            inArray(
              prices.skuId,
              main.map((m) => m.id),
            ),
          ),
        )
    : [];
  const commitments = tierIds.length
    ? await db
        .select()
        .from(tierCommitments)
        .where(and(inArray(tierCommitments.tierId, tierIds), eq(tierCommitments.currency, currency)))
    : [];
  const codeBySku = new Map(main.map((m) => [m.id, m.code]));
  const plans = tierRows.map((t) => ({
    code: t.code,
    name: t.name,
    commitmentUsd: t.commitmentUsd,
    commitment:
      currency === "USD" ? t.commitmentUsd : (commitments.find((c) => c.tierId === t.id)?.amount ?? null),
    trialAllowed: t.trialAllowed,
    prices: Object.fromEntries(
      priceRows.filter((p) => p.tierId === t.id).map((p) => [codeBySku.get(p.skuId) ?? "", p.unitPrice]),
    ),
  }));
  return { plans, mainSkus: main.map(({ code, name, unit }) => ({ code, name, unit })) };
}

import "server-only";
import { and, desc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { priceVersions, tierCommitments } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";

/**
 * Price versions (domain.md §2.2): the price book (sell prices and tier commitments) in force for a period is
 * the latest version effective on or before the period's first day. Every reader of prices or commitments
 * (billing, previews, month-to-date estimates, the storefront, the estimator) asks here.
 */

export type PriceVersionRef = { id: string; effectiveFrom: string };

/** The first day of the month containing `day` (`2026-11-17` → `2026-11-01`); a `YYYY-MM` period works too. */
export function monthStartOf(dayOrPeriod: string): string {
  return `${dayOrPeriod.slice(0, 7)}-01`;
}

/** The version in force for the month of `dayOrPeriod`. */
export async function versionInForce(db: DbOrTx, dayOrPeriod: string): Promise<PriceVersionRef> {
  const start = monthStartOf(dayOrPeriod);
  const [row] = await db
    .select({ id: priceVersions.id, effectiveFrom: priceVersions.effectiveFrom })
    .from(priceVersions)
    .where(lte(priceVersions.effectiveFrom, start))
    .orderBy(desc(priceVersions.effectiveFrom))
    .limit(1);
  if (!row) throw new AppError("conflict", `No price version is in force for ${start.slice(0, 7)}.`);
  return row;
}

/** The same as a subquery, for a query that joins prices or commitments in one round trip. */
export function versionInForceSql(dayOrPeriod: string): SQL<string> {
  return sql<string>`(select pv.id from price_versions pv where pv.effective_from <= ${monthStartOf(
    dayOrPeriod,
  )}::date order by pv.effective_from desc limit 1)`;
}

/** A version's commitments: tier id → currency → amount (USD is every tier's fallback, §2.1). */
export async function commitmentsOfVersion(
  db: DbOrTx,
  versionId: string,
  tierIds?: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const rows = await db
    .select()
    .from(tierCommitments)
    .where(
      tierIds
        ? and(eq(tierCommitments.versionId, versionId), inArray(tierCommitments.tierId, [...tierIds]))
        : eq(tierCommitments.versionId, versionId),
    );
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const entry = out.get(row.tierId) ?? {};
    entry[row.currency] = row.amount;
    out.set(row.tierId, entry);
  }
  return out;
}

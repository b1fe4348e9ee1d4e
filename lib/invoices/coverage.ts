import "server-only";
import { and, asc, count, gt, inArray, isNotNull, isNull, lt, notInArray, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts } from "@/db/schema";
import { periodEnd, periodStart } from "@/lib/billing";

/**
 * The contracts a run for `period` covers: every contract whose paid window meets the month, in any state
 * that has been paid (suspended and cancelled included, for their last period). Pending and failed
 * provisioning never bill; trials have no paid start yet.
 */
export function coveredContractsWhere(period: string): SQL {
  return and(
    notInArray(contracts.state, ["pending", "provisioning_failed"]),
    isNotNull(contracts.paidStart),
    lt(contracts.paidStart, periodEnd(period)),
    or(isNull(contracts.endDate), gt(contracts.endDate, periodStart(period))),
  ) as SQL;
}

export async function countCoveredContracts(db: DbOrTx, period: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contracts).where(coveredContractsWhere(period));
  return Number(row?.n ?? 0);
}

/** One page of covered contract ids in id order (keyset pagination, so memory stays flat). */
export async function listCoveredContractIds(
  db: DbOrTx,
  period: string,
  page: { after: string | null; limit: number; onlyIds?: readonly string[] },
): Promise<string[]> {
  const conditions = [coveredContractsWhere(period)];
  if (page.after) conditions.push(gt(contracts.id, page.after));
  if (page.onlyIds) conditions.push(inArray(contracts.id, [...page.onlyIds]));
  const rows = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(...conditions))
    .orderBy(asc(contracts.id))
    .limit(page.limit);
  return rows.map((row) => row.id);
}

/** Walks every covered contract in pages of `batchSize` ids. */
export async function* pageCoveredContracts(
  db: DbOrTx,
  period: string,
  batchSize: number,
  startAfter: string | null = null,
): AsyncGenerator<string[]> {
  let after = startAfter;
  for (;;) {
    const ids = await listCoveredContractIds(db, period, { after, limit: batchSize });
    if (ids.length === 0) return;
    yield ids;
    after = ids.at(-1) ?? null;
    if (ids.length < batchSize) return;
  }
}

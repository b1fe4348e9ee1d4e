import "server-only";
import { and, asc, gt, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, usageProjections } from "@/db/schema";
import { isIsoDate, periodStart, type RatingInput, ratePeriod, tierInForce } from "@/lib/billing";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors/app-error";
import { loadCatalogue } from "@/lib/invoices/catalogue-loader";
import { type LoadedContract, loadContractInputs } from "@/lib/invoices/contract-loader";
import { log } from "@/lib/log";
import { onTier, rateProjected } from "./projection";

/** The states whose month is projected: paid ones (suspended keeps billing, §3) and trials. */
export const PROJECTED_STATES = ["active", "suspended", "trial"] as const;

const BATCH_SIZE = 500;

export type RefreshProjectionsResult = {
  period: string;
  /** Rows written (one per contract with a day in the month). */
  stored: number;
  /** Contracts that could not be rated (logged); their earlier row of this month is left as it was. */
  failed: number;
  /** Rows removed: contracts no longer covered, or with no day in the month. */
  removed: number;
};

type ProjectionRow = typeof usageProjections.$inferInsert;

/**
 * Rates the current month of every contract in PROJECTED_STATES (or only `contractIds`) with the billing
 * engine, month to date and projected to the month's end (lib/dashboard/projection.ts), and stores one row
 * per contract in usage_projections. A trial, which has no paid start, is rated as if paid from the 1st on
 * its tier: what converting would cost. Contracts are loaded, rated and written in batches of 500 ids, one
 * upsert per batch in its own transaction; a contract that cannot be rated is logged and skipped.
 */
export async function refreshProjections(
  db: Db,
  input: { today: string; contractIds?: readonly string[]; batchSize?: number },
): Promise<RefreshProjectionsResult> {
  const { today } = input;
  if (!isIsoDate(today)) throw new AppError("validation", "today must be a date YYYY-MM-DD");
  const period = today.slice(0, 7);
  const only = input.contractIds ? [...new Set(input.contractIds)] : null;
  const result: RefreshProjectionsResult = { period, stored: 0, failed: 0, removed: 0 };
  if (only?.length === 0) return result;

  const currencies = new Set(await coveredCurrencies(db, only));
  let catalogue = await loadCatalogue(db, period, [...currencies]);
  const batchSize = input.batchSize ?? BATCH_SIZE;
  let after: string | null = null;
  for (;;) {
    const batch = await listCovered(db, { after, limit: batchSize, only });
    if (batch.length === 0) break;
    after = batch.at(-1)?.id ?? null;
    // A contract ordered since the run began may bring a currency whose prices are not loaded yet.
    if (batch.some((c) => !currencies.has(c.currency))) {
      for (const c of batch) currencies.add(c.currency);
      catalogue = await loadCatalogue(db, period, [...currencies]);
    }
    const trials = new Set(batch.filter((c) => c.paidStart === null).map((c) => c.id));
    const rows: ProjectionRow[] = [];
    const gone: string[] = [];
    const computedAt = now();
    const loaded = await loadContractInputs(
      db,
      catalogue,
      batch.map((c) => c.id),
      { asOf: today },
    );
    for (const contract of loaded) {
      try {
        const trial = trials.has(contract.contractId);
        const row = projectContract(contract, { trial, today, period, computedAt });
        if (row) rows.push(row);
        else gone.push(contract.contractId);
      } catch (error) {
        result.failed += 1;
        log.warn({ err: error, contractId: contract.contractId, period }, "[projections] contract skipped");
      }
    }
    await db.transaction(async (tx) => {
      if (rows.length > 0) await tx.insert(usageProjections).values(rows).onConflictDoUpdate(upsert);
      if (gone.length > 0) {
        const removed = await tx
          .delete(usageProjections)
          .where(inArray(usageProjections.contractId, gone))
          .returning({ id: usageProjections.contractId });
        result.removed += removed.length;
      }
    });
    result.stored += rows.length;
    if (batch.length < batchSize) break;
  }
  result.removed += await removeUncovered(db, period, only);
  return result;
}

/** One contract's row, or null when it has no day in the month. Throws BillingError when it cannot be rated. */
function projectContract(
  loaded: LoadedContract,
  at: { trial: boolean; today: string; period: string; computedAt: Date },
): ProjectionRow | null {
  const { trial } = at;
  const input = trial ? asPaidFromFirst(loaded.input, at.today) : loaded.input;
  const toDate = ratePeriod(input, { asOf: at.today });
  const projected = rateProjected(input, at.today);
  if (!toDate.billable || !projected.billable) return null;
  const customers = new Set<string>();
  for (const line of toDate.lines) if (line.type === "usage") customers.add(line.customer);
  return {
    contractId: loaded.contractId,
    resellerId: loaded.resellerId,
    period: at.period,
    asOf: at.today,
    currency: toDate.currency,
    tierCode: toDate.tier,
    trial,
    consumption: toDate.consumption,
    commitment: toDate.commitment,
    rampUpWaived: toDate.rampUpWaived,
    topUp: toDate.topUp,
    projectedConsumption: projected.consumption,
    projectedTopUp: projected.topUp,
    projectedTotal: projected.total,
    customers: customers.size,
    computedAt: at.computedAt,
  };
}

/**
 * A trial (no paid start) rated as if paid from the 1st of the month on the tier it is on today: what
 * converting would cost (Acronis bills a mid-month switch for the whole month, §3). The loader already
 * reads its usage from the 1st; the tier history starts at the trial's start, so it is replaced.
 */
function asPaidFromFirst(input: RatingInput, today: string): RatingInput {
  const first = periodStart(input.period);
  const tier = tierInForce(input.contract.tiers, today);
  return onTier({ ...input, contract: { ...input.contract, paidStart: first } }, tier);
}

/** Every column but the key replaced by the new row's value. */
const upsert = {
  target: usageProjections.contractId,
  set: Object.fromEntries(
    (
      [
        ["resellerId", "reseller_id"],
        ["period", "period"],
        ["asOf", "as_of"],
        ["currency", "currency"],
        ["tierCode", "tier_code"],
        ["trial", "trial"],
        ["consumption", "consumption"],
        ["commitment", "commitment"],
        ["rampUpWaived", "ramp_up_waived"],
        ["topUp", "top_up"],
        ["projectedConsumption", "projected_consumption"],
        ["projectedTopUp", "projected_top_up"],
        ["projectedTotal", "projected_total"],
        ["customers", "customers"],
        ["computedAt", "computed_at"],
      ] as const
    ).map(([key, column]) => [key, sql.raw(`excluded.${column}`)]),
  ),
};

const coveredWhere = (only: readonly string[] | null) =>
  and(inArray(contracts.state, [...PROJECTED_STATES]), only ? inArray(contracts.id, [...only]) : undefined);

async function coveredCurrencies(db: Db, only: readonly string[] | null): Promise<string[]> {
  const rows = await db
    .selectDistinct({ currency: contracts.currency })
    .from(contracts)
    .where(coveredWhere(only));
  return rows.map((row) => row.currency);
}

/** One page of covered contracts in id order (keyset pagination: memory stays flat). */
async function listCovered(
  db: Db,
  page: { after: string | null; limit: number; only: readonly string[] | null },
): Promise<{ id: string; paidStart: string | null; currency: string }[]> {
  return db
    .select({ id: contracts.id, paidStart: contracts.paidStart, currency: contracts.currency })
    .from(contracts)
    .where(and(coveredWhere(page.only), page.after ? gt(contracts.id, page.after) : undefined))
    .orderBy(asc(contracts.id))
    .limit(page.limit);
}

/**
 * Rows of contracts that are no longer covered (cancelled, gone back to pending…) or of an earlier month;
 * with `only`, just those contracts' rows.
 */
async function removeUncovered(db: Db, period: string, only: readonly string[] | null): Promise<number> {
  const covered = db.select({ id: contracts.id }).from(contracts).where(coveredWhere(null));
  const stale = or(notInArray(usageProjections.contractId, covered), ne(usageProjections.period, period));
  const removed = await db
    .delete(usageProjections)
    .where(only ? and(inArray(usageProjections.contractId, [...only]), stale) : stale)
    .returning({ id: usageProjections.contractId });
  return removed.length;
}

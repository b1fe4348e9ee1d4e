import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts, contractTierHistory, tiers } from "@/db/schema";
import { type ContractTerms, isPeriod, periodEnd, periodStart } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import type { ContractState } from "./transitions";

/** Exactly the `contract` input of lib/billing's `ratePeriod`, plus what a billing run also needs. */
export type BillingTerms = ContractTerms & { currency: string; state: ContractState };

/**
 * Billing terms of many contracts in ONE query (contracts × tier history × tiers). Never-paid contracts
 * (a trial, or an order that never ran paid) have no paid start and are left out. With `period`, only
 * contracts with an active day in it are returned. Tier history entries sharing a day keep the last one
 * recorded, so lib/billing's "latest `from` on or before the day" picks the tier actually in force.
 */
export async function getBillingTerms(
  db: DbOrTx,
  contractIds: readonly string[],
  period?: string,
): Promise<Map<string, BillingTerms>> {
  if (period !== undefined && !isPeriod(period)) throw new AppError("validation", "Period must be YYYY-MM.");
  const result = new Map<string, BillingTerms>();
  if (contractIds.length === 0) return result;
  const rows = await db
    .select({
      id: contracts.id,
      state: contracts.state,
      currency: contracts.currency,
      paidStart: contracts.paidStart,
      endDate: contracts.endDate,
      rampUpCycles: contracts.rampUpCycles,
      from: contractTierHistory.effectiveFrom,
      tier: tiers.code,
    })
    .from(contracts)
    .innerJoin(contractTierHistory, eq(contractTierHistory.contractId, contracts.id))
    .innerJoin(tiers, eq(tiers.id, contractTierHistory.tierId))
    .where(inArray(contracts.id, [...new Set(contractIds)]))
    .orderBy(asc(contracts.id), asc(contractTierHistory.effectiveFrom), asc(contractTierHistory.createdAt));

  for (const row of rows) {
    if (!row.paidStart) continue;
    if (period && !hasActiveDay(row.paidStart, row.endDate, period)) continue;
    let terms = result.get(row.id);
    if (!terms) {
      terms = {
        paidStart: row.paidStart,
        endDate: row.endDate,
        rampUpCycles: row.rampUpCycles,
        tiers: [],
        currency: row.currency.trim(),
        state: row.state,
      };
      result.set(row.id, terms);
    }
    const last = terms.tiers.at(-1);
    if (last && last.from === row.from) last.tier = row.tier;
    else terms.tiers.push({ from: row.from, tier: row.tier });
  }
  return result;
}

function hasActiveDay(paidStart: string, endDate: string | null, period: string): boolean {
  const start = paidStart > periodStart(period) ? paidStart : periodStart(period);
  const end = endDate && endDate < periodEnd(period) ? endDate : periodEnd(period);
  return start < end;
}

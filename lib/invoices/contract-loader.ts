import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts, contractTierHistory, resellers } from "@/db/schema";
import {
  addDays,
  type PriceEntry,
  periodEnd,
  periodStart,
  type RatingInput,
  type UsageRow,
} from "@/lib/billing";
import { customerBilledIn } from "@/lib/usage/billed";
import { type Catalogue, priceGroupKey } from "./catalogue-loader";

/** One contract ready to rate: the engine's input (usage keyed by customer id) and display names. */
export type LoadedContract = {
  contractId: string;
  resellerId: string;
  input: RatingInput;
  /** Customer id → name: the engine keys usage by id because two customers may share a name. */
  customerNames: Map<string, string>;
};

/**
 * One (contract, customer): its name and its usage packed in one text column, one entry per SKU,
 * "<sku id> <value> <last day>" separated by ";" (ids, decimals and dates never contain either).
 * Fifteen SKUs cross the wire and the driver's parser as one row instead of fifteen: parsing rows was a
 * third of the Node work of a billing run.
 */
type CustomerUsage = {
  contract_id: string;
  customer_id: string;
  customer_name: string;
  usage: string | null;
};

/**
 * Builds the rating input of every contract in `contractIds` with one query per kind of data. Usage is
 * pre-aggregated inside each contract's active window: per (customer, SKU) one entry that carries the peak
 * (or the last day's value for `last` SKUs) and its last day, which the engine aggregates to the same
 * quantity as the raw daily rows — and a month of snapshots never has to cross the wire. A window covering
 * the whole month reads that entry from the monthly rollup (usage_monthly); a partial one aggregates the
 * daily snapshots.
 * `asOf` clips usage for estimates (then the window is partial unless it reaches the month's end).
 */
export async function loadContractInputs(
  db: DbOrTx,
  catalogue: Catalogue,
  contractIds: readonly string[],
  options: {
    asOf?: string | null;
    /** Aggregate the daily snapshots even for whole-month windows (tests compare it with the rollup). */
    dailyOnly?: boolean;
  } = {},
): Promise<LoadedContract[]> {
  if (contractIds.length === 0) return [];
  const ids = [...contractIds];
  const { period } = catalogue;
  const usageEnd = options.asOf ? addDays(options.asOf, 1) : periodEnd(period);
  // Trial customers' usage is stored and shown but never rated (domain.md §4), in estimates too.
  const billed = customerBilledIn("cu", periodEnd(period));

  const [termRows, historyRows, usageRows] = await Promise.all([
    db
      .select({
        id: contracts.id,
        resellerId: contracts.resellerId,
        currency: contracts.currency,
        tierId: contracts.tierId,
        paidStart: contracts.paidStart,
        endDate: contracts.endDate,
        rampUpCycles: contracts.rampUpCycles,
        taxRatePercent: resellers.taxRatePercent,
        adjustmentKind: resellers.priceAdjustmentKind,
        adjustmentPercent: resellers.priceAdjustmentPercent,
      })
      .from(contracts)
      .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
      .where(inArray(contracts.id, ids))
      .orderBy(asc(contracts.id)),
    db
      .select({
        contractId: contractTierHistory.contractId,
        tierId: contractTierHistory.tierId,
        from: contractTierHistory.effectiveFrom,
      })
      .from(contractTierHistory)
      .where(inArray(contractTierHistory.contractId, ids))
      .orderBy(asc(contractTierHistory.contractId), asc(contractTierHistory.effectiveFrom)),
    db.execute<CustomerUsage>(sql`
      with w as (
        select c.id, c.reseller_id,
          greatest(${periodStart(period)}::date, c.paid_start) as s,
          least(${periodEnd(period)}::date, coalesce(c.end_date, ${periodEnd(period)}::date), ${usageEnd}::date) as e
        from contracts c where c.id in ${sql.raw(`(${ids.map((id) => `'${uuidLiteral(id)}'`).join(",")})`)}
      ),
      -- A window covering the whole month reads the monthly rollup (kept exact by triggers on the snapshots).
      wf as (select w.*, ${options.dailyOnly ? sql`false` : sql`w.s = ${periodStart(period)}::date and w.e = ${periodEnd(period)}::date`} as whole from w)
      select wf.id as contract_id, cu.id as customer_id, cu.name as customer_name,
        (select string_agg(m.sku_id::text || ' ' ||
            (case when k.aggregation = 'last' then m.last_value else m.peak end)::text || ' ' || m.last_day::text, ';')
          from usage_monthly m join skus k on k.id = m.sku_id
          where m.customer_id = cu.id and m.month = ${periodStart(period)}::date) as usage
      from wf
      join customers cu on cu.reseller_id = wf.reseller_id
      where wf.whole and ${billed}
      union all
      select wf.id as contract_id, cu.id as customer_id, cu.name as customer_name,
        (select string_agg(a.sku_id::text || ' ' ||
            coalesce(case when k.aggregation = 'last' then (select l.value from usage_snapshots l
              where l.customer_id = cu.id and l.sku_id = a.sku_id and l.day = a.last_day) end, a.peak)::text
            || ' ' || a.last_day::text, ';')
          -- Per customer, a range scan of the (customer, sku, day) key: cost grows with the batch, not the table.
          from (select u.sku_id, max(u.value) as peak, max(u.day) as last_day from usage_snapshots u
                where u.customer_id = cu.id and u.day >= wf.s and u.day < wf.e group by u.sku_id) a
          join skus k on k.id = a.sku_id) as usage
      from wf
      join customers cu on cu.reseller_id = wf.reseller_id
      where not wf.whole and ${billed}`),
  ]);

  const tiersByContract = groupBy(historyRows, (row) => row.contractId);
  const usageByContract = groupBy([...usageRows], (row) => row.contract_id);
  return termRows.map((terms) => {
    const history = tiersByContract.get(terms.id) ?? [];
    const paidStart = terms.paidStart ?? periodStart(period);
    const contractTiers =
      history.length > 0
        ? history.map((row) => ({
            from: row.from,
            tier: catalogue.tierCodeById.get(row.tierId) ?? row.tierId,
          }))
        : [{ from: paidStart, tier: catalogue.tierCodeById.get(terms.tierId) ?? terms.tierId }];
    const customerNames = new Map<string, string>();
    const usage: UsageRow[] = [];
    for (const row of usageByContract.get(terms.id) ?? []) {
      if (row.usage === null) continue; // a customer without usage in the window
      customerNames.set(row.customer_id, row.customer_name);
      unpackUsage(row.customer_id, row.usage, catalogue.skuCodeById, usage);
    }
    const input: RatingInput = {
      period,
      currency: terms.currency,
      baseCurrency: catalogue.baseCurrency,
      contract: { paidStart, endDate: terms.endDate, rampUpCycles: terms.rampUpCycles, tiers: contractTiers },
      tiers: catalogue.tiers,
      skus: catalogue.skus,
      prices: pricesFor(catalogue, contractTiers, terms.currency),
      distributorDiscountPercent: catalogue.distributorDiscountPercent,
      resellerAdjustment:
        terms.adjustmentKind && terms.adjustmentPercent
          ? { kind: terms.adjustmentKind, percent: terms.adjustmentPercent }
          : null,
      fxRates: catalogue.fxRates,
      taxRatePercent: terms.taxRatePercent,
      usage,
    };
    return { contractId: terms.id, resellerId: terms.resellerId, input, customerNames };
  });
}

/** Appends the entries of a packed usage column (see CustomerUsage) to `out`. */
export function unpackUsage(
  customer: string,
  packed: string,
  skuCodeById: ReadonlyMap<string, string>,
  out: UsageRow[],
): void {
  let start = 0;
  while (start < packed.length) {
    let end = packed.indexOf(";", start);
    if (end < 0) end = packed.length;
    const skuEnd = packed.indexOf(" ", start);
    const valueEnd = packed.indexOf(" ", skuEnd + 1);
    // Three fields, the last an ISO date: anything else is refused, not billed.
    if (skuEnd < 0 || valueEnd < 0 || end - valueEnd - 1 !== 10)
      throw new Error(`Malformed usage entry: ${packed}`);
    const skuId = packed.slice(start, skuEnd);
    out.push({
      customer,
      sku: skuCodeById.get(skuId) ?? skuId,
      date: packed.slice(valueEnd + 1, end),
      value: packed.slice(skuEnd + 1, valueEnd),
    });
    start = end + 1;
  }
}

/** The prices a contract on `contractTiers` can use: its currency's and the base currency's, per tier. */
export function pricesFor(
  catalogue: Catalogue,
  contractTiers: readonly { tier: string }[],
  currency: string,
): PriceEntry[] {
  const entries: PriceEntry[] = [];
  const seen = new Set<string>();
  for (const { tier } of contractTiers) {
    for (const cur of new Set([currency, catalogue.baseCurrency])) {
      const key = priceGroupKey(tier, cur);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push(...(catalogue.pricesByTierCurrency.get(key) ?? []));
    }
  }
  return entries;
}

// Ids go into the SQL text (a literal list plans better than thousands of parameters); they are UUIDs
// from our own query, and this check keeps anything else out.
function uuidLiteral(id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`Not a UUID: ${id}`);
  return id;
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

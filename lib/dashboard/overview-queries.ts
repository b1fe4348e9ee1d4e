import "server-only";
import { type AnyColumn, and, asc, eq, gte, inArray, lt, lte, max, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, invoices, resellers, tiers, usageProjections } from "@/db/schema";
import { addDays, type FxRate } from "@/lib/billing";
import { shiftPeriod } from "@/lib/invoices/periods";
import type { AdminUsageOverview } from "./types";

/**
 * The overview's queries (lib/dashboard/overview.ts): each one aggregate or one bounded list, whatever the
 * number of resellers. Amounts come back as exact decimal text in their own currency.
 */

export const BELOW_COMMITMENT_LIMIT = 20;
const FASTEST_GROWING_LIMIT = 10;
const TRIAL_WINDOW_DAYS = 14;

/** Issued (or paid) invoices count as billed; drafts are not billed yet and voided ones were never owed. */
const BILLED = ["issued", "paid"] as const;

/**
 * For each invoice date, the latest stored rate of every pair with the base currency on either side dated
 * on or before it: all findFxRate needs (§5.4), however long the rate history is.
 */
export async function fxRatesOn(db: Db, dates: readonly string[]): Promise<Map<string, FxRate[]>> {
  const rows = await db.execute<FxRate & { on: string }>(sql`
    select d.invoice_date::text as "on", r."from", r."to", r.rate, r.date
    from (values ${sql.join(
      dates.map((date) => sql`(${date}::date)`),
      sql`, `,
    )}) as d(invoice_date)
    cross join lateral (
      select distinct on (from_currency, to_currency)
        from_currency as "from", to_currency as "to", rate::text as rate, date::text as date
      from fx_rates
      where date <= d.invoice_date
        and (select base_currency from distributor_settings where id = 1) in (from_currency, to_currency)
      order by from_currency, to_currency, date desc, created_at desc
    ) r`);
  const byDate = new Map<string, FxRate[]>();
  for (const { on, ...rate } of rows) byDate.set(on, [...(byDate.get(on) ?? []), rate]);
  return byDate;
}

/** A sum as exact text, zero when no row matches (`filter` narrows the rows summed). */
const sumText = (column: AnyColumn, filter?: SQL) =>
  filter
    ? sql<string>`coalesce(sum(${column}) filter (where ${filter}), 0)::text`
    : sql<string>`coalesce(sum(${column}), 0)::text`;

/** Billed invoices of the closed months in [first, current), summed per (period, currency). */
export function billedByMonth(db: Db, first: string, current: string) {
  return db
    .select({
      period: invoices.period,
      currency: invoices.currency,
      invoices: sql<number>`count(*)::int`,
      consumption: sumText(invoices.consumption),
      topUps: sumText(invoices.topUp),
      commitments: sumText(invoices.commitment),
      waived: sumText(invoices.commitment, sql`${invoices.rampUpWaived}`),
      total: sumText(invoices.total),
    })
    .from(invoices)
    .where(
      and(inArray(invoices.status, [...BILLED]), gte(invoices.period, first), lt(invoices.period, current)),
    )
    .groupBy(invoices.period, invoices.currency);
}

/** The current month's paid contracts projected to its end, per currency (trials are not billed). */
export function projectedByCurrency(db: Db, current: string) {
  const paid = sql`not ${usageProjections.trial}`;
  return db
    .select({
      currency: usageProjections.currency,
      contracts: sql<number>`(count(*) filter (where ${paid}))::int`,
      consumption: sumText(usageProjections.projectedConsumption, paid),
      topUps: sumText(usageProjections.projectedTopUp, paid),
      commitments: sumText(usageProjections.commitment, paid),
      waived: sumText(usageProjections.commitment, sql`${paid} and ${usageProjections.rampUpWaived}`),
      total: sumText(usageProjections.projectedTotal, paid),
      computedAt: max(usageProjections.computedAt),
    })
    .from(usageProjections)
    .where(eq(usageProjections.period, current))
    .groupBy(usageProjections.currency);
}

/** Raw amounts (4 decimals) as stored; formatted in the contract's currency once ranked. */
export type BelowRow = AdminUsageOverview["belowCommitment"][number];

/**
 * Paid contracts projected to pay a top-up: the largest gaps of each currency (the overall largest, once
 * converted, are among them), so a thousand resellers never come back whole.
 */
export function belowCommitmentCandidates(db: Db, current: string) {
  return db.execute<BelowRow>(sql`
    select "resellerId", name, tier, currency, consumption, commitment, "projectedConsumption",
      "projectedTopUp", "rampUpWaived"
    from (
      select p.reseller_id as "resellerId", r.name, coalesce(t.name, p.tier_code) as tier, p.currency,
        p.consumption::text as consumption, p.commitment::text as commitment,
        p.projected_consumption::text as "projectedConsumption", p.projected_top_up::text as "projectedTopUp",
        p.ramp_up_waived as "rampUpWaived",
        row_number() over (partition by p.currency order by p.projected_top_up desc, r.name) as n
      from usage_projections p
      join resellers r on r.id = p.reseller_id
      left join tiers t on t.code = p.tier_code
      where p.period = ${current} and not p.trial and not p.ramp_up_waived and p.projected_top_up > 0
    ) ranked
    where n <= ${BELOW_COMMITMENT_LIMIT}`);
}

/**
 * This month's projected consumption against last month's billed consumption, per reseller and currency;
 * ranked by growth in SQL (a ratio, so currencies compare), the percent itself computed exactly in JS.
 * A reseller new this month (nothing billed last month) ranks after every measurable growth.
 */
export function fastestGrowing(db: Db, current: string) {
  const previous = shiftPeriod(current, -1);
  return db.execute<{
    resellerId: string;
    name: string;
    currency: string;
    previous: string;
    projected: string;
  }>(sql`
    with prev as (
      select reseller_id, currency, sum(consumption) as amount from invoices
      where period = ${previous} and status in ('issued', 'paid')
      group by reseller_id, currency
    ), proj as (
      select reseller_id, currency, sum(projected_consumption) as amount from usage_projections
      where period = ${current} and not trial
      group by reseller_id, currency
    )
    select r.id as "resellerId", r.name, coalesce(proj.currency, prev.currency) as currency,
      coalesce(prev.amount, 0)::text as previous, coalesce(proj.amount, 0)::text as projected
    from proj
    full join prev on prev.reseller_id = proj.reseller_id and prev.currency = proj.currency
    join resellers r on r.id = coalesce(proj.reseller_id, prev.reseller_id)
    where coalesce(prev.amount, 0) > 0 or coalesce(proj.amount, 0) > 0
    order by case when prev.amount > 0 then (coalesce(proj.amount, 0) - prev.amount) / prev.amount end
      desc nulls last, coalesce(proj.amount, 0) desc, r.name
    limit ${FASTEST_GROWING_LIMIT}`);
}

/** Trials ending today or in the next 14 days, soonest first, with their projection if a sync ran. */
export function trialsEnding(db: Db, current: string, today: string) {
  return db
    .select({
      resellerId: contracts.resellerId,
      name: resellers.name,
      tier: tiers.name,
      currency: contracts.currency,
      trialEndsOn: sql<string>`${contracts.trialEndsOn}::text`,
      customers: usageProjections.customers,
      projectedConsumption: usageProjections.projectedConsumption,
    })
    .from(contracts)
    .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
    .innerJoin(tiers, eq(tiers.id, contracts.tierId))
    .leftJoin(
      usageProjections,
      and(eq(usageProjections.contractId, contracts.id), eq(usageProjections.period, current)),
    )
    .where(
      and(
        eq(contracts.state, "trial"),
        gte(contracts.trialEndsOn, today),
        lte(contracts.trialEndsOn, addDays(today, TRIAL_WINDOW_DAYS)),
      ),
    )
    .orderBy(asc(contracts.trialEndsOn), asc(resellers.name));
}

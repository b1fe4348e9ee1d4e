import "server-only";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contracts, resellers, tierCommitments, tiers } from "@/db/schema";
import { contractState } from "@/db/schema/enums";
import { dec, formatMoney } from "@/lib/billing/money";
import { commitmentsInCurrencies } from "@/lib/catalogue/commitment";
import { versionInForceSql } from "@/lib/catalogue/price-versions";
import { PROMO_CODE } from "@/lib/contracts/tier-targets";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";

/**
 * What a contract is, as the schema says it: a trial (`is_trial`, until converted), Promo (its tier, the
 * promotional tier of domain.md §2.1) or a paid commitment on a tier.
 */
export const contractKinds = ["trial", "commitment", "promo"] as const;
export type ContractKind = (typeof contractKinds)[number];

/** /admin/contracts: every contract, newest first, cancelled ones included. */
export const contractListSpec = {
  sorts: { started: { dir: "desc" }, reseller: { dir: "asc" }, tier: { dir: "asc" } },
  defaultSort: "started" as const,
  filters: {
    state: listFilters.oneOf(contractState.enumValues, "Pick a state from the list."),
    tier: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, "Pick a tier from the list."),
    currency: listFilters.code(3, "A currency code such as EUR."),
    kind: listFilters.oneOf(contractKinds, "Pick a kind from the list."),
  },
} satisfies ListSpec;

export type ContractListParams = ListParams<
  keyof typeof contractListSpec.sorts,
  keyof typeof contractListSpec.filters
>;

const kindSql = sql<ContractKind>`case when ${contracts.isTrial} then 'trial' when ${tiers.code} = ${PROMO_CODE} then 'promo' else 'commitment' end`;

/** The list's filters and search as conditions: the page and the export filter the same way. */
function contractWhere(params: ContractListParams): (SQL | undefined)[] {
  const f = params.filters;
  const kind = f.kind as ContractKind | undefined;
  return [
    f.state ? eq(contracts.state, f.state as (typeof contractState.enumValues)[number]) : undefined,
    f.tier ? eq(tiers.code, f.tier) : undefined,
    f.currency ? eq(contracts.currency, f.currency) : undefined,
    kind === "trial" ? sql`${contracts.isTrial}` : undefined,
    kind === "promo" ? sql`not ${contracts.isTrial} and ${tiers.code} = ${PROMO_CODE}` : undefined,
    kind === "commitment" ? sql`not ${contracts.isTrial} and ${tiers.code} <> ${PROMO_CODE}` : undefined,
    searchCondition(params.q, [resellers.name, resellers.legalName, resellers.taxId]),
  ];
}

const contractSorts = {
  started: { expr: contracts.createdAt, type: "timestamptz" },
  reseller: { expr: resellers.name, type: "text" },
  // The catalogue's order of tiers (Tier 0 … Tier 5, Promo), as every tier picker shows them.
  tier: { expr: tiers.sortOrder, type: "int8" },
} satisfies ListSource<unknown>["sorts"];

/**
 * The tier's commitment in the price version in force `today` (domain.md §2.1): the explicit amount in the
 * contract's currency when the catalogue has one, else the USD amount (converted with FX at invoicing).
 */
function commitmentColumns(today: string) {
  const amountIn = (currency: SQL | string) =>
    sql<
      string | null
    >`(select ${tierCommitments.amount} from ${tierCommitments} where ${tierCommitments.tierId} = ${contracts.tierId} and ${tierCommitments.currency} = ${currency} and ${tierCommitments.versionId} = ${versionInForceSql(today)})`;
  return { commitment: amountIn(sql`${contracts.currency}`), commitmentUsd: amountIn("USD") };
}

function pageColumns(today: string) {
  return {
    id: contracts.id,
    resellerId: contracts.resellerId,
    reseller: resellers.name,
    tier: tiers.name,
    tierId: contracts.tierId,
    tierCode: tiers.code,
    state: contracts.state,
    kind: kindSql,
    currency: contracts.currency,
    ...commitmentColumns(today),
    createdAt: contracts.createdAt,
    paidStart: contracts.paidStart,
    trialEndsOn: contracts.trialEndsOn,
    endDate: contracts.endDate,
    rampUpCycles: contracts.rampUpCycles,
    rampUpOverridden: sql<boolean>`${contracts.rampUpOverrideReason} is not null`,
  };
}

/**
 * One page of every reseller's contracts; the search matches the reseller's name, legal name or tax id. A
 * commitment the price book has only in USD is shown in the contract's currency at today's FX rate, by the
 * rule invoices use (lib/catalogue/commitment.ts; `commitmentConverted`), in three queries for the page.
 */
export async function listContractPage(db: Db, params: ContractListParams, today: string) {
  const page = await contractPage(db, params, today);
  const missing = page.rows.filter((r) => r.kind !== "trial" && r.commitment === null);
  const converted =
    missing.length > 0
      ? await commitmentsInCurrencies(
          db,
          [...new Set(missing.map((r) => r.tierId))],
          [...new Set(missing.map((r) => r.currency))],
          today,
        )
      : new Map<string, Map<string, string | null>>();
  return {
    ...page,
    rows: page.rows.map((r) => {
      const amount = missing.includes(r) ? (converted.get(r.currency)?.get(r.tierId) ?? null) : null;
      return amount === null
        ? { ...r, commitmentConverted: false }
        : { ...r, commitment: amount, commitmentConverted: true };
    }),
  };
}

function contractPage(db: Db, params: ContractListParams, today: string) {
  const columns = pageColumns(today);
  return runList(db, params, {
    sorts: contractSorts,
    id: contracts.id,
    where: contractWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...columns, ...keys })
        .from(contracts)
        .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
        .innerJoin(tiers, eq(tiers.id, contracts.tierId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) =>
      db
        .select({ one: sql`1` })
        .from(contracts)
        .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
        .innerJoin(tiers, eq(tiers.id, contracts.tierId))
        .where(where)
        .limit(limit),
  });
}

export type ContractListRow = Awaited<ReturnType<typeof listContractPage>>["rows"][number];

/** The commitment a row shows: none for a trial, else in the contract's currency, or USD as the fallback. */
export function rowCommitment(
  row: Pick<ContractListRow, "kind" | "currency" | "commitment" | "commitmentUsd">,
): { amount: string; currency: string } | null {
  if (row.kind === "trial") return null;
  if (row.commitment !== null) return { amount: row.commitment, currency: row.currency };
  if (row.commitmentUsd !== null) return { amount: row.commitmentUsd, currency: "USD" };
  return null;
}

/**
 * The filtered list (every page of it, not one) as a CSV stream in the list's order, read `batchSize` rows
 * at a time. The commitment is an exact decimal with the currency it is in (USD when the contract's own
 * currency has no explicit amount).
 */
export function exportContractList(
  db: Db,
  params: ContractListParams,
  today: string,
  options: { batchSize?: number } = {},
) {
  const columns = {
    ...pageColumns(today),
    legalName: resellers.legalName,
    taxId: resellers.taxId,
    trialStartedOn: contracts.trialStartedOn,
    rampUpOverrideReason: contracts.rampUpOverrideReason,
  };
  return exportListCsv(
    params,
    {
      sorts: contractSorts,
      id: contracts.id,
      where: contractWhere(params),
      rows: ({ keys, where, orderBy, limit }) =>
        db
          .select({ ...columns, ...keys })
          .from(contracts)
          .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
          .innerJoin(tiers, eq(tiers.id, contracts.tierId))
          .where(where)
          .orderBy(...orderBy)
          .limit(limit),
    },
    [
      { header: "contract_id", value: (r) => r.id },
      { header: "reseller", value: (r) => r.reseller },
      { header: "legal_name", value: (r) => r.legalName },
      { header: "tax_id", value: (r) => r.taxId },
      { header: "tier", value: (r) => r.tier },
      { header: "kind", value: (r) => r.kind },
      { header: "state", value: (r) => r.state },
      { header: "currency", value: (r) => r.currency },
      {
        header: "commitment",
        value: (r) => {
          const c = rowCommitment(r);
          return c ? formatMoney(dec(c.amount), c.currency) : "";
        },
      },
      { header: "commitment_currency", value: (r) => rowCommitment(r)?.currency },
      { header: "ramp_up_cycles", value: (r) => String(r.rampUpCycles) },
      { header: "ramp_up_override_reason", value: (r) => r.rampUpOverrideReason },
      { header: "started", value: (r) => isoInstant(r.createdAt) },
      { header: "trial_started_on", value: (r) => r.trialStartedOn },
      { header: "trial_ends_on", value: (r) => r.trialEndsOn },
      { header: "paid_start", value: (r) => r.paidStart },
      { header: "end_date", value: (r) => r.endDate },
    ],
    options,
  );
}

/** The filter bar's choices: tiers in the catalogue's order, and the currencies contracts are in. */
export async function contractListChoices(db: Db) {
  const [tierRows, currencies] = await Promise.all([
    db
      .select({ code: tiers.code, name: tiers.name })
      .from(tiers)
      .orderBy(asc(tiers.sortOrder), asc(tiers.code)),
    db.selectDistinct({ value: contracts.currency }).from(contracts).orderBy(contracts.currency),
  ]);
  return { tiers: tierRows, currencies: currencies.map((r) => r.value) };
}

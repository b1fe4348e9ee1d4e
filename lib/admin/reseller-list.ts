import "server-only";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contracts, customers, resellers, tiers } from "@/db/schema";
import { resellerStatus } from "@/db/schema/enums";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";
import { customerSinceSql } from "./queries";

/** /admin/resellers: newest first, so a reseller just created or signed up is on the first page. */
export const resellerListSpec = {
  sorts: { created: { dir: "desc" }, name: { dir: "asc" }, country: { dir: "asc" } },
  defaultSort: "created" as const,
  filters: {
    status: listFilters.oneOf(resellerStatus.enumValues, "Pick a status from the list."),
    tier: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, "Pick a tier from the list."),
    currency: listFilters.code(3, "A currency code such as EUR."),
    country: listFilters.code(2, "A country code such as DE."),
  },
} satisfies ListSpec;

export type ResellerListParams = ListParams<
  keyof typeof resellerListSpec.sorts,
  keyof typeof resellerListSpec.filters
>;

const liveContract = sql`${contracts.resellerId} = ${resellers.id} and ${contracts.state} <> 'cancelled'`;

/** The list's filters and search as conditions: the page and the export filter the same way. */
function resellerWhere(params: ResellerListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    f.status ? eq(resellers.status, f.status as (typeof resellerStatus.enumValues)[number]) : undefined,
    f.tier ? eq(tiers.code, f.tier) : undefined,
    f.currency ? eq(resellers.currency, f.currency) : undefined,
    f.country ? eq(resellers.country, f.country) : undefined,
    searchCondition(params.q, [
      resellers.name,
      resellers.legalName,
      resellers.taxId,
      resellers.billingEmail,
      resellers.acronisAdminLogin,
    ]),
  ];
}

const resellerSorts = {
  created: { expr: resellers.createdAt, type: "timestamptz" },
  name: { expr: resellers.name, type: "text" },
  country: { expr: resellers.country, type: "bpchar" },
} satisfies ListSource<unknown>["sorts"];

/** One page of resellers with their live contract (at most one: `contracts_one_live_per_reseller`). */
export async function listResellerPage(db: Db, params: ResellerListParams) {
  const columns = {
    id: resellers.id,
    name: resellers.name,
    country: resellers.country,
    currency: resellers.currency,
    status: resellers.status,
    createdAt: resellers.createdAt,
    customerSince: customerSinceSql,
    tier: tiers.name,
    state: contracts.state,
    customers: sql<number>`(select count(*) from ${customers} where ${customers.resellerId} = ${resellers.id})::int`,
  };
  return runList(db, params, {
    sorts: resellerSorts,
    id: resellers.id,
    where: resellerWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...columns, ...keys })
        .from(resellers)
        .leftJoin(contracts, liveContract)
        .leftJoin(tiers, eq(tiers.id, contracts.tierId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) =>
      db
        .select({ one: sql`1` })
        .from(resellers)
        .leftJoin(contracts, liveContract)
        .leftJoin(tiers, eq(tiers.id, contracts.tierId))
        .where(where)
        .limit(limit),
  });
}

const resellerExportColumns = {
  id: resellers.id,
  name: resellers.name,
  legalName: resellers.legalName,
  status: resellers.status,
  tier: tiers.name,
  currency: resellers.currency,
  country: resellers.country,
  taxId: resellers.taxId,
  billingEmail: resellers.billingEmail,
  acronisLogin: resellers.acronisAdminLogin,
  createdAt: resellers.createdAt,
};

/**
 * The filtered list (every page of it, not one) as a CSV stream in the list's order, read `batchSize` rows
 * at a time (issue 16 item 3).
 */
export function exportResellerList(db: Db, params: ResellerListParams, options: { batchSize?: number } = {}) {
  return exportListCsv(
    params,
    {
      sorts: resellerSorts,
      id: resellers.id,
      where: resellerWhere(params),
      rows: ({ keys, where, orderBy, limit }) =>
        db
          .select({ ...resellerExportColumns, ...keys })
          .from(resellers)
          .leftJoin(contracts, liveContract)
          .leftJoin(tiers, eq(tiers.id, contracts.tierId))
          .where(where)
          .orderBy(...orderBy)
          .limit(limit),
    },
    [
      { header: "name", value: (r) => r.name },
      { header: "legal_name", value: (r) => r.legalName },
      { header: "status", value: (r) => r.status },
      { header: "tier", value: (r) => r.tier },
      { header: "currency", value: (r) => r.currency },
      { header: "country", value: (r) => r.country },
      { header: "tax_id", value: (r) => r.taxId },
      { header: "billing_email", value: (r) => r.billingEmail },
      { header: "acronis_login", value: (r) => r.acronisLogin },
      { header: "added", value: (r) => isoInstant(r.createdAt) },
    ],
    options,
  );
}

/** The filter bar's choices: tiers in their order, and the currencies and countries resellers have. */
export async function resellerListChoices(db: Db) {
  const [tierRows, currencies, countries] = await Promise.all([
    db
      .select({ code: tiers.code, name: tiers.name })
      .from(tiers)
      .orderBy(asc(tiers.sortOrder), asc(tiers.code)),
    db.selectDistinct({ value: resellers.currency }).from(resellers).orderBy(resellers.currency),
    db.selectDistinct({ value: resellers.country }).from(resellers).orderBy(resellers.country),
  ]);
  return {
    tiers: tierRows,
    currencies: currencies.map((r) => r.value),
    countries: countries.map((r) => r.value),
  };
}

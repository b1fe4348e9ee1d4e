import "server-only";
import { eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { customers } from "@/db/schema";
import { periodEnd } from "@/lib/billing";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters, parseListParams } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { likePattern, searchCondition } from "@/lib/lists/search";
import { customerBilledIn } from "@/lib/usage/billed";

/**
 * One reseller's customers (issue 16): the portal's /portal/customers (the signed-in reseller) and the back
 * office's /admin/resellers/<id>/customers (the reseller in the URL) page, filter, search and export them
 * the same way. Every query is scoped to the one reseller id it is given.
 */
export const customerListSpec = {
  sorts: { name: { dir: "asc" }, folder: { dir: "asc" }, since: { dir: "desc" } },
  defaultSort: "name" as const,
  filters: {
    billing: listFilters.oneOf(["billed", "trial"], "Pick billed or trial from the list."),
    status: listFilters.oneOf(["enabled", "disabled"], "Pick enabled or disabled from the list."),
    folder: z.string().max(200, "A folder path of at most 200 characters."),
  },
} satisfies ListSpec;

export type CustomerListParams = ListParams<
  keyof typeof customerListSpec.sorts,
  keyof typeof customerListSpec.filters
>;

/** A customer as the lists show it. */
export type CustomerListRow = {
  id: string;
  name: string;
  /** Folders and sub-partners between the reseller's tenant and the customer ("" when direct). */
  path: string;
  acronisTenantId: string;
  enabled: boolean;
  pricingMode: string;
  /** Trial: when Acronis switches it to production; production: when it was switched. */
  productionStartDate: Date | null;
  /** Whether its usage of this month is billed (false: "Trial — not billed"), by the billing loader's rule. */
  billed: boolean;
  /** When the usage sync first found it. */
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** The latest day with usage synced (YYYY-MM-DD), or null. */
  lastUsageDay: string | null;
};

/** This month's billing rule on the `customers` row (the same SQL function as the billing loader). */
function billedSql(today: string): SQL<boolean> {
  return sql<boolean>`${customerBilledIn("customers", periodEnd(today.slice(0, 7)))}`;
}

// The latest month with usage by the primary key (customer, month, sku) read backwards, then its SKUs'
// last days: a handful of index rows per customer, however many years of history it has.
const lastUsageDaySql = sql<string | null>`(
  select max(m.last_day)::text from usage_monthly m
  where m.customer_id = ${customers.id}
    and m.month = (
      select m2.month from usage_monthly m2 where m2.customer_id = ${customers.id}
      order by m2.month desc limit 1
    )
)`;

const UUID_CHARS = /^[0-9a-f-]{4,36}$/i;

/** The reseller, the list's filters and its search as conditions: the page and the export filter alike. */
function customerWhere(resellerId: string, params: CustomerListParams, today: string): (SQL | undefined)[] {
  const f = params.filters;
  const q = params.q;
  return [
    eq(customers.resellerId, resellerId),
    f.billing === "billed" ? billedSql(today) : undefined,
    f.billing === "trial" ? sql`not ${billedSql(today)}` : undefined,
    f.status ? eq(customers.enabled, f.status === "enabled") : undefined,
    // A folder and everything under it: its path starts with the text typed (any case).
    f.folder ? ilike(customers.path, likePattern(f.folder).slice(1)) : undefined,
    q
      ? or(
          searchCondition(q, [customers.name, customers.path]),
          // A tenant id, whole or in part (pasted from the Acronis console), only when it could be one.
          UUID_CHARS.test(q) ? ilike(sql`${customers.acronisTenantId}::text`, likePattern(q)) : undefined,
        )
      : undefined,
  ];
}

const customerSorts = {
  name: { expr: customers.name, type: "text" },
  folder: { expr: customers.path, type: "text" },
  since: { expr: customers.firstSeenAt, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

function customerColumns(today: string) {
  return {
    id: customers.id,
    name: customers.name,
    path: customers.path,
    acronisTenantId: customers.acronisTenantId,
    enabled: customers.enabled,
    pricingMode: customers.pricingMode,
    productionStartDate: customers.productionStartDate,
    billed: billedSql(today),
    firstSeenAt: customers.firstSeenAt,
    lastSeenAt: customers.lastSeenAt,
    lastUsageDay: lastUsageDaySql,
  };
}

/** The list's source for one reseller: its page and its export read the same rows. */
function customerSource(
  db: DbOrTx,
  resellerId: string,
  params: CustomerListParams,
  today: string,
): ListSource<CustomerListRow> {
  const columns = customerColumns(today);
  return {
    sorts: customerSorts,
    id: customers.id,
    where: customerWhere(resellerId, params, today),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...columns, ...keys })
        .from(customers)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(customers).where(where).limit(limit),
  };
}

/** One page of the reseller's customers, with the capped count of those matching. */
export function listCustomerPage(db: DbOrTx, resellerId: string, params: CustomerListParams, today: string) {
  return runList(db, params, customerSource(db, resellerId, params, today));
}

/** An overview shows this many customers and links to the full list. */
export const CUSTOMER_PREVIEW_SIZE = 10;

/**
 * The reseller's first customers by name and how many it has (counted up to the lists' cap): the preview
 * the portal's overview and the back office's reseller record show above "All N customers →".
 */
export async function customerListPreview(db: DbOrTx, resellerId: string, today: string) {
  const params = parseListParams(customerListSpec, { size: String(CUSTOMER_PREVIEW_SIZE) });
  const page = await listCustomerPage(db, resellerId, params, today);
  return { rows: page.rows, count: page.count };
}

/** The billing column as the badge says it. */
export function billingLabel(row: Pick<CustomerListRow, "billed" | "pricingMode">): string {
  if (!row.billed) return "Trial — not billed";
  return row.pricingMode === "suspended" ? "suspended — billed" : "production";
}

/** The reseller's filtered customers (every page, in the list's order) as a CSV stream. */
export function exportCustomerList(
  db: DbOrTx,
  resellerId: string,
  params: CustomerListParams,
  today: string,
  options: { batchSize?: number } = {},
) {
  return exportListCsv(
    params,
    customerSource(db, resellerId, params, today),
    [
      { header: "name", value: (r) => r.name },
      { header: "folder", value: (r) => r.path },
      { header: "acronis_tenant_id", value: (r) => r.acronisTenantId },
      { header: "billing", value: billingLabel },
      { header: "pricing_mode", value: (r) => r.pricingMode },
      { header: "production_start", value: (r) => isoInstant(r.productionStartDate) },
      { header: "status", value: (r) => (r.enabled ? "enabled" : "disabled") },
      { header: "since", value: (r) => isoInstant(r.firstSeenAt) },
      { header: "last_usage_day", value: (r) => r.lastUsageDay },
    ],
    options,
  );
}

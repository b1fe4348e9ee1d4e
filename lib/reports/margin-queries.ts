import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { MarginFilters } from "./margin-filters";

/**
 * The margin report's SQL: sums of invoice lines (sell = amount, cost = cost_amount, the distributor's cost
 * kept per line, §2.2) of issued and paid invoices, grouped in SQL so a thousand resellers come back as a
 * few rows per month. Amounts are exact decimal text in the invoice's currency.
 */

/** Issued (or since paid) invoices were billed; drafts are not yet and voided ones were never owed. */
export const MARGIN_STATUSES = ["issued", "paid"] as const;

function where(filters: Pick<MarginFilters, "from" | "to" | "resellerId" | "currency">): SQL {
  const parts: SQL[] = [
    sql`i.status in ('issued', 'paid')`,
    sql`i.period >= ${filters.from}`,
    sql`i.period <= ${filters.to}`,
  ];
  if (filters.resellerId) parts.push(sql`i.reseller_id = ${filters.resellerId}`);
  if (filters.currency) parts.push(sql`i.currency = ${filters.currency}`);
  return sql.join(parts, sql` and `);
}

export type ResellerSums = {
  period: string;
  resellerId: string;
  resellerName: string;
  currency: string;
  invoices: number;
  sell: string;
  cost: string;
};

/** Per month, reseller and invoice currency. A line without a cost (a top-up, a waiver) costs nothing. */
export function marginByReseller(db: Db, filters: MarginFilters) {
  return db.execute<ResellerSums>(sql`
    select i.period, i.reseller_id as "resellerId", r.name as "resellerName", i.currency::text as currency,
      count(distinct i.id)::int as invoices,
      coalesce(sum(l.amount), 0)::text as sell, coalesce(sum(l.cost_amount), 0)::text as cost
    from invoices i
    join resellers r on r.id = i.reseller_id
    left join invoice_lines l on l.invoice_id = i.id
    where ${where(filters)}
    group by i.period, i.reseller_id, r.name, i.currency
    order by i.period, r.name, i.reseller_id, i.currency`);
}

export type ServiceSums = {
  period: string;
  currency: string;
  lineType: "usage" | "commitment_topup" | "commitment_waived";
  skuCode: string | null;
  skuName: string | null;
  lines: number;
  sell: string;
  cost: string;
};

/** Per month, invoice currency and service (SKU); top-up and waiver lines as services of their own. */
export function marginByService(db: Db, filters: MarginFilters) {
  return db.execute<ServiceSums>(sql`
    select i.period, i.currency::text as currency, l.type::text as "lineType", l.sku_code as "skuCode",
      max(s.name) as "skuName", count(*)::int as lines,
      coalesce(sum(l.amount), 0)::text as sell, coalesce(sum(l.cost_amount), 0)::text as cost
    from invoices i
    join invoice_lines l on l.invoice_id = i.id
    left join skus s on s.code = l.sku_code
    where ${where(filters)}
    group by i.period, i.currency, l.type, l.sku_code`);
}

/** The filters' choices: resellers and currencies that have billed invoices. */
export async function marginChoices(db: Db) {
  const [resellers, currencies] = await Promise.all([
    db.execute<{ id: string; name: string }>(sql`
      select r.id, r.name from resellers r
      where exists (select 1 from invoices i where i.reseller_id = r.id and i.status in ('issued', 'paid'))
      order by r.name, r.id`),
    db.execute<{ currency: string }>(sql`
      select distinct currency::text as currency from invoices where status in ('issued', 'paid')
      order by currency`),
  ]);
  return { resellers: [...resellers], currencies: currencies.map((c) => c.currency) };
}

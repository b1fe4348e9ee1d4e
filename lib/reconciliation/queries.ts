import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { activeWindow, periodEnd, periodStart } from "@/lib/billing";
import type { AcronisQuantity, BilledQuantity, ReconCustomer, ReconReseller, ReconSku } from "./compare";

/**
 * Reconciliation's SQL. Invoices count when issued or since paid: drafts are not billed yet and a voided
 * invoice was never owed (its usage shows as not billed). Quantities come back as exact decimal text.
 */

const uuidList = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Months with issued invoices, newest first: the months a check compares. */
export async function listClosedMonths(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ period: string }>(sql`
    select distinct period::text as period from invoices where status in ('issued', 'paid') order by period desc`);
  return rows.map((r) => r.period);
}

export type DatacenterRef = { id: string; name: string };

/** The datacenters whose resellers have issued invoices for `period`: the ones a check asks. */
export async function datacentersToCheck(db: DbOrTx, period: string): Promise<DatacenterRef[]> {
  const rows = await db.execute<DatacenterRef>(sql`
    select d.id, d.name from acronis_datacenters d
    where exists (select 1 from invoices i join resellers r on r.id = i.reseller_id
                  where r.datacenter_id = d.id and i.period = ${period} and i.status in ('issued', 'paid'))
    order by d.is_default desc, d.name`);
  return [...rows];
}

export type StoredCheck = {
  reportId: number;
  datacenterId: string;
  datacenterName: string;
  fetchedAt: Date;
  rowCount: number;
  fromDay: string;
  toDay: string;
};

/** The newest reconciliation report of `period` per datacenter: a newer check supersedes an older one. */
export async function latestChecks(db: DbOrTx, period: string): Promise<StoredCheck[]> {
  const rows = await db.execute<Omit<StoredCheck, "fetchedAt"> & { fetchedAt: string | Date }>(sql`
    select distinct on (a.datacenter_id) a.id::int as "reportId", a.datacenter_id as "datacenterId",
      d.name as "datacenterName", a.fetched_at as "fetchedAt", a.row_count as "rowCount",
      a.from_day::text as "fromDay", a.to_day::text as "toDay"
    from acronis_usage_reports a join acronis_datacenters d on d.id = a.datacenter_id
    where a.period = ${periodStart(period)}::date and a.purpose = 'reconciliation'
    order by a.datacenter_id, a.fetched_at desc, a.id desc`);
  return rows
    .map((r) => ({ ...r, reportId: Number(r.reportId), fetchedAt: new Date(r.fetchedAt) }))
    .sort((a, b) => (a.datacenterName < b.datacenterName ? -1 : 1));
}

/** Every SKU in catalogue order, with what turns Acronis units into billing units. */
export async function loadSkus(db: DbOrTx): Promise<ReconSku[]> {
  const rows = await db.execute<ReconSku>(sql`
    select code, name, unit, aggregation::text as aggregation, divisor::text as divisor
    from skus order by sort_order, code`);
  return [...rows];
}

type Window = { resellerId: string; start: string; end: string };

/**
 * Each invoiced reseller's billed window in `period` (domain.md §5 step 1, lib/billing's own activeWindow):
 * usage outside it was never billed, so Acronis's figures are read inside it too. Several invoices in one
 * month (a contract ended, another began) span from the first start to the last end.
 */
async function billedWindows(db: DbOrTx, period: string, datacenterIds: string[]): Promise<Window[]> {
  const rows = await db.execute<{ resellerId: string; paidStart: string | null; endDate: string | null }>(sql`
    select i.reseller_id as "resellerId", c.paid_start::text as "paidStart", c.end_date::text as "endDate"
    from invoices i join contracts c on c.id = i.contract_id join resellers r on r.id = i.reseller_id
    where i.period = ${period} and i.status in ('issued', 'paid') and r.datacenter_id = any(${uuidList(datacenterIds)})`);
  const windows = new Map<string, Window>();
  for (const row of rows) {
    const w = activeWindow(period, {
      paidStart: row.paidStart ?? periodStart(period),
      endDate: row.endDate,
      rampUpCycles: 0,
      tiers: [],
    });
    if (!w) continue;
    const seen = windows.get(row.resellerId);
    windows.set(row.resellerId, {
      resellerId: row.resellerId,
      start: seen && seen.start < w.start ? seen.start : w.start,
      end: seen && seen.end > w.end ? seen.end : w.end,
    });
  }
  return [...windows.values()];
}

/**
 * Acronis's production usage per reseller, customer and SKU from the stored reports, in Acronis units: each
 * day summed over its rows (storage on several infrastructures of one SKU), then the month's largest day and
 * its latest day inside the reseller's billed window (the whole month for a reseller with no invoice).
 * Customers are matched by tenant id on read, so one synced after the check still counts as known.
 */
async function acronisQuantities(
  db: DbOrTx,
  period: string,
  reportIds: number[],
  windows: Window[],
): Promise<AcronisQuantity[]> {
  const rows = await db.execute<AcronisQuantity>(sql`
    with w as (
      select * from jsonb_to_recordset(${JSON.stringify(windows)}::jsonb) as w("resellerId" uuid, start date, "end" date)
    ),
    daily as (
      select cu.reseller_id, cu.id as customer_id, s.code as sku_code, r.to_day as day, sum(r.quantity) as q
      from acronis_usage_report_rows r
      join customers cu on cu.acronis_tenant_id = r.acronis_tenant_id
      join skus s on s.id = r.sku_id
      left join w on w."resellerId" = cu.reseller_id
      where r.report_id = any(${`{${reportIds.join(",")}}`}::bigint[])
        and r.from_day >= coalesce(w.start, ${periodStart(period)}::date)
        and r.to_day < coalesce(w."end", ${periodEnd(period)}::date)
      group by 1, 2, 3, 4
    )
    select reseller_id as "resellerId", customer_id as "customerId", sku_code as "skuCode",
      max(q)::text as peak, (array_agg(q order by day desc))[1]::text as last
    from daily group by 1, 2, 3`);
  return [...rows];
}

/** The usage lines of the month's issued invoices of these datacenters' resellers, per customer and SKU. */
async function billedQuantities(
  db: DbOrTx,
  period: string,
  datacenterIds: string[],
): Promise<BilledQuantity[]> {
  const rows = await db.execute<BilledQuantity>(sql`
    select i.reseller_id as "resellerId", l.customer_id as "customerId", l.sku_code as "skuCode",
      sum(l.quantity)::text as quantity, max(l.unit_price)::text as "unitPrice", i.currency::text as currency
    from invoice_lines l
    join invoices i on i.id = l.invoice_id
    join resellers r on r.id = i.reseller_id
    where i.period = ${period} and i.status in ('issued', 'paid') and l.type = 'usage'
      and l.customer_id is not null and l.sku_code is not null
      and r.datacenter_id = any(${uuidList(datacenterIds)})
    group by 1, 2, 3, 6`);
  return [...rows];
}

export type UnmatchedRow = {
  reason: "unknown_customer" | "not_billed";
  acronisTenantId: string;
  customerName: string | null;
  resellerName: string | null;
  acronisName: string;
  infraId: string | null;
  /** The largest day in Acronis's units (bytes, seconds, items). */
  peak: string;
  days: number;
  note: string | null;
};

/**
 * Report rows Tierline does not bill, by tenant, offering item and storage: tenants it does not know (a
 * customer never synced, or a partner outside Tierline), and items no SKU bills (partner-owned storage,
 * unclassified storage, items Tierline does not sell). Only production usage: what Acronis charges.
 */
async function unmatchedRows(db: DbOrTx, reportIds: number[]): Promise<UnmatchedRow[]> {
  const rows = await db.execute<UnmatchedRow>(sql`
    select case when cu.id is null then 'unknown_customer' else 'not_billed' end as reason,
      r.acronis_tenant_id as "acronisTenantId", cu.name as "customerName", re.name as "resellerName",
      r.acronis_name as "acronisName", r.infra_id as "infraId", max(r.quantity)::text as peak,
      count(distinct r.to_day)::int as days, max(r.note) as note
    from acronis_usage_report_rows r
    left join customers cu on cu.acronis_tenant_id = r.acronis_tenant_id
    left join resellers re on re.id = cu.reseller_id
    where r.report_id = any(${`{${reportIds.join(",")}}`}::bigint[]) and r.quantity > 0
      and (cu.id is null or r.sku_id is null)
    group by 1, 2, 3, 4, 5, 6
    order by 1 desc, re.name nulls last, cu.name nulls last, r.acronis_tenant_id, r.acronis_name, r.infra_id nulls first`);
  return [...rows];
}

export type ReconciliationData = {
  skus: ReconSku[];
  resellers: ReconReseller[];
  customers: ReconCustomer[];
  acronis: AcronisQuantity[];
  billed: BilledQuantity[];
  unmatched: UnmatchedRow[];
};

/** Everything the comparison of `period` needs, for the datacenters of `checks` (their latest reports). */
export async function loadReconciliationData(
  db: DbOrTx,
  period: string,
  checks: readonly StoredCheck[],
): Promise<ReconciliationData> {
  const datacenterIds = checks.map((c) => c.datacenterId);
  const reportIds = checks.map((c) => c.reportId);
  const windows = await billedWindows(db, period, datacenterIds);
  const [skus, acronis, billed, unmatched, resellers] = await Promise.all([
    loadSkus(db),
    acronisQuantities(db, period, reportIds, windows),
    billedQuantities(db, period, datacenterIds),
    unmatchedRows(db, reportIds),
    db.execute<ReconReseller>(sql`
      select r.id, r.name, exists (select 1 from invoices i where i.reseller_id = r.id and i.period = ${period}
        and i.status in ('issued', 'paid')) as invoiced
      from resellers r where r.datacenter_id = any(${uuidList(datacenterIds)})`),
  ]);
  const customerIds = [...new Set([...acronis, ...billed].map((r) => r.customerId))];
  const customers = await db.execute<ReconCustomer>(sql`
    select id, name, path, reseller_id as "resellerId" from customers where id = any(${uuidList(customerIds)})`);
  return { skus, resellers: [...resellers], customers: [...customers], acronis, billed, unmatched };
}

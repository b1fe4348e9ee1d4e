import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays, periodEnd } from "@/lib/billing";
import { customerBilledIn } from "./billed";

/** A reseller's customer as the portal and back office list it. */
export type CustomerListRow = {
  id: string;
  name: string;
  acronisTenantId: string;
  enabled: boolean;
  /** Folders and sub-partners between the reseller's tenant and the customer ("" when direct). */
  path: string;
  pricingMode: "trial" | "production" | "suspended";
  /** Trial: when Acronis switches it to production; production: when it was switched (ISO), or null. */
  productionStartDate: string | null;
  /** Whether its usage of the month containing `today` is billed (false: "Trial — not billed"). */
  billed: boolean;
  /** Services with usage this month and the latest day synced. */
  services: number;
  lastDay: string | null;
  lastSeenAt: string;
};

type Row = {
  id: string;
  name: string;
  acronis_tenant_id: string;
  enabled: boolean;
  path: string;
  pricing_mode: CustomerListRow["pricingMode"];
  production_start_date: string | Date | null;
  billed: boolean;
  services: number;
  last_day: string | null;
  last_seen_at: string | Date;
};

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * Every customer of the reseller, by path then name, with whether this month's usage is billed (the billing
 * loader's own rule, `customerBilledIn`) and what it used this month. Read per customer along the snapshots'
 * key (customer, SKU, day), so years of history are never scanned.
 */
export async function listCustomers(
  db: DbOrTx,
  resellerId: string,
  today: string,
): Promise<CustomerListRow[]> {
  const period = today.slice(0, 7);
  const since = `${period}-01`;
  const until = addDays(today, 1);
  const rows = await db.execute<Row>(sql`
    select c.id, c.name, c.acronis_tenant_id, c.enabled, c.path, c.pricing_mode, c.production_start_date,
      ${customerBilledIn("c", periodEnd(period))} as billed,
      coalesce(u.services, 0)::int as services, u.last_day::text as last_day, c.last_seen_at
    from customers c
    left join lateral (
      select count(distinct s.sku_id) as services, max(s.day) as last_day from usage_snapshots s
      where s.customer_id = c.id and s.day >= ${since}::date and s.day < ${until}::date
    ) u on true
    where c.reseller_id = ${resellerId}
    order by c.path, c.name, c.id`);
  return [...rows].map((r) => ({
    id: r.id,
    name: r.name,
    acronisTenantId: r.acronis_tenant_id,
    enabled: r.enabled,
    path: r.path,
    pricingMode: r.pricing_mode,
    productionStartDate: r.production_start_date ? iso(r.production_start_date) : null,
    billed: r.billed,
    services: Number(r.services),
    lastDay: r.last_day,
    lastSeenAt: iso(r.last_seen_at),
  }));
}

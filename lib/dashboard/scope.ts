import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, invoices, resellers, skus } from "@/db/schema";
import { addDays, periodEnd } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { periodState } from "@/lib/invoices/periods";
import { customerBilledIn } from "@/lib/usage/billed";

/** The month a dashboard shows on `today`: the current one by default; a future month is refused. */
export function dashboardMonth(month: string | undefined, today: string) {
  const period = month ?? today.slice(0, 7);
  const state = periodState(period, today);
  if (state === "future")
    throw new AppError("validation", `${period} has not started yet: choose this month or an earlier one.`);
  // The last usage day counted: today for the current month, the last day of a closed one.
  const asOf = state === "current" ? today : addDays(periodEnd(period), -1);
  return { period, state, asOf, clipAt: state === "current" ? today : null } as const;
}

/** A reseller the back office names by id: 404 when it does not exist. */
export async function requireReseller(db: DbOrTx, resellerId: string) {
  const [row] = await db
    .select({ id: resellers.id, name: resellers.name, currency: resellers.currency })
    .from(resellers)
    .where(eq(resellers.id, resellerId));
  if (!row) throw new AppError("not_found", "Reseller not found.");
  return row;
}

/**
 * A customer of this reseller, or 404: another reseller's customer does not exist for the caller. `billed`
 * says whether its usage of `period` (`YYYY-MM`; null when none is named) is billed, by the billing loader's
 * own rule (trial customers are not: domain.md §4); `path` is where it sits under
 * the reseller's tenant (folders, sub-partners; "" when direct).
 */
export async function requireCustomerOf(db: DbOrTx, resellerId: string, customerId: string, period?: string) {
  const [row] = await db
    .select({
      id: customers.id,
      name: customers.name,
      enabled: customers.enabled,
      path: customers.path,
      pricingMode: customers.pricingMode,
      billed: period ? sql<boolean>`${customerBilledIn("customers", periodEnd(period))}` : sql<null>`null`,
    })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.resellerId, resellerId)));
  if (!row) throw new AppError("not_found", "Customer not found.");
  return row;
}

/** A service filter must name a known SKU. */
export async function requireSku(db: DbOrTx, code: string) {
  const [row] = await db.select({ code: skus.code }).from(skus).where(eq(skus.code, code));
  if (!row) throw new AppError("not_found", `Unknown service: ${code}.`);
  return row.code;
}

/**
 * When usage was last synced for this reseller: the latest snapshot write around `asOf`. Read pair by pair
 * (customer, SKU, the two days: a range of the key), so years of history are never scanned.
 */
export async function lastSyncOf(db: DbOrTx, resellerId: string, asOf: string): Promise<string | null> {
  const [row] = await db.execute<{ at: string | null }>(sql`
    select max(l.at) as at
    from customers c cross join skus k
    cross join lateral (
      select max(u.synced_at) as at from usage_snapshots u
      where u.customer_id = c.id and u.sku_id = k.id
        and u.day between ${addDays(asOf, -1)}::date and ${asOf}::date
    ) l
    where c.reseller_id = ${resellerId}`);
  return row?.at ? new Date(row.at).toISOString() : null;
}

/** The contract's invoice for a period once issued (drafts are the back office's, never shown). */
export async function issuedInvoiceOf(db: DbOrTx, contractId: string, period: string) {
  const [row] = await db
    .select({ id: invoices.id, number: invoices.number, status: invoices.status, total: invoices.total })
    .from(invoices)
    .where(
      and(eq(invoices.contractId, contractId), eq(invoices.period, period), ne(invoices.status, "draft")),
    );
  return row ?? null;
}

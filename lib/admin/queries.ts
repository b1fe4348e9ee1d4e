import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, customers, emailOutbox, resellers, tiers, usageSyncRuns } from "@/db/schema";

export async function getAdminOverview(db: Db) {
  const [counts] = await db
    .select({
      resellers: sql<number>`(select count(*) from ${resellers})::int`,
      liveContracts: sql<number>`(select count(*) from ${contracts} where ${contracts.state} in ('active','trial','suspended'))::int`,
      trials: sql<number>`(select count(*) from ${contracts} where ${contracts.state} = 'trial')::int`,
      failed: sql<number>`(select count(*) from ${contracts} where ${contracts.state} = 'provisioning_failed')::int`,
      customers: sql<number>`(select count(*) from ${customers})::int`,
      queuedEmails: sql<number>`(select count(*) from ${emailOutbox} where ${emailOutbox.status} = 'queued')::int`,
    })
    .from(sql`(select 1) as one`);
  return counts!;
}

/**
 * A reseller is a customer since its first contract's paid start (or, for a trial never converted, the day
 * it was ordered); without any contract, since it was approved, else since its row was created.
 */
export const customerSinceSql = sql<string>`coalesce(
  (select min(coalesce(k.paid_start, (k.created_at at time zone 'UTC')::date))
     from contracts k where k.reseller_id = ${resellers.id}),
  (${resellers.approvedAt} at time zone 'UTC')::date,
  (${resellers.createdAt} at time zone 'UTC')::date)::text`;

export async function listResellers(db: Db) {
  return db
    .select({
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
    })
    .from(resellers)
    .leftJoin(contracts, sql`${contracts.resellerId} = ${resellers.id} and ${contracts.state} <> 'cancelled'`)
    .leftJoin(tiers, eq(tiers.id, contracts.tierId))
    .orderBy(asc(resellers.name));
}

export async function getOutboxEmail(db: Db, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  return row ?? null;
}

/** How many sync runs the Acronis page shows; every run is on /admin/acronis/syncs. */
export const LATEST_SYNC_RUNS = 10;

/** The latest usage sync runs, newest first (the Acronis page). */
export async function listSyncRuns(db: Db, limit = LATEST_SYNC_RUNS) {
  return db.select().from(usageSyncRuns).orderBy(desc(usageSyncRuns.id)).limit(limit);
}

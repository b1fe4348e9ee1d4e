import "server-only";
import { isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, resellers } from "@/db/schema";
import type { AcronisClient } from "@/lib/acronis";

export type SyncError = { tenantId?: string; message: string };
export type KnownCustomer = { customerId: string; acronisTenantId: string; resellerId: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Resellers that have an Acronis partner tenant. */
export async function syncableResellers(db: DbOrTx) {
  return db
    .select({ id: resellers.id, tenantId: resellers.acronisTenantId })
    .from(resellers)
    .where(isNotNull(resellers.acronisTenantId))
    .orderBy(resellers.createdAt);
}

/**
 * Reads one reseller's customer tenants from Acronis and upserts `customers` (new ones created, name and
 * enabled kept current, last_seen_at = now). Customers are never created in Acronis by us.
 */
export async function discoverCustomers(
  db: DbOrTx,
  acronis: AcronisClient,
  reseller: { id: string; tenantId: string },
  now: Date,
): Promise<KnownCustomer[]> {
  const tenants = await acronis.listChildTenants(reseller.tenantId, { kinds: ["customer"] });
  if (tenants.length === 0) return [];
  const rows = await db
    .insert(customers)
    .values(
      tenants.map((t) => ({
        resellerId: reseller.id,
        acronisTenantId: t.id,
        name: t.name,
        enabled: t.enabled,
        firstSeenAt: now,
        lastSeenAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: customers.acronisTenantId,
      set: {
        name: sql`excluded.name`,
        enabled: sql`excluded.enabled`,
        lastSeenAt: sql`excluded.last_seen_at`,
      },
    })
    .returning({
      customerId: customers.id,
      acronisTenantId: customers.acronisTenantId,
      resellerId: customers.resellerId,
    });
  return rows;
}

/** Every reseller's customers, read from Acronis; a reseller that fails is reported and skipped. */
export async function discoverAllCustomers(
  db: DbOrTx,
  acronis: AcronisClient,
  now: Date,
  forEach: <T>(items: T[], fn: (item: T) => Promise<void>) => Promise<void>,
): Promise<{ customers: KnownCustomer[]; errors: SyncError[]; resellers: number }> {
  const list = await syncableResellers(db);
  const found: KnownCustomer[] = [];
  const errors: SyncError[] = [];
  await forEach(list, async (r) => {
    try {
      found.push(...(await discoverCustomers(db, acronis, { id: r.id, tenantId: r.tenantId! }, now)));
    } catch (error) {
      errors.push({ tenantId: r.tenantId!, message: `customer discovery failed: ${message(error)}` });
    }
  });
  return { customers: found, errors, resellers: list.length };
}

export { message as errorMessage };

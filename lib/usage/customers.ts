import "server-only";
import { asc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, resellers } from "@/db/schema";
import type { AcronisClient, AcronisDirectory } from "@/lib/acronis";
import type { AcronisTenant } from "@/lib/acronis/types";

export type SyncError = { tenantId?: string; message: string };
export type KnownCustomer = {
  customerId: string;
  acronisTenantId: string;
  resellerId: string;
  /** The reseller's Acronis datacenter: its usage is read there. */
  datacenterId: string;
};
export type SyncableReseller = { id: string; tenantId: string; datacenterId: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Resellers that have an Acronis partner tenant, with the datacenter it lives in. */
export async function syncableResellers(db: DbOrTx): Promise<SyncableReseller[]> {
  const rows = await db
    .select({ id: resellers.id, tenantId: resellers.acronisTenantId, datacenterId: resellers.datacenterId })
    .from(resellers)
    .where(isNotNull(resellers.acronisTenantId))
    .orderBy(asc(resellers.createdAt));
  return rows.map((r) => ({ id: r.id, tenantId: r.tenantId!, datacenterId: r.datacenterId }));
}

/** Resellers grouped by datacenter, in the order their first reseller was created. */
export function byDatacenter<T extends { datacenterId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.datacenterId);
    if (group) group.push(item);
    else groups.set(item.datacenterId, [item]);
  }
  return groups;
}

/**
 * Where a customer sits under the reseller's partner tenant: the names of the folders and sub-partners
 * between them, outermost first ("Hospitals / Sub-partner X"), "" when it is a direct child. A tenant whose
 * chain does not reach the root (Acronis listed it before its parent was visible) gets the part it has.
 */
export function subtreePath(
  tenant: Pick<AcronisTenant, "parentId">,
  rootId: string,
  byId: ReadonlyMap<string, Pick<AcronisTenant, "name" | "parentId">>,
): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let parentId = tenant.parentId;
  while (parentId !== rootId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) break;
    names.unshift(parent.name);
    parentId = parent.parentId;
  }
  return names.join(" / ");
}

/** Acronis's pricing mode as the customers row stores it (a tenant that reports none is production). */
const pricingModeOf = (t: AcronisTenant) => t.pricingMode ?? "production";

/**
 * Reads every customer tenant in one reseller's subtree from Acronis (domain.md §4: directly under its
 * partner tenant, in folders, or under its sub-partners; `GET /tenants?subtree_root_id=`) and upserts
 * `customers`: new ones created; name, enabled, path, parent, pricing mode and production start kept
 * current; last_seen_at = now. Customers are never created in Acronis by us.
 */
export async function discoverCustomers(
  db: DbOrTx,
  acronis: AcronisClient,
  reseller: SyncableReseller,
  now: Date,
): Promise<KnownCustomer[]> {
  const byId = new Map<string, AcronisTenant>();
  const found: AcronisTenant[] = [];
  for await (const t of acronis.iterateTenants({ subtreeRootId: reseller.tenantId })) {
    if (t.deletedAt !== null) continue;
    byId.set(t.id, t);
    if (t.kind === "customer") found.push(t);
  }
  if (found.length === 0) return [];
  const rows = await db
    .insert(customers)
    .values(
      found.map((t) => ({
        resellerId: reseller.id,
        acronisTenantId: t.id,
        name: t.name,
        enabled: t.enabled,
        path: subtreePath(t, reseller.tenantId, byId),
        parentTenantId: t.parentId,
        pricingMode: pricingModeOf(t),
        productionStartDate: t.productionStartDate,
        firstSeenAt: now,
        lastSeenAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: customers.acronisTenantId,
      set: {
        name: sql`excluded.name`,
        enabled: sql`excluded.enabled`,
        path: sql`excluded.path`,
        parentTenantId: sql`excluded.parent_tenant_id`,
        pricingMode: sql`excluded.pricing_mode`,
        productionStartDate: sql`excluded.production_start_date`,
        lastSeenAt: sql`excluded.last_seen_at`,
      },
    })
    .returning({
      customerId: customers.id,
      acronisTenantId: customers.acronisTenantId,
      resellerId: customers.resellerId,
    });
  return rows.map((r) => ({ ...r, datacenterId: reseller.datacenterId }));
}

/**
 * Every reseller's customers, each read from its own datacenter's Acronis; a reseller that fails (or whose
 * datacenter cannot be reached) is reported and skipped.
 */
export async function discoverAllCustomers(
  db: DbOrTx,
  directory: AcronisDirectory,
  now: Date,
  forEach: <T>(items: T[], fn: (item: T) => Promise<void>) => Promise<void>,
): Promise<{ customers: KnownCustomer[]; errors: SyncError[]; resellers: number }> {
  const list = await syncableResellers(db);
  const found: KnownCustomer[] = [];
  const errors: SyncError[] = [];
  await forEach(list, async (r) => {
    try {
      const acronis = await directory.client(r.datacenterId);
      found.push(...(await discoverCustomers(db, acronis, r, now)));
    } catch (error) {
      errors.push({ tenantId: r.tenantId, message: `customer discovery failed: ${message(error)}` });
    }
  });
  return { customers: found, errors, resellers: list.length };
}

export { message as errorMessage };

/** Customer tenant id → customer id, for the resellers of one datacenter (month close and reconciliation). */
export async function customerIdsByTenant(db: DbOrTx, datacenterId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: customers.id, tenantId: customers.acronisTenantId })
    .from(customers)
    .innerJoin(resellers, eq(resellers.id, customers.resellerId))
    .where(eq(resellers.datacenterId, datacenterId));
  return new Map(rows.map((r) => [r.tenantId, r.id]));
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { usageSyncRuns } from "@/db/schema";
import type { AcronisClient } from "@/lib/acronis";
import { utcDay } from "@/lib/clock";
import { discoverAllCustomers, errorMessage, type KnownCustomer, type SyncError } from "./customers";
import { addTo, forEachLimited, loadSkus, type SnapshotRow, upsertSnapshots } from "./snapshots";

export type UsageSyncResult = {
  runId: number;
  status: "succeeded" | "failed";
  /** Customer tenants whose usage was read. */
  tenants: number;
  /** Snapshot rows inserted or changed. */
  rows: number;
  /** Usage rows whose name is not one of our SKUs (ignored). */
  unknownRows: number;
  errors: SyncError[];
};

export type UsageSyncOptions = {
  kind: "scheduled" | "manual";
  /** The sync time: its UTC day is the snapshot day. */
  now?: Date;
  /** Parallel Acronis calls (default 4). */
  concurrency?: number;
};

const BATCH = 100;

export async function startRun(db: Db, kind: "scheduled" | "manual" | "month_close", period?: string) {
  const [run] = await db
    .insert(usageSyncRuns)
    .values({ kind, status: "running", period: period ?? null, startedAt: new Date() })
    .returning({ id: usageSyncRuns.id });
  return run!.id;
}

export async function finishRun(
  db: Db,
  runId: number,
  result: { tenants: number; rows: number; errors: SyncError[]; failed: boolean },
): Promise<"succeeded" | "failed"> {
  const status = result.failed ? "failed" : "succeeded";
  await db
    .update(usageSyncRuns)
    .set({
      status,
      finishedAt: new Date(),
      tenants: result.tenants,
      rows: result.rows,
      errors: result.errors,
    })
    .where(eq(usageSyncRuns.id, runId));
  return status;
}

/**
 * Pulls current usage of every customer of every reseller (domain.md §4): discovers customer tenants,
 * reads usage in batches of ≤ 100 tenants and upserts one snapshot per (customer, SKU, UTC day).
 * One tenant's failure is recorded in the run and does not stop the others.
 */
export async function runUsageSync(
  db: Db,
  acronis: AcronisClient,
  options: UsageSyncOptions,
): Promise<UsageSyncResult> {
  const now = options.now ?? new Date();
  const day = utcDay(now);
  const limit = options.concurrency ?? 4;
  const forEach = <T>(items: T[], fn: (item: T) => Promise<void>) => forEachLimited(items, limit, fn);
  const runId = await startRun(db, options.kind);
  const errors: SyncError[] = [];
  let tenants = 0;
  let rows = 0;
  let unknownRows = 0;
  try {
    const skus = await loadSkus(db);
    const discovered = await discoverAllCustomers(db, acronis, now, forEach);
    errors.push(...discovered.errors);
    const batches: KnownCustomer[][] = [];
    for (let i = 0; i < discovered.customers.length; i += BATCH)
      batches.push(discovered.customers.slice(i, i + BATCH));
    await forEach(batches, async (batch) => {
      const byTenant = new Map(batch.map((c) => [c.acronisTenantId, c.customerId]));
      let usage: Awaited<ReturnType<AcronisClient["getUsages"]>>;
      try {
        usage = await acronis.getUsages([...byTenant.keys()]);
      } catch (error) {
        for (const tenantId of byTenant.keys()) errors.push({ tenantId, message: errorMessage(error) });
        return;
      }
      const peak = new Map<string, SnapshotRow>();
      const last = new Map<string, SnapshotRow>();
      for (const u of usage) {
        const sku = skus.get(u.name);
        const customerId = byTenant.get(u.tenantId);
        if (!sku || !customerId) {
          unknownRows++;
          continue;
        }
        addTo(sku.aggregation === "last" ? last : peak, {
          customerId,
          skuId: sku.id,
          day,
          value: String(u.value),
        });
      }
      try {
        rows += await upsertSnapshots(db, [...peak.values()], "max", now);
        rows += await upsertSnapshots(db, [...last.values()], "latest", now);
        tenants += byTenant.size;
      } catch (error) {
        for (const tenantId of byTenant.keys())
          errors.push({ tenantId, message: `storing usage failed: ${errorMessage(error)}` });
      }
    });
  } catch (error) {
    errors.push({ message: errorMessage(error) });
  }
  const failed = tenants === 0 && errors.length > 0;
  const status = await finishRun(db, runId, { tenants, rows, errors, failed });
  return { runId, status, tenants, rows, unknownRows, errors };
}

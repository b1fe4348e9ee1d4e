import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { usageSyncRuns } from "@/db/schema";
import { type AcronisClient, type AcronisDirectory, toDirectory } from "@/lib/acronis";
import type { AcronisUsageRow } from "@/lib/acronis/types";
import { utcDay } from "@/lib/clock";
import {
  byDatacenter,
  discoverAllCustomers,
  errorMessage,
  type KnownCustomer,
  type SyncError,
} from "./customers";
import { createSkuResolver, loadSkusByAcronisName, type SkuRef, type SkuResolver } from "./sku-resolver";
import { addTo, forEachLimited, type SnapshotRow, upsertSnapshots } from "./snapshots";

export type UsageSyncResult = {
  runId: number;
  status: "succeeded" | "failed";
  /** Customer tenants whose usage was read. */
  tenants: number;
  /** Snapshot rows inserted or changed. */
  rows: number;
  /** Usage rows no SKU bills: names we sell no SKU for (ignored), or storage not classified (an error). */
  unknownRows: number;
  /** Usage rows on partner-owned storage (not billed, domain.md §4). */
  notBilledRows: number;
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

/** Collects a run's errors once per (tenant, message): a thousand rows on one unknown storage say it once. */
export function errorCollector(errors: SyncError[]) {
  const seen = new Set<string>();
  return (error: SyncError) => {
    const key = `${error.tenantId ?? ""}|${error.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(error);
  };
}

/** One SKU resolver per datacenter for a run, created on first use. */
export function resolversFor(
  db: Db,
  directory: AcronisDirectory,
  skusByName: Map<string, Map<string, SkuRef>>,
  now: Date,
) {
  const made = new Map<string, Promise<{ acronis: AcronisClient; resolver: SkuResolver }>>();
  return (datacenterId: string) => {
    let entry = made.get(datacenterId);
    if (!entry) {
      entry = (async () => {
        const acronis = await directory.client(datacenterId);
        const resolver = await createSkuResolver(db, { datacenterId, acronis, skusByName, now });
        return { acronis, resolver };
      })();
      made.set(datacenterId, entry);
    }
    return entry;
  };
}

/**
 * Pulls current usage of every customer of every reseller (domain.md §4): discovers customer tenants in each
 * reseller's subtree, reads usage in batches of ≤ 100 tenants from the reseller's datacenter and upserts one
 * snapshot per (customer, SKU, UTC day). Each row is billed by the SKU its offering item and storage owner
 * map to (sku-resolver.ts); partner-owned storage is not billed; usage on storage no SKU bills is recorded
 * as an error of the run, never dropped silently. One tenant's failure does not stop the others.
 * Trial customers' usage is stored like any other: the billing loader decides what is rated.
 */
export async function runUsageSync(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  options: UsageSyncOptions,
): Promise<UsageSyncResult> {
  const now = options.now ?? new Date();
  const day = utcDay(now);
  const limit = options.concurrency ?? 4;
  const forEach = <T>(items: T[], fn: (item: T) => Promise<void>) => forEachLimited(items, limit, fn);
  const directory = toDirectory(acronis);
  const runId = await startRun(db, options.kind);
  const errors: SyncError[] = [];
  const report = errorCollector(errors);
  let tenants = 0;
  let rows = 0;
  let unknownRows = 0;
  let notBilledRows = 0;
  try {
    const resolverOf = resolversFor(db, directory, await loadSkusByAcronisName(db), now);
    const discovered = await discoverAllCustomers(db, directory, now, forEach);
    errors.push(...discovered.errors);
    const batches: KnownCustomer[][] = [];
    for (const group of byDatacenter(discovered.customers).values())
      for (let i = 0; i < group.length; i += BATCH) batches.push(group.slice(i, i + BATCH));
    await forEach(batches, async (batch) => {
      const byTenant = new Map(batch.map((c) => [c.acronisTenantId, c.customerId]));
      let usage: AcronisUsageRow[];
      let resolver: SkuResolver;
      try {
        const dc = await resolverOf(batch[0]!.datacenterId);
        resolver = dc.resolver;
        usage = await dc.acronis.getUsages([...byTenant.keys()]);
        await resolver.prepare(usage.filter((u) => u.value > 0).map((u) => u.infraId));
      } catch (error) {
        for (const tenantId of byTenant.keys()) errors.push({ tenantId, message: errorMessage(error) });
        return;
      }
      if (resolver.refreshError)
        report({ message: `reading storage infrastructures failed: ${resolver.refreshError}` });
      const peak = new Map<string, SnapshotRow>();
      const last = new Map<string, SnapshotRow>();
      for (const u of usage) {
        const customerId = byTenant.get(u.tenantId);
        const match = resolver.resolve(u);
        if (!customerId || match.status === "unknown_name") {
          unknownRows++;
          continue;
        }
        if (match.status === "not_billed") {
          notBilledRows++;
          continue;
        }
        if (match.status !== "billed") {
          unknownRows++;
          if (u.value > 0) report({ tenantId: u.tenantId, message: match.note });
          continue;
        }
        addTo(match.sku.aggregation === "last" ? last : peak, {
          customerId,
          skuId: match.sku.id,
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
  return { runId, status, tenants, rows, unknownRows, notBilledRows, errors };
}

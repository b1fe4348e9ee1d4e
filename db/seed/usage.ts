import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "../client";
import * as s from "../schema";

/** Deterministic 0..1 from a name (no Math.random: the seed is reproducible). */
export function unit(name: string): number {
  return Number.parseInt(createHash("sha256").update(name).digest("hex").slice(0, 8), 16) / 0xffffffff;
}

/**
 * Daily snapshots from the paid start to today: stable per customer, slowly growing, with weekly noise.
 * Keyed on the customer's seeded tenant id (a name hash), not its row id, so every seed of the same day
 * gives the same figures (the demo's top-ups and tests rely on them).
 */
export async function seedUsage(
  tx: Tx,
  customers: (typeof s.customers.$inferSelect)[],
  skus: (typeof s.skus.$inferSelect)[],
  from: string,
  today: Date,
): Promise<void> {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  let batch: (typeof s.usageSnapshots.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.insert(s.usageSnapshots).values(batch).onConflictDoNothing();
    batch = [];
  };
  for (const c of customers) {
    const key = c.acronisTenantId;
    const size = 0.3 + unit(`${key}:size`) * 1.7;
    const used = skus.filter((k) => k.isMain || unit(`${key}:${k.code}`) < 0.35);
    for (const k of used) {
      const base = baseValue(k.code, size);
      if (base <= 0) continue;
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
        const d = new Date(t);
        const dayIndex = (t - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        const growth = 1 + dayIndex * 0.002;
        const noise = 0.95 + unit(`${key}:${k.code}:${t}`) * 0.1;
        let value: string;
        if (k.aggregation === "last") {
          // Compute points: seconds cumulative since the start of the month.
          value = String(Math.round(base * d.getUTCDate() * noise));
        } else if (k.acronisUnit === "bytes") {
          value = String(Math.round(base * growth * noise) * 1_048_576);
        } else {
          value = String(Math.max(0, Math.round(base * growth * noise)));
        }
        batch.push({ customerId: c.id, skuId: k.id, day: d.toISOString().slice(0, 10), value });
        if (batch.length >= 1000) await flush();
      }
    }
  }
  await flush();
}

/** A plausible starting level per SKU: counts, MiB for storage, seconds per day for compute. */
function baseValue(code: string, size: number): number {
  const table: Record<string, number> = {
    pw_base_workstations: 30,
    pw_base_servers: 5,
    pw_base_vms: 8,
    pw_base_web_hosting_servers: 2,
    pw_base_mobiles: 10,
    pw_base_m365_seats: 40,
    pw_base_gworkspace_seats: 25,
    pw_pack_adv_security: 20,
    pw_pack_adv_management: 15,
    pw_pack_adv_backup_servers: 3,
    pw_base_storage: 600 * 1024,
    pw_base_adv_dr_storage: 150 * 1024,
    pw_base_adv_dr_compute_points: 1800,
    pu_base_fc_seats: 12,
    pu_base_fc_storage: 80 * 1024,
  };
  return (table[code] ?? 0) * size;
}

/**
 * Storage that lives on one infrastructure (e.g. a hyperscaler's), billed by its own SKU: `gb` at the paid
 * start, growing and varying like the rest of the demo's storage.
 */
export async function seedStorageUsage(
  tx: Tx,
  customer: typeof s.customers.$inferSelect,
  sku: typeof s.skus.$inferSelect,
  from: string,
  today: Date,
  gb: number,
): Promise<void> {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const start = Date.parse(`${from}T00:00:00Z`);
  const rows: (typeof s.usageSnapshots.$inferInsert)[] = [];
  for (let t = start; t <= end; t += 86_400_000) {
    const growth = 1 + ((t - start) / 86_400_000) * 0.002;
    const noise = 0.97 + unit(`${customer.acronisTenantId}:${sku.code}:${t}`) * 0.06;
    const value = String(Math.round(gb * 1024 * growth * noise) * 1_048_576);
    rows.push({ customerId: customer.id, skuId: sku.id, day: new Date(t).toISOString().slice(0, 10), value });
  }
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insert(s.usageSnapshots)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}

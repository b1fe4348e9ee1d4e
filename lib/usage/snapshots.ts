import "server-only";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { usageSnapshots } from "@/db/schema";

export type SnapshotRow = { customerId: string; skuId: string; day: string; value: string };

const INSERT_CHUNK = 1000;

/**
 * One row per (customer, SKU, day): `max` keeps the day's maximum (a value never goes down), `latest` takes
 * the new value. Rows that would not change are not touched, so a repeated sync writes nothing.
 * Returns how many rows were inserted or changed.
 */
export async function upsertSnapshots(
  db: DbOrTx,
  rows: SnapshotRow[],
  mode: "max" | "latest",
  syncedAt: Date,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, syncedAt }));
    const result = await db
      .insert(usageSnapshots)
      .values(chunk)
      .onConflictDoUpdate({
        target: [usageSnapshots.customerId, usageSnapshots.skuId, usageSnapshots.day],
        set: { value: sql`excluded.value`, syncedAt: sql`excluded.synced_at` },
        setWhere:
          mode === "max"
            ? sql`excluded.value > ${usageSnapshots.value}`
            : sql`excluded.value <> ${usageSnapshots.value}`,
      })
      .returning({ day: usageSnapshots.day });
    written += result.length;
  }
  return written;
}

/** Sums values that map to one key (e.g. storage reported per infrastructure) before the upsert. */
export function addTo(map: Map<string, SnapshotRow>, row: SnapshotRow): void {
  const key = `${row.customerId}|${row.skuId}|${row.day}`;
  const existing = map.get(key);
  if (!existing) map.set(key, row);
  else existing.value = new Decimal(existing.value).plus(row.value).toFixed();
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

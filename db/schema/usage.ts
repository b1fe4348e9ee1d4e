import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { skus } from "./catalogue";
import { jobStatus, syncKind } from "./enums";
import { customers } from "./resellers";

/** One row per (customer, SKU, UTC day): the day's maximum, or the latest value for `last` SKUs. */
export const usageSnapshots = pgTable(
  "usage_snapshots",
  {
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    skuId: uuid("sku_id")
      .notNull()
      .references(() => skus.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    value: numeric("value", { precision: 30, scale: 4 }).notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.skuId, t.day] }),
    index("usage_snapshots_day_idx").on(t.day),
  ],
);

export const usageSyncRuns = pgTable("usage_sync_runs", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  kind: syncKind("kind").notNull(),
  status: jobStatus("status").notNull().default("running"),
  period: date("period"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  tenants: integer("tenants").notNull().default(0),
  rows: integer("rows").notNull().default(0),
  errors: jsonb("errors").$type<{ tenantId?: string; message: string }[]>().notNull().default([]),
});

export type UsageSnapshot = typeof usageSnapshots.$inferSelect;

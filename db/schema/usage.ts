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

/**
 * Per (customer, SKU, calendar month): the month's peak, its latest day and that day's value — what a
 * billing run needs for a contract active the whole month, so it reads one row instead of up to 31.
 * Derived data, never written by the application: triggers on usage_snapshots (migration
 * 0003_usage_monthly) recompute a month from its daily rows whenever one of them is inserted, changed or
 * deleted, so every writer (sync, month close, corrections, deletes) keeps it exact.
 */
export const usageMonthly = pgTable(
  "usage_monthly",
  {
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    skuId: uuid("sku_id")
      .notNull()
      .references(() => skus.id, { onDelete: "cascade" }),
    /** First day of the month. */
    month: date("month").notNull(),
    peak: numeric("peak", { precision: 30, scale: 4 }).notNull(),
    lastDay: date("last_day").notNull(),
    lastValue: numeric("last_value", { precision: 30, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.month, t.skuId] })],
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

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { acronisDatacenters } from "./acronis";
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

export const usageSyncRuns = pgTable(
  "usage_sync_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: syncKind("kind").notNull(),
    status: jobStatus("status").notNull().default("running"),
    period: date("period"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    tenants: integer("tenants").notNull().default(0),
    rows: integer("rows").notNull().default(0),
    errors: jsonb("errors").$type<{ tenantId?: string; message: string }[]>().notNull().default([]),
  },
  // /admin/acronis/syncs: newest first by keyset (an hourly run is 8,760 rows a year).
  (t) => [index("usage_sync_runs_started_idx").on(t.startedAt, t.id)],
);

export type UsageSnapshot = typeof usageSnapshots.$inferSelect;

/**
 * A usage report downloaded from an Acronis datacenter (`POST /reports`, csv_v2_0 or json_v2_0): kept so a
 * month close can be replayed and reconciliation (/admin/reconciliation) compares invoices with what Acronis
 * reports for the same month. Rows are in Acronis's units, production usage only.
 */
export const acronisUsageReports = pgTable(
  "acronis_usage_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datacenterId: uuid("datacenter_id")
      .notNull()
      .references(() => acronisDatacenters.id, { onDelete: "cascade" }),
    /** First day of the month reported. */
    period: date("period").notNull(),
    kind: text("kind").notNull(),
    format: text("format").notNull(),
    purpose: text("purpose").notNull(),
    fromDay: date("from_day").notNull(),
    toDay: date("to_day").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    rowCount: integer("row_count").notNull().default(0),
  },
  (t) => [
    check("acronis_usage_reports_period_first", sql`extract(day from ${t.period}) = 1`),
    check("acronis_usage_reports_kind", sql`${t.kind} in ('usage_daily', 'usage_summary')`),
    check("acronis_usage_reports_format", sql`${t.format} in ('csv_v2_0', 'json_v2_0')`),
    check("acronis_usage_reports_purpose", sql`${t.purpose} in ('month_close', 'reconciliation')`),
    check("acronis_usage_reports_range", sql`${t.fromDay} <= ${t.toDay}`),
    index("acronis_usage_reports_period_idx").on(t.period, t.datacenterId, t.fetchedAt),
  ],
);

export const acronisUsageReportRows = pgTable(
  "acronis_usage_report_rows",
  {
    reportId: bigint("report_id", { mode: "number" })
      .notNull()
      .references(() => acronisUsageReports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    acronisTenantId: uuid("acronis_tenant_id").notNull(),
    /** The customer and SKU the row was matched to; null when Tierline does not bill it (named in `note`). */
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    skuId: uuid("sku_id").references(() => skus.id, { onDelete: "set null" }),
    acronisName: text("acronis_name").notNull(),
    infraId: uuid("infra_id"),
    fromDay: date("from_day").notNull(),
    toDay: date("to_day").notNull(),
    quantity: numeric("quantity", { precision: 30, scale: 4 }).notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.line] }),
    check("acronis_usage_report_rows_quantity", sql`${t.quantity} >= 0`),
    check("acronis_usage_report_rows_range", sql`${t.fromDay} <= ${t.toDay}`),
    index("acronis_usage_report_rows_customer_idx").on(t.customerId),
  ],
);

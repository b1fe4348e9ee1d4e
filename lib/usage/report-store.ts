import "server-only";
import Decimal from "decimal.js";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { acronisUsageReportRows, acronisUsageReports } from "@/db/schema";
import type { AcronisReportRow } from "@/lib/acronis/types";
import type { SkuResolution } from "./sku-resolver";

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");

/** What a stored report is: the datacenter it came from, the month, how it was asked for and why. */
export const UsageReportMetaSchema = z
  .object({
    datacenterId: z.uuid(),
    /** `YYYY-MM`: the month the report is about. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM"),
    kind: z.enum(["usage_daily", "usage_summary"]),
    format: z.enum(["csv_v2_0", "json_v2_0"]),
    purpose: z.enum(["month_close", "reconciliation"]),
    from: DAY,
    to: DAY,
    fetchedAt: z.date().optional(),
  })
  .refine((m) => m.from <= m.to, { message: "from must not be after to", path: ["from"] });
export type UsageReportMeta = z.input<typeof UsageReportMetaSchema>;

/** One stored row: Acronis's figures for one tenant, offering item, storage and range, and what it bills. */
export type StoredReportRow = {
  /** Position in the downloaded report (1-based), so a stored row can be found in the file. */
  line: number;
  acronisTenantId: string;
  customerId: string | null;
  skuId: string | null;
  acronisName: string;
  infraId: string | null;
  from: string;
  to: string;
  /** Acronis's unit (bytes, seconds, items), production usage: what Acronis bills the distributor. */
  quantity: string;
  /** Why the row bills nothing (or what else to know about it); null for a plainly billed row. */
  note: string | null;
};

const CHUNK = 2000;

/**
 * Stores a downloaded usage report and its rows in one transaction (acronis_usage_reports,
 * acronis_usage_report_rows), so a month close can be replayed and reconciliation can compare invoices
 * with what Acronis reported. Returns the report's id.
 */
export async function storeUsageReport(
  db: DbOrTx,
  meta: UsageReportMeta,
  rows: readonly StoredReportRow[],
): Promise<number> {
  const m = UsageReportMetaSchema.parse(meta);
  return db.transaction(async (tx) => {
    const [report] = await tx
      .insert(acronisUsageReports)
      .values({
        datacenterId: m.datacenterId,
        period: `${m.period}-01`,
        kind: m.kind,
        format: m.format,
        purpose: m.purpose,
        fromDay: m.from,
        toDay: m.to,
        fetchedAt: m.fetchedAt ?? new Date(),
        rowCount: rows.length,
      })
      .returning({ id: acronisUsageReports.id });
    const reportId = report!.id;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.insert(acronisUsageReportRows).values(
        rows.slice(i, i + CHUNK).map((r) => ({
          reportId,
          line: r.line,
          acronisTenantId: r.acronisTenantId,
          customerId: r.customerId,
          skuId: r.skuId,
          acronisName: r.acronisName,
          infraId: r.infraId,
          fromDay: r.from,
          toDay: r.to,
          quantity: r.quantity,
          note: r.note,
        })),
      );
    }
    return reportId;
  });
}

/** Acronis's number as the stored decimal (4 places, half-up); a negative figure is stored as 0 with a note. */
export function reportQuantity(value: number): { quantity: string; note: string | null } {
  const d = new Decimal(value);
  if (d.isNegative()) return { quantity: "0", note: `Acronis reported a negative quantity (${value})` };
  return { quantity: d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4), note: null };
}

/**
 * A report row as stored, matched to the customer and SKU that bill it (or a note why none does). The
 * quantity is the row's production figure (`effective.production`): trial usage is reported in its own
 * columns and noted, never billed (domain.md §4).
 */
export function toStoredRow(
  line: number,
  row: AcronisReportRow,
  customerId: string | null,
  match: SkuResolution,
): StoredReportRow {
  const { quantity, note: quantityNote } = reportQuantity(row.effective.production);
  const notes: string[] = [];
  if (!customerId) notes.push("not a customer tenant Tierline knows");
  if (match.status !== "billed") notes.push(match.note);
  if (row.effective.trial > 0) notes.push(`trial usage ${row.effective.trial}: not billed`);
  if (quantityNote) notes.push(quantityNote);
  return {
    line,
    acronisTenantId: row.tenantId,
    customerId,
    skuId: match.status === "billed" ? match.sku.id : null,
    acronisName: row.name,
    infraId: row.infraId,
    from: row.from,
    to: row.to,
    quantity,
    note: notes.length > 0 ? notes.join("; ") : null,
  };
}

/** The latest stored report of a month for one datacenter and purpose (e.g. the month close's), or null. */
export async function latestUsageReport(
  db: DbOrTx,
  where: { datacenterId: string; period: string; purpose: "month_close" | "reconciliation" },
) {
  const [row] = await db
    .select()
    .from(acronisUsageReports)
    .where(
      and(
        eq(acronisUsageReports.period, `${where.period}-01`),
        eq(acronisUsageReports.datacenterId, where.datacenterId),
        eq(acronisUsageReports.purpose, where.purpose),
      ),
    )
    .orderBy(desc(acronisUsageReports.fetchedAt), desc(acronisUsageReports.id))
    .limit(1);
  return row ?? null;
}

import { stringify } from "csv-stringify/sync";
import { neutraliseCsvCell } from "@/lib/invoices/csv";
import type { Comparison, FlagReason } from "./compare";
import type { UnmatchedRow } from "./queries";

export const FLAG_LABELS: Record<FlagReason, string> = {
  not_billed: "not billed",
  over_tolerance: "beyond tolerance",
  billed_without_usage: "billed without usage",
};

const CUSTOMER_HEADER = [
  "reseller",
  "customer",
  "customer_path",
  "sku",
  "service",
  "unit",
  "acronis_quantity",
  "billed_quantity",
  "difference",
  "difference_percent",
  "unit_price",
  "at_stake",
  "currency",
  "flagged",
];

/**
 * Every customer × SKU of the month with a quantity on either side, in billing units (the page's expanded
 * rows, all of them): difference = Acronis − billed, at stake = difference × the invoice's unit price.
 */
export function reconciliationCsv(comparison: Comparison): string {
  const names = new Map(comparison.resellers.map((r) => [r.resellerId, r.name]));
  const rows = comparison.rows.map((r) =>
    [
      names.get(r.resellerId) ?? r.resellerId,
      r.customerName,
      r.customerPath,
      r.skuCode,
      r.skuName,
      r.unit,
      r.acronisQuantity,
      r.billedQuantity,
      r.difference,
      r.differencePercent ?? "",
      r.unitPrice ?? "",
      r.atStake?.amount ?? "",
      r.atStake?.currency ?? "",
      r.reason ? FLAG_LABELS[r.reason] : "",
    ].map(neutraliseCsvCell),
  );
  return stringify([CUSTOMER_HEADER, ...rows]);
}

const UNMATCHED_HEADER = [
  "reason",
  "acronis_tenant_id",
  "customer",
  "reseller",
  "offering_item",
  "infra_id",
  "peak_acronis_units",
  "days",
  "note",
];

export const UNMATCHED_LABELS: Record<UnmatchedRow["reason"], string> = {
  unknown_customer: "tenant not known to Tierline",
  not_billed: "no SKU bills it",
};

/** Acronis rows Tierline does not bill, in Acronis's own units. */
export function unmatchedCsv(rows: readonly UnmatchedRow[]): string {
  const body = rows.map((r) =>
    [
      UNMATCHED_LABELS[r.reason],
      r.acronisTenantId,
      r.customerName ?? "",
      r.resellerName ?? "",
      r.acronisName,
      r.infraId ?? "",
      r.peak,
      String(r.days),
      r.note ?? "",
    ].map(neutraliseCsvCell),
  );
  return stringify([UNMATCHED_HEADER, ...body]);
}

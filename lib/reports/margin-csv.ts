import { stringify } from "csv-stringify/sync";
import { neutraliseCsvCell } from "@/lib/invoices/csv";
import type { MarginTable } from "./margin-table";

/** The table on screen as CSV: same columns (labels as headers), same rows, then the total rows. */
export function marginCsv(table: MarginTable): string {
  const header = table.columns.map((c) => c.label);
  const body = [...table.rows, ...table.totals].map((row) =>
    table.columns.map((c) => neutraliseCsvCell(row[c.key] ?? "")),
  );
  return stringify([header, ...body]);
}

import { stringify } from "csv-stringify/sync";
import type { InvoiceDocument } from "./document";

const HEADER = [
  "invoice",
  "customer",
  "sku",
  "description",
  "quantity",
  "unit",
  "unit_price",
  "amount",
  "currency",
];

/**
 * The invoice as CSV: one row per usage line, then the top-up or waiver, consumption, tax and total rows,
 * so a spreadsheet sums to the same figures as the PDF. Amounts stay exact decimal strings.
 */
export function renderInvoiceCsv(doc: InvoiceDocument): string {
  const ref = doc.number ?? `DRAFT-${doc.id}`;
  const rows: string[][] = [HEADER];
  for (const group of doc.customers) {
    for (const line of group.lines) {
      rows.push([
        ref,
        group.customerName,
        line.skuCode,
        line.description,
        line.quantity,
        line.unit,
        line.unitPrice,
        line.amount,
        doc.currency,
      ]);
    }
  }
  const summary = (label: string, amount: string) => [ref, "", "", label, "", "", "", amount, doc.currency];
  rows.push(summary("Consumption", doc.consumption));
  if (doc.commitmentLine) rows.push(summary(doc.commitmentLine.description, doc.commitmentLine.amount));
  rows.push(summary("Subtotal", doc.subtotal));
  rows.push(summary(`Tax (${doc.taxRatePercent}%)`, doc.tax));
  rows.push(summary("Total", doc.total));
  return stringify(rows);
}

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

/** A plain decimal number, as the document prints amounts and quantities ("-12.50", "3.0000"). */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP CSV injection: a cell a spreadsheet could read as a formula (starting with = + - @, tab or CR) gets
 * a leading single quote, so a customer named `=HYPERLINK(...)` stays text. One rule for every column
 * rather than a list of "text columns": a plain decimal number is never a formula, so "-12.50" (a credit
 * or a waiver) stays a number a spreadsheet sums, while "-1+2" or "+cmd|..." in any column is neutralised.
 */
export function neutraliseCsvCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

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
  if (doc.taxNote) rows.push(summary(doc.taxNote, ""));
  rows.push(summary("Total", doc.total));
  return stringify(rows.map((row) => row.map(neutraliseCsvCell)));
}

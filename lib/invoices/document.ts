import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoiceLines, invoices, skus } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { type CustomerGroup, groupLinesByCustomer } from "./line-groups";
import { type InvoiceParties, loadDistributorDetails, loadResellerParties } from "./parties";

/** Everything domain.md §5.5 puts on an invoice, for the UI, the PDF, the CSV and the API. No cost fields. */
export type InvoiceDocument = {
  id: string;
  number: string | null;
  status: "draft" | "issued" | "paid" | "void";
  period: string;
  invoiceDate: string;
  issuedAt: string | null;
  /** Issue date + the payment terms, set at issue (null on a draft). */
  dueDate: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  currency: string;
  parties: InvoiceParties;
  tier: { code: string; name: string };
  cycle: number;
  activeDays: number;
  periodDays: number;
  commitment: string;
  rampUp: { waived: boolean; cycle: number | null; cycles: number | null };
  customers: CustomerGroup[];
  consumption: string;
  /** The top-up or the ramp-up waiver line, when there is one. */
  commitmentLine: {
    type: "commitment_topup" | "commitment_waived";
    description: string;
    amount: string;
  } | null;
  topUp: string;
  subtotal: string;
  taxRatePercent: string;
  tax: string;
  /** Printed under the tax line (the EU reverse-charge note); frozen with the draft. */
  taxNote: string | null;
  total: string;
  fx: { from: string; to: string; rate: string; date: string; source: string } | null;
};

export async function getInvoiceDocument(db: DbOrTx, invoiceId: string): Promise<InvoiceDocument> {
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw new AppError("not_found", "Invoice not found");
  const lines = await db
    .select({
      id: invoiceLines.id,
      type: invoiceLines.type,
      customerId: invoiceLines.customerId,
      customerName: invoiceLines.customerName,
      skuCode: invoiceLines.skuCode,
      description: invoiceLines.description,
      quantity: invoiceLines.quantity,
      unit: invoiceLines.unit,
      unitPrice: invoiceLines.unitPrice,
      amount: invoiceLines.amount,
      skuName: skus.name,
    })
    .from(invoiceLines)
    .leftJoin(skus, eq(skus.code, invoiceLines.skuCode))
    .where(eq(invoiceLines.invoiceId, invoice.id))
    .orderBy(asc(invoiceLines.position));
  const money = (value: string) => formatMoney(dec(value), invoice.currency);
  const shown = lines.map((line) => ({
    ...line,
    // Stored descriptions are the SKU name at drafting; fall back to today's name for old rows.
    description: line.description || line.skuName || line.skuCode || "",
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: money(line.amount),
  }));
  const commitment = shown.find((line) => line.type !== "usage");
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    period: invoice.period,
    invoiceDate: invoice.invoiceDate,
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    dueDate: invoice.dueDate ?? null,
    paidAt: invoice.paidAt?.toISOString() ?? null,
    voidedAt: invoice.voidedAt?.toISOString() ?? null,
    voidReason: invoice.voidReason,
    currency: invoice.currency,
    parties: (invoice.parties as InvoiceParties | null) ?? (await liveParties(db, invoice.resellerId)),
    tier: { code: invoice.tierCode, name: invoice.tierName },
    cycle: invoice.cycle,
    activeDays: invoice.activeDays,
    periodDays: invoice.periodDays,
    commitment: money(invoice.commitment),
    rampUp: { waived: invoice.rampUpWaived, cycle: invoice.rampUpCycle, cycles: invoice.rampUpCycles },
    customers: groupLinesByCustomer(shown, invoice.currency),
    consumption: money(invoice.consumption),
    commitmentLine:
      commitment && commitment.type !== "usage"
        ? { type: commitment.type, description: commitment.description, amount: commitment.amount }
        : null,
    topUp: money(invoice.topUp),
    subtotal: money(invoice.subtotal),
    taxRatePercent: dec(invoice.taxRatePercent).toString(),
    tax: money(invoice.tax),
    taxNote: invoice.taxNote,
    total: money(invoice.total),
    fx:
      invoice.fxFrom && invoice.fxTo && invoice.fxRate && invoice.fxDate
        ? {
            from: invoice.fxFrom,
            to: invoice.fxTo,
            rate: dec(invoice.fxRate).toString(),
            date: invoice.fxDate,
            source: invoice.fxSource ?? "",
          }
        : null,
  };
}

/** A draft shows today's details; issuing freezes them. */
async function liveParties(db: DbOrTx, resellerId: string): Promise<InvoiceParties> {
  const distributor = await loadDistributorDetails(db);
  const reseller = (await loadResellerParties(db, [resellerId])).get(resellerId);
  if (!reseller) throw new AppError("not_found", "Reseller not found");
  return { distributor: distributor.party, reseller };
}

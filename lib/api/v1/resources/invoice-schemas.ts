import { z } from "zod";
import { invoiceStatus } from "@/db/schema";
import type { InvoiceDocument } from "@/lib/invoices";
import type { Party } from "@/lib/invoices/parties";
import { pageSchema } from "../pagination";
import { currencySchema, dateSchema, moneySchema, periodSchema, timestampSchema } from "../schemas";

/** /api/v1's invoice shapes: the document (as the screen, PDF and CSV show it) and the list item. */
/** A quantity, unit price, rate or percentage: a decimal string like money, not an amount. */
export const decimalSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "A decimal number as a string (never a binary float).", example: "528.8710" });

export const invoiceStatusSchema = z
  .enum(invoiceStatus.enumValues)
  .meta({ id: "InvoiceStatus", description: "draft → issued → paid, or issued → void." });

const partySchema = z
  .object({
    name: z.string(),
    legalName: z.string(),
    addressLines: z.array(z.string()),
    country: z.string(),
    taxId: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: "InvoiceParty" });

const invoiceLineSchema = z
  .object({
    id: z.string(),
    skuCode: z.string(),
    description: z.string(),
    quantity: decimalSchema,
    unit: z.string(),
    unitPrice: decimalSchema,
    amount: moneySchema,
  })
  .meta({ id: "InvoiceLine", description: "A usage line (never the distributor's cost)." });

export const invoiceSchema = z
  .object({
    id: z.string(),
    resellerId: z.string(),
    number: z.string().nullable().meta({ description: "Gap-free, assigned at issue; null on a draft." }),
    status: invoiceStatusSchema,
    period: periodSchema,
    invoiceDate: dateSchema,
    issuedAt: timestampSchema.nullable(),
    dueDate: dateSchema.nullable().meta({ description: "Issue date plus the payment terms." }),
    paidAt: timestampSchema.nullable(),
    voidedAt: timestampSchema.nullable(),
    voidReason: z.string().nullable(),
    currency: currencySchema,
    parties: z.object({ distributor: partySchema, reseller: partySchema }),
    tier: z.object({ code: z.string(), name: z.string() }),
    cycle: z.number().int(),
    activeDays: z.number().int(),
    periodDays: z.number().int(),
    commitment: moneySchema,
    rampUp: z.object({
      waived: z.boolean(),
      cycle: z.number().int().nullable(),
      cycles: z.number().int().nullable(),
    }),
    customers: z.array(
      z
        .object({
          customerId: z.string().nullable(),
          customerName: z.string(),
          lines: z.array(invoiceLineSchema),
          subtotal: moneySchema,
        })
        .meta({ id: "InvoiceCustomer" }),
    ),
    consumption: moneySchema,
    commitmentLine: z
      .object({
        type: z.enum(["commitment_topup", "commitment_waived"]),
        description: z.string(),
        amount: moneySchema,
      })
      .nullable()
      .meta({ description: "The commitment top-up or the ramp-up waiver, when there is one." }),
    topUp: moneySchema,
    subtotal: moneySchema,
    taxRatePercent: decimalSchema,
    tax: moneySchema,
    taxNote: z.string().nullable(),
    total: moneySchema,
    fx: z
      .object({
        from: currencySchema,
        to: currencySchema,
        rate: decimalSchema,
        date: dateSchema,
        source: z.string(),
      })
      .nullable(),
  })
  .meta({
    id: "Invoice",
    description: "The invoice document: the same figures as the screen, the PDF and the CSV.",
  });
export type InvoiceJson = z.infer<typeof invoiceSchema>;

const partyJson = (p: Party) => ({
  name: p.name,
  legalName: p.legalName,
  addressLines: p.addressLines,
  country: p.country,
  taxId: p.taxId,
  email: p.email,
});

/** The document as /api/v1 writes it: every field named, so the answer is exactly the published schema. */
export function invoiceJson(doc: InvoiceDocument, resellerId: string): InvoiceJson {
  return {
    id: doc.id,
    resellerId,
    number: doc.number,
    status: doc.status,
    period: doc.period,
    invoiceDate: doc.invoiceDate,
    issuedAt: doc.issuedAt,
    dueDate: doc.dueDate,
    paidAt: doc.paidAt,
    voidedAt: doc.voidedAt,
    voidReason: doc.voidReason,
    currency: doc.currency,
    parties: { distributor: partyJson(doc.parties.distributor), reseller: partyJson(doc.parties.reseller) },
    tier: { code: doc.tier.code, name: doc.tier.name },
    cycle: doc.cycle,
    activeDays: doc.activeDays,
    periodDays: doc.periodDays,
    commitment: doc.commitment,
    rampUp: { waived: doc.rampUp.waived, cycle: doc.rampUp.cycle, cycles: doc.rampUp.cycles },
    customers: doc.customers.map((g) => ({
      customerId: g.customerId,
      customerName: g.customerName,
      lines: g.lines.map((l) => ({
        id: l.id ?? "",
        skuCode: l.skuCode,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unitPrice,
        amount: l.amount,
      })),
      subtotal: g.subtotal,
    })),
    consumption: doc.consumption,
    commitmentLine: doc.commitmentLine
      ? {
          type: doc.commitmentLine.type,
          description: doc.commitmentLine.description,
          amount: doc.commitmentLine.amount,
        }
      : null,
    topUp: doc.topUp,
    subtotal: doc.subtotal,
    taxRatePercent: doc.taxRatePercent,
    tax: doc.tax,
    taxNote: doc.taxNote,
    total: doc.total,
    fx: doc.fx
      ? { from: doc.fx.from, to: doc.fx.to, rate: doc.fx.rate, date: doc.fx.date, source: doc.fx.source }
      : null,
  };
}

export const invoiceSummarySchema = z
  .object({
    id: z.string(),
    resellerId: z.string(),
    resellerName: z.string(),
    billingRunId: z.string().nullable(),
    number: z.string().nullable(),
    status: invoiceStatusSchema,
    period: periodSchema,
    invoiceDate: dateSchema,
    issuedAt: timestampSchema.nullable(),
    dueDate: dateSchema.nullable(),
    paidAt: timestampSchema.nullable(),
    voidedAt: timestampSchema.nullable(),
    currency: currencySchema,
    tier: z.object({ code: z.string(), name: z.string() }),
    subtotal: moneySchema,
    tax: moneySchema,
    total: moneySchema,
  })
  .meta({ id: "InvoiceSummary", description: "An invoice in a list; GET /invoices/{id} has its lines." });

export const invoicePageSchema = pageSchema(invoiceSummarySchema).meta({ id: "InvoicePage" });

/** A calendar day that exists (the format alone would let 2026-02-31 reach the database). */
export const dayQuery = dateSchema.refine(
  (v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  "Not a calendar day.",
);

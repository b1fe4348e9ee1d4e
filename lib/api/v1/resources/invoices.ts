import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { invoiceStatus, invoices, resellers } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import {
  getInvoiceDocument,
  type InvoiceDocument,
  issueInvoice,
  markPaid,
  renderInvoiceCsv,
  renderInvoicePdf,
  voidInvoice,
} from "@/lib/invoices";
import { creditReasonSchema } from "@/lib/invoices/credit-reason";
import type { Party } from "@/lib/invoices/parties";
import {
  findVisibleInvoice,
  type InvoiceViewer,
  invoiceFileName,
  visibleInvoicesWhere,
} from "@/lib/portal/invoice-access";
import { singleLine } from "@/lib/validation/text";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, type PageQuery, pageQuerySchema, pageSchema, toPage } from "../pagination";
import {
  currencySchema,
  dateSchema,
  idParams,
  iso,
  moneySchema,
  periodSchema,
  timestampSchema,
} from "../schemas";

/** A quantity, unit price, rate or percentage: a decimal string like money, not an amount. */
export const decimalSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "A decimal number as a string (never a binary float).", example: "528.8710" });

const invoiceStatusSchema = z
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

const viewerOf = (ctx: ApiContext): InvoiceViewer => ({ resellerId: ctx.resellerId });

/** The invoice document when the key may see it (else 404 "Invoice not found."). */
async function visibleDocument(
  ctx: ApiContext,
  id: string,
): Promise<{ doc: InvoiceDocument; resellerId: string }> {
  const row = await findVisibleInvoice(ctx.db, viewerOf(ctx), id);
  return { doc: await getInvoiceDocument(ctx.db, row.id), resellerId: row.resellerId };
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

/** A calendar day that exists (the format alone would let 2026-02-31 reach the database). */
const dayQuery = dateSchema.refine(
  (v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  "Not a calendar day.",
);

export type InvoiceListFilter = {
  status?: InvoiceDocument["status"];
  period?: string;
  resellerId?: string;
  currency?: string;
  issuedFrom?: string;
  issuedTo?: string;
  billingRunId?: string;
};

const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000);

/**
 * One page of the invoices `viewer` may see (the portal's and back office's one rule), newest period first
 * (then by id). A reseller viewer's own `resellerId` always wins over the filter's.
 */
export async function listInvoicePage(
  db: Db,
  viewer: InvoiceViewer,
  filter: InvoiceListFilter,
  page: PageQuery,
) {
  const where: (SQL | undefined)[] = [
    visibleInvoicesWhere(viewer),
    afterCursor(page.cursor, invoices.period, invoices.id, "text"),
  ];
  if (filter.status) where.push(eq(invoices.status, filter.status));
  if (filter.period) where.push(eq(invoices.period, filter.period));
  if (filter.resellerId && viewer.resellerId === null) where.push(eq(invoices.resellerId, filter.resellerId));
  if (filter.currency) where.push(eq(invoices.currency, filter.currency));
  if (filter.issuedFrom) where.push(gte(invoices.issuedAt, new Date(`${filter.issuedFrom}T00:00:00Z`)));
  if (filter.issuedTo) where.push(lt(invoices.issuedAt, nextDay(filter.issuedTo)));
  if (filter.billingRunId) where.push(eq(invoices.billingRunId, filter.billingRunId));
  const rows = await db
    .select({
      cursorAt: cursorValue(invoices.period),
      invoice: invoices,
      resellerName: resellers.name,
    })
    .from(invoices)
    .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
    .where(and(...where))
    .orderBy(desc(invoices.period), desc(invoices.id))
    .limit(page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (r) => ({ at: r.cursorAt, id: r.invoice.id }),
    ({ invoice: i, resellerName }) => {
      const money = (v: string) => formatMoney(dec(v), i.currency);
      return {
        id: i.id,
        resellerId: i.resellerId,
        resellerName,
        billingRunId: i.billingRunId,
        number: i.number,
        status: i.status,
        period: i.period,
        invoiceDate: i.invoiceDate,
        issuedAt: iso(i.issuedAt),
        dueDate: i.dueDate,
        paidAt: iso(i.paidAt),
        voidedAt: iso(i.voidedAt),
        currency: i.currency,
        tier: { code: i.tierCode, name: i.tierName },
        subtotal: money(i.subtotal),
        tax: money(i.tax),
        total: money(i.total),
      };
    },
  );
}

export const invoicePageSchema = pageSchema(invoiceSummarySchema).meta({ id: "InvoicePage" });

export const listInvoices = apiOperation({
  method: "get",
  path: "/invoices",
  operationId: "listInvoices",
  summary: "List invoices",
  description:
    "Newest period first. A reseller key sees only its own invoices and never drafts; a distributor key sees every invoice, drafts included.",
  tag: "Invoices",
  query: pageQuerySchema.extend({
    status: invoiceStatusSchema.optional().meta({
      description: "Only invoices in this status (`draft` finds nothing for a reseller key).",
    }),
    period: periodSchema.optional().meta({ description: "Only invoices of this month." }),
    resellerId: z.uuid().optional().meta({
      description: "Distributor keys: only this reseller's invoices. A reseller key always sees its own.",
    }),
    currency: currencySchema.optional().meta({ description: "Only invoices in this currency." }),
    issuedFrom: dayQuery.optional().meta({ description: "Issued on or after this day (UTC)." }),
    issuedTo: dayQuery.optional().meta({ description: "Issued on or before this day (UTC)." }),
  }),
  response: { description: "A page of invoices.", schema: invoicePageSchema },
  handler: async ({ query }, ctx) => {
    const { limit, cursor, ...filter } = query;
    return listInvoicePage(ctx.db, viewerOf(ctx), filter, { limit, cursor });
  },
});

export const getInvoice = apiOperation({
  method: "get",
  path: "/invoices/{id}",
  operationId: "getInvoice",
  summary: "Get an invoice",
  description: "The invoice document with its lines grouped by customer, as the screen and the PDF show it.",
  tag: "Invoices",
  params: idParams,
  response: { description: "The invoice.", schema: invoiceSchema },
  errors: [404],
  handler: async ({ params }, ctx) => {
    const { doc, resellerId } = await visibleDocument(ctx, params.id);
    return invoiceJson(doc, resellerId);
  },
});

export const getInvoicePdf = apiOperation({
  method: "get",
  path: "/invoices/{id}/pdf",
  operationId: "getInvoicePdf",
  summary: "Download an invoice as PDF",
  tag: "Invoices",
  params: idParams,
  response: { description: "The invoice PDF (A4).", contentType: "application/pdf" },
  errors: [404],
  handler: async ({ params }, ctx) => {
    const { doc } = await visibleDocument(ctx, params.id);
    const pdf = await renderInvoicePdf(doc, { locale: "en-US" });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${invoiceFileName(doc, "pdf")}"`,
      },
    });
  },
});

export const getInvoiceCsv = apiOperation({
  method: "get",
  path: "/invoices/{id}/csv",
  operationId: "getInvoiceCsv",
  summary: "Download an invoice as CSV",
  description: "One row per usage line, then the commitment, subtotal, tax and total rows; exact decimals.",
  tag: "Invoices",
  params: idParams,
  response: { description: "The invoice CSV.", contentType: "text/csv" },
  errors: [404],
  handler: async ({ params }, ctx) => {
    const { doc } = await visibleDocument(ctx, params.id);
    return new Response(renderInvoiceCsv(doc), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${invoiceFileName(doc, "csv")}"`,
      },
    });
  },
});

/** The invoice after a change, as GET /invoices/{id} answers. */
async function answer(ctx: ApiContext, id: string): Promise<InvoiceJson> {
  const { doc, resellerId } = await visibleDocument(ctx, id);
  return invoiceJson(doc, resellerId);
}

export const issueDraftInvoice = apiOperation({
  method: "post",
  path: "/invoices/{id}/issue",
  operationId: "issueInvoice",
  summary: "Issue a draft invoice",
  description:
    "Distributor keys. Gives the draft its gap-free number, freezes its parties and emails it to the reseller. 409 unless it is a draft of a month that has ended.",
  tag: "Invoices",
  audience: "distributor",
  params: idParams,
  response: { description: "The issued invoice.", schema: invoiceSchema },
  errors: [404, 409],
  handler: async ({ params }, ctx) => {
    const row = await findVisibleInvoice(ctx.db, viewerOf(ctx), params.id);
    await issueInvoice(ctx.db, { invoiceId: row.id, actor: ctx.audit, today: ctx.today });
    return answer(ctx, row.id);
  },
});

export const markInvoicePaid = apiOperation({
  method: "post",
  path: "/invoices/{id}/mark-paid",
  operationId: "markInvoicePaid",
  summary: "Mark an invoice paid",
  description:
    "Distributor keys. issued → paid; only the status and the payment date change. 409 unless the invoice is issued.",
  tag: "Invoices",
  audience: "distributor",
  params: idParams,
  body: z
    .object({
      paidAt: dayQuery.optional().meta({ description: "The day the payment arrived (default today)." }),
      reference: singleLine({ max: 200, maxMessage: "At most 200 characters." })
        .optional()
        .meta({ description: "The payment's reference (bank transfer, receipt), kept in the audit log." }),
    })
    .optional(),
  response: { description: "The paid invoice.", schema: invoiceSchema },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    if (body?.paidAt && body.paidAt > ctx.today) {
      throw new AppError("validation", "The request is not valid.", {
        "body.paidAt": ["A payment cannot arrive in the future."],
      });
    }
    const row = await findVisibleInvoice(ctx.db, viewerOf(ctx), params.id);
    await markPaid(ctx.db, {
      invoiceId: row.id,
      actor: ctx.audit,
      paidAt: body?.paidAt ? new Date(`${body.paidAt}T00:00:00Z`) : ctx.now,
      ...(body?.reference ? { reference: body.reference } : {}),
    });
    return answer(ctx, row.id);
  },
});

export const voidIssuedInvoice = apiOperation({
  method: "post",
  path: "/invoices/{id}/void",
  operationId: "voidInvoice",
  summary: "Void an invoice",
  description:
    "Distributor keys. issued → void, with a credit note for whatever is not credited yet (see GET /credit-notes?invoiceId=). 409 unless the invoice is issued.",
  tag: "Invoices",
  audience: "distributor",
  params: idParams,
  body: z.object({
    reason: creditReasonSchema.meta({ description: "Why (printed on the credit note), 3–500 characters." }),
  }),
  response: { description: "The voided invoice.", schema: invoiceSchema },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    const row = await findVisibleInvoice(ctx.db, viewerOf(ctx), params.id);
    await voidInvoice(ctx.db, { invoiceId: row.id, reason: body.reason, actor: ctx.audit });
    return answer(ctx, row.id);
  },
});

export const invoiceOperations = [
  listInvoices,
  getInvoice,
  getInvoicePdf,
  getInvoiceCsv,
  issueDraftInvoice,
  markInvoicePaid,
  voidIssuedInvoice,
];

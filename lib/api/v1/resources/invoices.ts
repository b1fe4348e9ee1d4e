import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { invoices, resellers } from "@/db/schema";
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
import {
  findVisibleInvoice,
  type InvoiceViewer,
  invoiceFileName,
  visibleInvoicesWhere,
} from "@/lib/portal/invoice-access";
import { singleLine } from "@/lib/validation/text";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, type PageQuery, pageQuerySchema, toPage } from "../pagination";
import { currencySchema, idParams, iso, periodSchema } from "../schemas";
import {
  dayQuery,
  type InvoiceJson,
  invoiceJson,
  invoicePageSchema,
  invoiceSchema,
  invoiceStatusSchema,
} from "./invoice-schemas";

const viewerOf = (ctx: ApiContext): InvoiceViewer => ({ resellerId: ctx.resellerId });

/** The invoice document when the key may see it (else 404 "Invoice not found."). */
async function visibleDocument(
  ctx: ApiContext,
  id: string,
): Promise<{ doc: InvoiceDocument; resellerId: string }> {
  const row = await findVisibleInvoice(ctx.db, viewerOf(ctx), id);
  return { doc: await getInvoiceDocument(ctx.db, row.id), resellerId: row.resellerId };
}

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

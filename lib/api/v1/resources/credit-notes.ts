import "server-only";
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { creditNoteLines, creditNotes, invoiceLines, invoices } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { createCreditNote } from "@/lib/invoices";
import { creditReasonSchema } from "@/lib/invoices/credit-reason";
import { findVisibleInvoice, type InvoiceViewer, visibleInvoicesWhere } from "@/lib/portal/invoice-access";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, type PageQuery, pageQuerySchema, pageSchema, toPage } from "../pagination";
import { currencySchema, idParams, iso, moneySchema, periodSchema, timestampSchema } from "../schemas";

export const creditNoteSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.string().nullable(),
    resellerId: z.string(),
    period: periodSchema.meta({ description: "The credited invoice's month." }),
    currency: currencySchema,
    reason: z.string(),
    subtotal: moneySchema,
    tax: moneySchema.meta({ description: "The credited amount × the invoice's tax rate." }),
    total: moneySchema,
    createdAt: timestampSchema,
    lines: z.array(
      z
        .object({
          invoiceLineId: z.string().nullable(),
          description: z.string(),
          amount: moneySchema,
        })
        .meta({ id: "CreditNoteLine" }),
    ),
  })
  .meta({ id: "CreditNote", description: "A credit note against an issued invoice (amounts positive)." });
export type CreditNoteJson = z.infer<typeof creditNoteSchema>;

type Filter = { invoiceId?: string; resellerId?: string; period?: string; id?: string };

/**
 * Credit notes of the invoices `viewer` may see (lib/portal/invoice-access's one rule), newest first, with
 * their lines. A reseller viewer's own reseller always wins over the filter's.
 */
async function queryCreditNotes(db: Db, viewer: InvoiceViewer, filter: Filter, page: PageQuery) {
  const where: (SQL | undefined)[] = [
    visibleInvoicesWhere(viewer),
    afterCursor(page.cursor, creditNotes.createdAt, creditNotes.id),
  ];
  if (filter.id) where.push(eq(creditNotes.id, filter.id));
  if (filter.invoiceId) where.push(eq(creditNotes.invoiceId, filter.invoiceId));
  if (filter.resellerId && viewer.resellerId === null) where.push(eq(invoices.resellerId, filter.resellerId));
  if (filter.period) where.push(eq(invoices.period, filter.period));
  const rows = await db
    .select({
      cursorAt: cursorValue(creditNotes.createdAt),
      note: creditNotes,
      invoiceNumber: invoices.number,
      resellerId: invoices.resellerId,
      period: invoices.period,
      currency: invoices.currency,
    })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(and(...where))
    .orderBy(desc(creditNotes.createdAt), desc(creditNotes.id))
    .limit(page.limit + 1);
  const ids = rows.map((r) => r.note.id);
  const lines = ids.length
    ? await db
        .select({
          creditNoteId: creditNoteLines.creditNoteId,
          invoiceLineId: creditNoteLines.invoiceLineId,
          description: creditNoteLines.description,
          amount: creditNoteLines.amount,
        })
        .from(creditNoteLines)
        .leftJoin(invoiceLines, eq(invoiceLines.id, creditNoteLines.invoiceLineId))
        .where(inArray(creditNoteLines.creditNoteId, ids))
        // In the invoice's order, as the credit note was written.
        .orderBy(asc(invoiceLines.position), asc(creditNoteLines.id))
    : [];
  return toPage(
    rows,
    page.limit,
    (r) => ({ at: r.cursorAt, id: r.note.id }),
    (r): CreditNoteJson => {
      const money = (v: string) => formatMoney(dec(v), r.currency);
      return {
        id: r.note.id,
        number: r.note.number,
        invoiceId: r.note.invoiceId,
        invoiceNumber: r.invoiceNumber,
        resellerId: r.resellerId,
        period: r.period,
        currency: r.currency,
        reason: r.note.reason,
        subtotal: money(r.note.subtotal),
        tax: money(r.note.tax),
        total: money(r.note.total),
        createdAt: iso(r.note.createdAt),
        lines: lines
          .filter((l) => l.creditNoteId === r.note.id)
          .map((l) => ({
            invoiceLineId: l.invoiceLineId,
            description: l.description,
            amount: money(l.amount),
          })),
      };
    },
  );
}

const viewerOf = (ctx: ApiContext): InvoiceViewer => ({ resellerId: ctx.resellerId });

async function visibleCreditNote(ctx: ApiContext, id: string): Promise<CreditNoteJson> {
  const found = z.uuid().safeParse(id).success
    ? (await queryCreditNotes(ctx.db, viewerOf(ctx), { id }, { limit: 1 })).data[0]
    : undefined;
  if (!found) throw new AppError("not_found", "Credit note not found.");
  return found;
}

export const listCreditNotes = apiOperation({
  method: "get",
  path: "/credit-notes",
  operationId: "listCreditNotes",
  summary: "List credit notes",
  description: "Newest first. A reseller key sees the credit notes of its own invoices only.",
  tag: "Credit notes",
  query: pageQuerySchema.extend({
    invoiceId: z.uuid().optional().meta({ description: "Only the credit notes of this invoice." }),
    resellerId: z.uuid().optional().meta({
      description: "Distributor keys: only this reseller's credit notes. A reseller key always sees its own.",
    }),
    period: periodSchema.optional().meta({ description: "Only credit notes of invoices of this month." }),
  }),
  response: {
    description: "A page of credit notes.",
    schema: pageSchema(creditNoteSchema).meta({ id: "CreditNotePage" }),
  },
  handler: async ({ query }, ctx) => {
    const { limit, cursor, ...filter } = query;
    return queryCreditNotes(ctx.db, viewerOf(ctx), filter, { limit, cursor });
  },
});

export const getCreditNote = apiOperation({
  method: "get",
  path: "/credit-notes/{id}",
  operationId: "getCreditNote",
  summary: "Get a credit note",
  tag: "Credit notes",
  params: idParams,
  response: { description: "The credit note.", schema: creditNoteSchema },
  errors: [404],
  handler: async ({ params }, ctx) => visibleCreditNote(ctx, params.id),
});

export const createCreditNoteOperation = apiOperation({
  method: "post",
  path: "/credit-notes",
  operationId: "createCreditNote",
  summary: "Issue a credit note",
  description:
    "Distributor keys. Credits an issued or paid invoice in full (omit `lineIds`) or line by line; each line can be credited once, and the invoice itself never changes. 409 when the invoice cannot be credited or a line was credited already.",
  tag: "Credit notes",
  audience: "distributor",
  body: z.object({
    invoiceId: z.uuid({ error: "Pick an invoice by its id." }),
    reason: creditReasonSchema.meta({ description: "Why (printed on the credit note), 3–500 characters." }),
    lineIds: z
      .array(z.uuid({ error: "Each line is an invoice line id." }))
      .min(1, "Name at least one line, or omit lineIds to credit the whole invoice.")
      .max(10_000)
      .optional()
      .meta({
        description: "The invoice lines (`customers[].lines[].id`) to credit; omit for all not yet credited.",
      }),
  }),
  response: { status: 201, description: "The credit note.", schema: creditNoteSchema },
  errors: [404, 409],
  handler: async ({ body }, ctx) => {
    const invoice = await findVisibleInvoice(ctx.db, viewerOf(ctx), body.invoiceId);
    const note = await createCreditNote(ctx.db, {
      invoiceId: invoice.id,
      reason: body.reason,
      actor: ctx.audit,
      date: ctx.now,
      ...(body.lineIds ? { lineIds: body.lineIds } : { full: true }),
    });
    return visibleCreditNote(ctx, note.id);
  },
});

export const creditNoteOperations = [listCreditNotes, getCreditNote, createCreditNoteOperation];

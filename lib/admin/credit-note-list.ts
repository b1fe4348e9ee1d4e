import "server-only";
import { and, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creditNotes, invoices, resellers } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing/money";
import { type CsvColumn, exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { likePattern } from "@/lib/lists/search";

/** /admin/credit-notes: every issued credit note, the newest first. */
export const creditNoteListSpec = {
  sorts: {
    date: { dir: "desc" },
    number: { dir: "desc" },
    amount: { dir: "desc" },
  },
  defaultSort: "date" as const,
  filters: {
    reseller: listFilters.uuid("Pick a reseller from the list."),
    currency: listFilters.code(3, "A currency code such as EUR."),
    min: listFilters.amount(),
    max: listFilters.amount(),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type CreditNoteListParams = ListParams<
  keyof typeof creditNoteListSpec.sorts,
  keyof typeof creditNoteListSpec.filters
>;

/** The sorts both credit-note lists share (back office and portal): keyset over (value, id). */
export const creditNoteSorts = {
  date: { expr: creditNotes.createdAt, type: "timestamptz" },
  number: { expr: creditNotes.number, type: "text" },
  amount: { expr: creditNotes.total, type: "numeric" },
} satisfies ListSource<unknown>["sorts"];

const DAY_MS = 86_400_000;

/**
 * A credit note's date and total within the filters' range. Days are UTC days, as the pages show them: "up to"
 * a day includes the whole of it.
 */
export function creditNoteRangeWhere(f: {
  min?: string;
  max?: string;
  from?: string;
  to?: string;
}): (SQL | undefined)[] {
  return [
    f.min ? sql`${creditNotes.total} >= cast(${f.min} as numeric)` : undefined,
    f.max ? sql`${creditNotes.total} <= cast(${f.max} as numeric)` : undefined,
    f.from ? gte(creditNotes.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(creditNotes.createdAt, new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS)) : undefined,
  ];
}

/** The list's filters and search as conditions: the page and the export filter the same way. */
function creditNoteWhere(params: CreditNoteListParams): (SQL | undefined)[] {
  const f = params.filters;
  const pattern = likePattern(params.q);
  return [
    f.reseller ? eq(invoices.resellerId, f.reseller) : undefined,
    f.currency ? eq(invoices.currency, f.currency) : undefined,
    ...creditNoteRangeWhere(f),
    params.q
      ? or(
          ilike(creditNotes.number, pattern),
          ilike(invoices.number, pattern),
          // The matching resellers once, through their name's trigram index (an InitPlan), not per row.
          sql`${invoices.resellerId} = any(array(select r.id from resellers r where r.name ilike ${pattern}))`,
        )
      : undefined,
  ];
}

const listColumns = {
  id: creditNotes.id,
  number: creditNotes.number,
  reason: creditNotes.reason,
  subtotal: creditNotes.subtotal,
  tax: creditNotes.tax,
  total: creditNotes.total,
  createdAt: creditNotes.createdAt,
  invoiceId: creditNotes.invoiceId,
  invoiceNumber: invoices.number,
  currency: invoices.currency,
  resellerId: invoices.resellerId,
  reseller: resellers.name,
};

/**
 * The list source over credit notes, each with the invoice it credits and that invoice's reseller, for
 * `where` (filters, search and any scope): the back office's and the portal's pages and exports all read it.
 */
export function creditNoteSource(db: Db, where: (SQL | undefined)[]) {
  return {
    sorts: creditNoteSorts,
    id: creditNotes.id,
    where,
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...listColumns, ...keys })
        .from(creditNotes)
        .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
        .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) =>
      db
        .select({ one: sql`1` })
        .from(creditNotes)
        .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
        .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
        .where(where)
        .limit(limit),
  } satisfies ListSource<unknown>;
}

/** One page of every reseller's credit notes; the search matches the credit note's or invoice's number or the reseller's name. */
export async function listCreditNotePage(db: Db, params: CreditNoteListParams) {
  return runList(db, params, creditNoteSource(db, creditNoteWhere(params)));
}

export type CreditNoteListRow = Awaited<ReturnType<typeof listCreditNotePage>>["rows"][number];

/** The CSV columns of a credit note (the portal's export leaves the reseller out). Amounts exact, in minor units. */
export function creditNoteCsvColumns(options: { reseller: boolean }): CsvColumn<CreditNoteListRow>[] {
  const money = (value: string, currency: string) => formatMoney(dec(value), currency);
  return [
    { header: "number", value: (r) => r.number },
    { header: "invoice", value: (r) => r.invoiceNumber },
    ...(options.reseller ? [{ header: "reseller", value: (r: CreditNoteListRow) => r.reseller }] : []),
    { header: "reason", value: (r) => r.reason },
    { header: "currency", value: (r) => r.currency },
    { header: "subtotal", value: (r) => money(r.subtotal, r.currency) },
    { header: "tax", value: (r) => money(r.tax, r.currency) },
    { header: "total", value: (r) => money(r.total, r.currency) },
    { header: "date", value: (r) => isoInstant(r.createdAt) },
  ];
}

/**
 * The filtered list (every page of it, not one) as a CSV stream in the list's order, read `batchSize` rows
 * at a time (issue 16 item 3).
 */
export function exportCreditNoteList(
  db: Db,
  params: CreditNoteListParams,
  options: { batchSize?: number } = {},
) {
  return exportListCsv(
    params,
    creditNoteSource(db, creditNoteWhere(params)),
    creditNoteCsvColumns({ reseller: true }),
    options,
  );
}

/** The currencies credit notes are in (few rows: credit notes are rare next to invoices). */
export async function creditNoteCurrencyChoices(db: Db, where?: SQL) {
  const rows = await db
    .selectDistinct({ value: invoices.currency })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(and(where))
    .orderBy(invoices.currency);
  return rows.map((r) => r.value);
}

import "server-only";
import { and, eq, gte, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invoices } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing/money";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";

/** What the portal shows of an invoice's payment on a day (app/(portal)/portal/invoices/payment-status.ts). */
export const PAYMENT_KINDS = ["due", "overdue", "paid", "void"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** /portal/invoices: the latest period first, as before. */
export const portalInvoiceListSpec = {
  sorts: {
    period: { dir: "desc" },
    date: { dir: "desc" },
    number: { dir: "desc" },
    total: { dir: "desc" },
  },
  defaultSort: "period" as const,
  filters: {
    status: listFilters.oneOf(PAYMENT_KINDS, "Pick a status from the list."),
    period: listFilters.month(),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type PortalInvoiceListParams = ListParams<
  keyof typeof portalInvoiceListSpec.sorts,
  keyof typeof portalInvoiceListSpec.filters
>;

/** The reader: one reseller (the caller's own, from requireResellerScope) on one day. */
export type PortalInvoiceScope = { resellerId: string; today: string };

/**
 * The payment status as the page computes it (paymentStatus): paid, void, overdue the day after its due
 * date, else due (on its due date, or on receipt without one). The filter and the export use this one
 * expression.
 */
function paymentKindSql(today: string): SQL<PaymentKind> {
  return sql<PaymentKind>`case
    when ${invoices.status} = 'paid' then 'paid'
    when ${invoices.status} = 'void' then 'void'
    when ${invoices.dueDate} < cast(${today} as date) then 'overdue'
    else 'due' end`;
}

/** The reseller's own issued invoices (never drafts, never another reseller's), filtered and searched. */
function portalInvoiceWhere(scope: PortalInvoiceScope, params: PortalInvoiceListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    eq(invoices.resellerId, scope.resellerId),
    ne(invoices.status, "draft"),
    f.status ? sql`${paymentKindSql(scope.today)} = ${f.status}` : undefined,
    f.period ? eq(invoices.period, f.period) : undefined,
    f.from ? gte(invoices.invoiceDate, f.from) : undefined,
    f.to ? lte(invoices.invoiceDate, f.to) : undefined,
    searchCondition(params.q, [invoices.number]),
  ];
}

const portalInvoiceSorts = {
  period: { expr: invoices.period, type: "bpchar" },
  date: { expr: invoices.invoiceDate, type: "date" },
  // The same expression as the back office's number sort (its index); issued invoices always have one.
  number: { expr: sql`coalesce(${invoices.number}, '')`, type: "text" },
  total: { expr: invoices.total, type: "numeric" },
} satisfies ListSource<unknown>["sorts"];

function portalInvoiceSource(db: Db, scope: PortalInvoiceScope, params: PortalInvoiceListParams) {
  const columns = {
    id: invoices.id,
    number: invoices.number,
    status: invoices.status,
    payment: paymentKindSql(scope.today),
    period: invoices.period,
    currency: invoices.currency,
    subtotal: invoices.subtotal,
    tax: invoices.tax,
    total: invoices.total,
    invoiceDate: invoices.invoiceDate,
    dueDate: invoices.dueDate,
    paidAt: invoices.paidAt,
  };
  return {
    sorts: portalInvoiceSorts,
    id: invoices.id,
    where: portalInvoiceWhere(scope, params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...columns, ...keys })
        .from(invoices)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(invoices).where(where).limit(limit),
  } satisfies ListSource<unknown>;
}

/** One page of the reseller's invoices; the search matches the invoice number. */
export async function listPortalInvoicePage(
  db: Db,
  scope: PortalInvoiceScope,
  params: PortalInvoiceListParams,
) {
  return runList(db, params, portalInvoiceSource(db, scope, params));
}

/** The filtered list (every page of it) as a CSV stream in the list's order: the reseller's own only. */
export function exportPortalInvoiceList(
  db: Db,
  scope: PortalInvoiceScope,
  params: PortalInvoiceListParams,
  options: { batchSize?: number } = {},
) {
  const money = (value: string, currency: string) => formatMoney(dec(value), currency);
  return exportListCsv(
    params,
    portalInvoiceSource(db, scope, params),
    [
      { header: "number", value: (r) => r.number },
      { header: "period", value: (r) => r.period },
      { header: "invoice_date", value: (r) => r.invoiceDate },
      { header: "due_date", value: (r) => r.dueDate },
      { header: "status", value: (r) => r.payment },
      { header: "currency", value: (r) => r.currency },
      { header: "subtotal", value: (r) => money(r.subtotal, r.currency) },
      { header: "tax", value: (r) => money(r.tax, r.currency) },
      { header: "total", value: (r) => money(r.total, r.currency) },
      { header: "paid_at", value: (r) => isoInstant(r.paidAt) },
    ],
    options,
  );
}

/**
 * What the reseller owes on `today`, whatever the list's filters: its unpaid (due or overdue) invoices
 * per currency, summed exactly in the database, and how many are overdue.
 */
export async function portalOutstanding(db: Db, scope: PortalInvoiceScope) {
  const rows = await db
    .select({
      currency: invoices.currency,
      unpaid: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${invoices.dueDate} < cast(${scope.today} as date)))::int`,
      owed: sql<string>`sum(${invoices.total})::text`,
    })
    .from(invoices)
    .where(and(eq(invoices.resellerId, scope.resellerId), eq(invoices.status, "issued")))
    .groupBy(invoices.currency)
    .orderBy(invoices.currency);
  return {
    unpaid: rows.reduce((n, r) => n + Number(r.unpaid), 0),
    overdue: rows.reduce((n, r) => n + Number(r.overdue), 0),
    owed: rows.map((r) => ({ currency: r.currency, amount: r.owed })),
  };
}

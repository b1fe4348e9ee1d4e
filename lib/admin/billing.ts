import "server-only";
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingRuns, creditNoteLines, creditNotes } from "@/db/schema";
import { billingRunStatus } from "@/db/schema/enums";
import type { CurrentUser } from "@/lib/auth/guard";
import { getBillingRun } from "@/lib/invoices/billing-run";
import { getBillingRunView, workingRunIds } from "@/lib/invoices/run-jobs";
import type { JobQueue } from "@/lib/jobs/queue";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";
import { loadInvoiceForUser } from "@/lib/portal/invoice-access";
import {
  exportInvoiceList,
  listInvoicePage,
  type RunInvoiceListParams,
  runInvoiceParams,
} from "./invoice-list";

/** /admin/billing: the latest started run first, as before. */
export const billingRunListSpec = {
  sorts: { started: { dir: "desc" }, period: { dir: "desc" } },
  defaultSort: "started" as const,
  filters: {
    status: listFilters.oneOf(billingRunStatus.enumValues, "Pick a status from the list."),
    period: listFilters.month(),
  },
} satisfies ListSpec;

/** The status filter's choices, in the order a run goes through them. */
export const billingRunStatuses = billingRunStatus.enumValues;

export type BillingRunListParams = ListParams<
  keyof typeof billingRunListSpec.sorts,
  keyof typeof billingRunListSpec.filters
>;

/** The list's filters and search as conditions: the page and the export filter the same way. */
function billingRunWhere(params: BillingRunListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    f.status ? eq(billingRuns.status, f.status as (typeof billingRunStatus.enumValues)[number]) : undefined,
    f.period ? eq(billingRuns.period, f.period) : undefined,
    // A few runs a month: no index needed for a substring of the period or of a failed run's error.
    searchCondition(params.q, [billingRuns.period, billingRuns.error]),
  ];
}

const billingRunSorts = {
  started: { expr: billingRuns.startedAt, type: "timestamptz" },
  period: { expr: billingRuns.period, type: "bpchar" },
} satisfies ListSource<unknown>["sorts"];

const billingRunColumns = {
  id: billingRuns.id,
  period: billingRuns.period,
  status: billingRuns.status,
  totalContracts: billingRuns.totalContracts,
  processedContracts: billingRuns.processedContracts,
  issuedInvoices: billingRuns.issuedInvoices,
  error: billingRuns.error,
  startedAt: billingRuns.startedAt,
  finishedAt: billingRuns.finishedAt,
};

function billingRunSource(db: Db, params: BillingRunListParams) {
  return {
    sorts: billingRunSorts,
    id: billingRuns.id,
    where: billingRunWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...billingRunColumns, ...keys })
        .from(billingRuns)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(billingRuns).where(where).limit(limit),
  } satisfies ListSource<unknown>;
}

/**
 * One page of billing runs, each marked `working` when a queued or running job works on it (the page
 * follows those).
 */
export async function listBillingRunPage(db: Db, queue: JobQueue, params: BillingRunListParams) {
  const page = await runList(db, params, billingRunSource(db, params));
  const working = await workingRunIds(
    queue,
    page.rows.filter((r) => r.status !== "issued").map((r) => r.id),
  );
  return { ...page, rows: page.rows.map((run) => ({ ...run, working: working.has(run.id) })) };
}

/** The filtered runs (every page) as a CSV stream in the list's order. */
export function exportBillingRunList(
  db: Db,
  params: BillingRunListParams,
  options: { batchSize?: number } = {},
) {
  const count = (n: number) => String(n);
  return exportListCsv(
    params,
    billingRunSource(db, params),
    [
      { header: "period", value: (r) => r.period },
      { header: "status", value: (r) => r.status },
      { header: "contracts", value: (r) => count(r.totalContracts) },
      { header: "rated", value: (r) => count(r.processedContracts) },
      { header: "issued_invoices", value: (r) => count(r.issuedInvoices) },
      { header: "started_at", value: (r) => isoInstant(r.startedAt) },
      { header: "finished_at", value: (r) => isoInstant(r.finishedAt) },
      { header: "error", value: (r) => r.error },
    ],
    options,
  );
}

/** Credit notes of an invoice with the invoice lines each one credited. */
export async function listCreditNotes(db: Db, invoiceId: string) {
  const notes = await db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoiceId))
    .orderBy(creditNotes.createdAt);
  const lines = notes.length
    ? await db
        .select()
        .from(creditNoteLines)
        .where(
          inArray(
            creditNoteLines.creditNoteId,
            notes.map((n) => n.id),
          ),
        )
    : [];
  return notes.map((n) => ({ ...n, lines: lines.filter((l) => l.creditNoteId === n.id) }));
}

/**
 * The billing run page: the run with its counts and the controls it offers, and one page of the run's
 * invoices (the invoices list filtered to the run). AppError not_found for an unknown run.
 */
export async function getBillingRunPage(
  db: Db,
  queue: JobQueue,
  input: { runId: string; today: string; params: RunInvoiceListParams },
) {
  const view = await getBillingRunView(db, queue, input);
  const invoices = await listInvoicePage(db, runInvoiceParams(view.run.id, input.params));
  return { ...view, invoices };
}

/** A run's invoices, filtered as its page, as CSV; AppError not_found for an unknown run. */
export async function exportBillingRunInvoices(
  db: Db,
  input: { runId: string; params: RunInvoiceListParams },
  options: { batchSize?: number } = {},
) {
  const run = await getBillingRun(db, input.runId);
  return { run, csv: exportInvoiceList(db, runInvoiceParams(run.id, input.params), options) };
}

/**
 * The back office's invoice page: the document, its credit notes, and the lines finance may pick for a
 * credit note (each marked `credited` once a credit note took it). AppError not_found for an invoice the
 * user cannot see.
 */
export async function getAdminInvoicePage(db: Db, user: CurrentUser, invoiceId: string) {
  const doc = await loadInvoiceForUser(db, user, invoiceId);
  const notes = await listCreditNotes(db, doc.id);
  const credited = new Set(notes.flatMap((n) => n.lines.map((l) => l.invoiceLineId)));
  const lines = doc.customers.flatMap((g) =>
    g.lines.flatMap((l) =>
      l.id
        ? [
            {
              id: l.id,
              label: `${g.customerName}: ${l.description}`,
              amount: l.amount,
              credited: credited.has(l.id),
            },
          ]
        : [],
    ),
  );
  return { doc, notes, lines };
}

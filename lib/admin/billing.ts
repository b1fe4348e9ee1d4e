import "server-only";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingRuns, creditNoteLines, creditNotes, invoices, resellers } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guard";
import { getBillingRunView, workingRunIds } from "@/lib/invoices/run-jobs";
import type { JobQueue } from "@/lib/jobs/queue";
import { loadInvoiceForUser } from "@/lib/portal/invoice-access";

export async function listBillingRuns(db: Db, limit = 50) {
  return db.select().from(billingRuns).orderBy(desc(billingRuns.startedAt)).limit(limit);
}

export type InvoiceFilter = { status?: string; period?: string; resellerId?: string; runId?: string };

/** Invoices newest first, with the reseller's name; filtered by status, period, reseller or run. */
export async function listInvoices(db: Db, filter: InvoiceFilter = {}, limit = 200) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(invoices.status, filter.status as "draft"));
  if (filter.period) where.push(eq(invoices.period, filter.period));
  if (filter.resellerId) where.push(eq(invoices.resellerId, filter.resellerId));
  if (filter.runId) where.push(eq(invoices.billingRunId, filter.runId));
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      period: invoices.period,
      currency: invoices.currency,
      total: invoices.total,
      tierName: invoices.tierName,
      invoiceDate: invoices.invoiceDate,
      reseller: resellers.name,
      resellerId: invoices.resellerId,
    })
    .from(invoices)
    .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(invoices.period), desc(invoices.number), resellers.name)
    .limit(limit);
}

/** The latest runs, each marked `working` when a queued or running job works on it (the list follows those). */
export async function listBillingRunsWithJobs(db: Db, queue: JobQueue, limit = 50) {
  const runs = await listBillingRuns(db, limit);
  const working = await workingRunIds(
    queue,
    runs.filter((r) => r.status !== "issued").map((r) => r.id),
  );
  return runs.map((run) => ({ ...run, working: working.has(run.id) }));
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

/** The billing run page: the run with its counts and the controls it offers, and the run's invoices. */
export async function getBillingRunPage(db: Db, queue: JobQueue, input: { runId: string; today: string }) {
  const view = await getBillingRunView(db, queue, input);
  const invoices = await listInvoices(db, { runId: view.run.id });
  return { ...view, invoices };
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

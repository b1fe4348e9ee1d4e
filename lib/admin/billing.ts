import "server-only";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingRuns, creditNoteLines, creditNotes, invoices, resellers } from "@/db/schema";
import { workingRunIds } from "@/lib/invoices/run-jobs";
import type { JobQueue } from "@/lib/jobs/queue";

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

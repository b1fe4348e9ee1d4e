import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { type BillingRun, billingRuns, distributorSettings, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { emitInvoiceEvents } from "@/lib/webhooks/emit";
import { getBillingRun } from "./billing-run";
import { queueIssuedInvoiceEmails } from "./mail";
import { type InvoiceParties, loadDistributorDetails, loadResellerParties } from "./parties";
import { assertPeriodClosed } from "./periods";
import { toPgArray } from "./pg-array";
import { formatDocumentNumber, reserveNumbers } from "./sequences";

export type IssueHooks = {
  /** Test hook: runs inside the issuing transaction after numbers are assigned (throw to force a rollback). */
  insideIssue?: (info: { invoiceIds: string[]; numbers: string[] }) => void | Promise<void>;
};

type DraftRow = { id: string; resellerId: string; invoiceDate: string };

/**
 * Issues every draft of a run, `batchSize` per transaction. Resumable: each batch commits its numbers and
 * statuses together, so calling it again after a crash (the run stays `issuing`) continues with the drafts
 * that are left, numbered on from the last committed one. Only a month that has ended on `today` is issued.
 */
export async function issueBillingRun(
  db: Db,
  input: { runId: string; actor: Actor; today: string; batchSize?: number } & IssueHooks,
): Promise<BillingRun> {
  const run = await getBillingRun(db, input.runId);
  if (run.status === "running" || run.status === "failed") {
    throw new AppError("conflict", "The run has not finished drafting: resume it first");
  }
  if (run.status === "issued") return run;
  assertPeriodClosed(run.period, input.today);
  await db
    .update(billingRuns)
    .set({ status: "issuing", updatedAt: new Date() })
    .where(eq(billingRuns.id, run.id));
  const batchSize = input.batchSize ?? 1000;
  try {
    for (;;) {
      const issued = await db.transaction(async (tx) => {
        const drafts = await tx
          .select({ id: invoices.id, resellerId: invoices.resellerId, invoiceDate: invoices.invoiceDate })
          .from(invoices)
          .where(and(eq(invoices.billingRunId, run.id), eq(invoices.status, "draft")))
          .orderBy(asc(invoices.id))
          .limit(batchSize)
          .for("update");
        if (drafts.length === 0) return 0;
        await issueDrafts(tx, drafts, input);
        await tx
          .update(billingRuns)
          .set({
            issuedInvoices: sql`${billingRuns.issuedInvoices} + ${drafts.length}`,
            updatedAt: new Date(),
          })
          .where(eq(billingRuns.id, run.id));
        return drafts.length;
      });
      if (issued === 0) break;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(billingRuns)
      .set({ error: message.slice(0, 2000) })
      .where(eq(billingRuns.id, run.id));
    throw error;
  }
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(billingRuns)
      .set({ status: "issued", error: null, finishedAt: new Date(), updatedAt: new Date() })
      .where(eq(billingRuns.id, run.id))
      .returning();
    await writeAudit(tx, input.actor, {
      action: "billing_run.issue",
      entityType: "billing_run",
      entityId: run.id,
      data: { period: run.period, issuedInvoices: done?.issuedInvoices ?? 0 },
    });
    return done ?? run;
  });
}

/** Issues one draft invoice: its number is taken inside this transaction, its parties frozen. */
export async function issueInvoice(
  db: Db,
  input: { invoiceId: string; actor: Actor; today: string } & IssueHooks,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select({
        id: invoices.id,
        resellerId: invoices.resellerId,
        invoiceDate: invoices.invoiceDate,
        status: invoices.status,
        period: invoices.period,
      })
      .from(invoices)
      .where(eq(invoices.id, input.invoiceId))
      .for("update");
    if (!draft) throw new AppError("not_found", "Invoice not found");
    if (draft.status !== "draft") throw new AppError("conflict", `The invoice is already ${draft.status}`);
    assertPeriodClosed(draft.period, input.today);
    const [number = ""] = await issueDrafts(tx, [draft], input);
    await writeAudit(tx, input.actor, {
      action: "invoice.issue",
      entityType: "invoice",
      entityId: draft.id,
      resellerId: draft.resellerId,
      data: { number },
    });
    return number;
  });
}

/**
 * Numbers in the order given, per year of the invoice date; one statement updates the whole batch. The due
 * date is the issue day (`today`) plus the policies' payment terms, and each invoice's email to its
 * reseller's billing contacts (PDF attached) is queued in the same transaction: issued means sent. So is
 * each invoice.issued webhook event.
 */
async function issueDrafts(
  tx: Tx,
  drafts: readonly DraftRow[],
  hooks: IssueHooks & { today: string },
): Promise<string[]> {
  const distributor = await loadDistributorDetails(tx);
  const [terms] = await tx
    .select({ days: distributorSettings.paymentTermsDays })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const resellerParties = await loadResellerParties(
    tx,
    drafts.map((draft) => draft.resellerId),
  );
  const numbers: string[] = [];
  const byYear = new Map<number, number>();
  for (const draft of drafts) {
    const year = Number(draft.invoiceDate.slice(0, 4));
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const next = new Map<number, number>();
  for (const [year, count] of [...byYear].sort(([a], [b]) => a - b)) {
    next.set(year, await reserveNumbers(tx, "invoice", year, count));
  }
  const parties: string[] = [];
  for (const draft of drafts) {
    const year = Number(draft.invoiceDate.slice(0, 4));
    const sequence = next.get(year) ?? 1;
    next.set(year, sequence + 1);
    numbers.push(formatDocumentNumber(distributor.invoicePrefix, year, sequence));
    const reseller = resellerParties.get(draft.resellerId);
    if (!reseller) throw new AppError("internal", `Reseller ${draft.resellerId} is missing`);
    const frozen: InvoiceParties = { distributor: distributor.party, reseller };
    parties.push(JSON.stringify(frozen));
  }
  const ids = drafts.map((draft) => draft.id);
  await hooks.insideIssue?.({ invoiceIds: ids, numbers });
  const updated = await tx.execute(sql`
    update invoices i set number = x.number, status = 'issued', issued_at = now(), updated_at = now(),
      parties = x.parties::jsonb, due_date = ${hooks.today}::date + ${terms?.days ?? 30}::int
    from unnest(${toPgArray(ids)}::uuid[], ${toPgArray(numbers)}::text[], ${toPgArray(parties)}::text[])
      as x(id, number, parties)
    where i.id = x.id and i.status = 'draft'`);
  if (updated.count !== drafts.length) {
    throw new AppError("conflict", "Some drafts changed while issuing; nothing was issued");
  }
  await queueIssuedInvoiceEmails(tx, ids);
  await emitInvoiceEvents(tx, "invoice.issued", ids);
  return numbers;
}

import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { creditNoteLines, creditNotes, type Invoice, invoiceLines, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec, formatMoney, roundMinor } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { emitCreditNoteIssued } from "@/lib/webhooks/emit";
import { loadDistributorDetails } from "./parties";
import { formatDocumentNumber, reserveNumbers } from "./sequences";

export type CreditNoteSummary = {
  id: string;
  number: string;
  invoiceId: string;
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  lines: { invoiceLineId: string; description: string; amount: string }[];
};

export type CreditNoteInput = {
  invoiceId: string;
  /** The lines to credit; omit (or `full: true`) to credit every line not credited yet. */
  lineIds?: readonly string[];
  full?: boolean;
  reason: string;
  actor: Actor;
  /** The credit note's date; its year picks the number sequence. */
  date?: Date;
};

/**
 * A credit note for an issued (or paid) invoice, full or per line; the invoice itself never changes. Tax is
 * the credited amount × the invoice's rate, rounded once like the invoice (§5 step 9). A line can be
 * credited once (also enforced by a unique index), and the CN number is taken inside this transaction.
 */
export async function createCreditNote(db: Db, input: CreditNoteInput): Promise<CreditNoteSummary> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (invoice.status !== "issued" && invoice.status !== "paid") {
      throw new AppError("conflict", `A ${invoice.status} invoice cannot be credited`);
    }
    return creditInTx(tx, invoice, input);
  });
}

export async function lockInvoice(tx: Tx, invoiceId: string): Promise<Invoice> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update");
  if (!invoice) throw new AppError("not_found", "Invoice not found");
  return invoice;
}

/** Credits inside the caller's transaction (voiding uses it for its full credit note). */
export async function creditInTx(
  tx: Tx,
  invoice: Invoice,
  input: CreditNoteInput,
): Promise<CreditNoteSummary> {
  const lines = await tx
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoice.id))
    .orderBy(asc(invoiceLines.position));
  const credited = await creditedLineIds(
    tx,
    lines.map((line) => line.id),
  );
  const isFull = input.full === true || input.lineIds === undefined;
  let targets = lines.filter((line) => !credited.has(line.id) && !dec(line.amount).isZero());
  if (!isFull) {
    const wanted = new Set(input.lineIds);
    const unknown = [...wanted].filter((id) => !lines.some((line) => line.id === id));
    if (unknown.length > 0) throw new AppError("validation", "Some lines are not on this invoice");
    if ([...wanted].some((id) => credited.has(id)))
      throw new AppError("conflict", "A line was already credited");
    targets = lines.filter((line) => wanted.has(line.id));
  }
  if (targets.length === 0) throw new AppError("conflict", "Nothing left to credit on this invoice");

  const subtotal = targets.reduce((total, line) => total.plus(line.amount), dec(0));
  const tax = roundMinor(subtotal.times(invoice.taxRatePercent).dividedBy(100), invoice.currency);
  const date = input.date ?? new Date();
  const year = date.getUTCFullYear();
  const distributor = await loadDistributorDetails(tx);
  const number = formatDocumentNumber(
    distributor.creditNotePrefix,
    year,
    await reserveNumbers(tx, "credit_note", year, 1),
  );
  const money = (value: ReturnType<typeof dec>) => formatMoney(value, invoice.currency);
  const [note] = await tx
    .insert(creditNotes)
    .values({
      invoiceId: invoice.id,
      number,
      reason: input.reason,
      subtotal: money(subtotal),
      tax: money(tax),
      total: money(subtotal.plus(tax)),
      createdBy: input.actor.userId,
      createdAt: date,
    })
    .returning();
  if (!note) throw new AppError("internal", "Could not create the credit note");
  const noteLines = targets.map((line) => ({
    creditNoteId: note.id,
    invoiceLineId: line.id,
    description: line.customerName ? `${line.customerName} — ${line.description}` : line.description,
    amount: money(dec(line.amount)),
  }));
  await tx.insert(creditNoteLines).values(noteLines);
  await writeAudit(tx, input.actor, {
    action: "credit_note.create",
    entityType: "credit_note",
    entityId: note.id,
    resellerId: invoice.resellerId,
    data: { number, invoice: invoice.number, total: note.total, reason: input.reason },
  });
  await emitCreditNoteIssued(tx, note.id);
  return {
    id: note.id,
    number,
    invoiceId: invoice.id,
    currency: invoice.currency,
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(subtotal.plus(tax)),
    lines: noteLines.map(({ invoiceLineId, description, amount }) => ({
      invoiceLineId,
      description,
      amount,
    })),
  };
}

async function creditedLineIds(tx: Tx, lineIds: string[]): Promise<Set<string>> {
  if (lineIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: creditNoteLines.invoiceLineId })
    .from(creditNoteLines)
    .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
    .where(and(inArray(creditNoteLines.invoiceLineId, lineIds)));
  return new Set(rows.flatMap((row) => (row.id ? [row.id] : [])));
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Invoice, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { emitInvoiceEvents } from "@/lib/webhooks/emit";
import { type CreditNoteSummary, creditInTx, lockInvoice } from "./credit-notes";

/**
 * issued → paid. Only the status and payment date change; an issued invoice's amounts never do. A payment
 * `reference` (bank transfer, ERP receipt) is kept in the audit entry.
 */
export async function markPaid(
  db: Db,
  input: { invoiceId: string; actor: Actor; paidAt?: Date; reference?: string },
): Promise<Invoice> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (invoice.status !== "issued")
      throw new AppError("conflict", `A ${invoice.status} invoice cannot be paid`);
    const paidAt = input.paidAt ?? new Date();
    const [paid] = await tx
      .update(invoices)
      .set({ status: "paid", paidAt, updatedAt: new Date() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await writeAudit(tx, input.actor, {
      action: "invoice.paid",
      entityType: "invoice",
      entityId: invoice.id,
      resellerId: invoice.resellerId,
      data: {
        number: invoice.number,
        paidAt: paidAt.toISOString(),
        ...(input.reference ? { reference: input.reference } : {}),
      },
    });
    await emitInvoiceEvents(tx, "invoice.paid", [invoice.id]);
    return paid ?? invoice;
  });
}

/**
 * issued → void, with a full credit note for whatever is not credited yet, in one transaction, so the books
 * always balance: an issued invoice is never deleted or edited, only cancelled by a credit note.
 */
export async function voidInvoice(
  db: Db,
  input: { invoiceId: string; reason: string; actor: Actor },
): Promise<{ invoice: Invoice; creditNote: CreditNoteSummary | null }> {
  if (!input.reason.trim()) throw new AppError("validation", "A reason is required to void an invoice");
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (invoice.status !== "issued")
      throw new AppError("conflict", `A ${invoice.status} invoice cannot be voided`);
    let creditNote: CreditNoteSummary | null = null;
    try {
      creditNote = await creditInTx(tx, invoice, { ...input, full: true });
    } catch (error) {
      // Everything already credited line by line (or a zero invoice): voiding needs no further note.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
    const [voided] = await tx
      .update(invoices)
      .set({ status: "void", voidedAt: new Date(), voidReason: input.reason, updatedAt: new Date() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await writeAudit(tx, input.actor, {
      action: "invoice.void",
      entityType: "invoice",
      entityId: invoice.id,
      resellerId: invoice.resellerId,
      data: { number: invoice.number, reason: input.reason, creditNote: creditNote?.number ?? null },
    });
    await emitInvoiceEvents(tx, "invoice.voided", [invoice.id]);
    return { invoice: voided ?? invoice, creditNote };
  });
}

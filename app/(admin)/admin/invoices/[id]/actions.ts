"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { createCreditNote, issueInvoice, markPaid, voidInvoice } from "@/lib/invoices";
import { creditReasonSchema } from "@/lib/invoices/credit-reason";

const id = z.object({ invoiceId: z.string().uuid() });
const withReason = id.extend({ reason: creditReasonSchema });
// Comma-separated line ids: each must be a UUID, or the query on the uuid column would fail.
const credit = withReason.extend({
  lineIds: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(",").every((x) => x === "" || z.uuid().safeParse(x).success),
      "Choose the lines again.",
    ),
});

function refreshInvoice(invoiceId: string) {
  revalidatePath(`/admin/invoices/${invoiceId}`);
}

export const issueInvoiceAction = userAction(
  "finance:write",
  id,
  async ({ invoiceId }, ctx) => {
    await issueInvoice(ctx.db, { invoiceId, actor: ctx.audit, today: ctx.today });
    refreshInvoice(invoiceId);
  },
  { message: "Issued." },
);

export const markPaidAction = userAction(
  "finance:write",
  id,
  async ({ invoiceId }, ctx) => {
    await markPaid(ctx.db, { invoiceId, actor: ctx.audit });
    refreshInvoice(invoiceId);
  },
  { message: "Marked as paid." },
);

export const voidInvoiceAction = userAction(
  "finance:write",
  withReason,
  async (input, ctx) => {
    await voidInvoice(ctx.db, { ...input, actor: ctx.audit });
    refreshInvoice(input.invoiceId);
  },
  { message: "Voided, with a full credit note." },
);

export const creditAction = userAction(
  "finance:write",
  credit,
  async (input, ctx) => {
    const lineIds = input.lineIds ? input.lineIds.split(",").filter(Boolean) : undefined;
    await createCreditNote(ctx.db, {
      invoiceId: input.invoiceId,
      reason: input.reason,
      actor: ctx.audit,
      ...(lineIds ? { lineIds } : { full: true }),
    });
    refreshInvoice(input.invoiceId);
  },
  { message: "Credit note created." },
);

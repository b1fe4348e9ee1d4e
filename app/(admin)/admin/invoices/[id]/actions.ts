"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { todayUtc } from "@/lib/clock";
import { createCreditNote, issueInvoice, markPaid, voidInvoice } from "@/lib/invoices";
import { singleLine } from "@/lib/validation/text";

const id = z.object({ invoiceId: z.string().uuid() });
const withReason = id.extend({
  reason: singleLine({
    min: 3,
    minMessage: "Say why (it is printed on the credit note).",
    max: 500,
    requiredMessage: "Say why (it is printed on the credit note).",
  }),
});
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

function invoiceAction<S extends z.ZodType<{ invoiceId: string }>>(
  schema: S,
  fn: (input: z.infer<S>, actor: { userId: string; label: string }) => Promise<unknown>,
  message: string,
) {
  return userAction(
    "finance:write",
    schema,
    async (input, user) => {
      await fn(input, { userId: user.id, label: user.email });
      revalidatePath(`/admin/invoices/${input.invoiceId}`);
    },
    { message },
  );
}

const issue = invoiceAction(
  id,
  (i, actor) => issueInvoice(getDb(), { invoiceId: i.invoiceId, actor, today: todayUtc() }),
  "Issued.",
);
const paid = invoiceAction(
  id,
  (i, actor) => markPaid(getDb(), { invoiceId: i.invoiceId, actor }),
  "Marked as paid.",
);
const voidIt = invoiceAction(
  withReason,
  (i, actor) => voidInvoice(getDb(), { ...i, actor }),
  "Voided, with a full credit note.",
);
const creditIt = invoiceAction(
  credit,
  (i, actor) => {
    const lineIds = i.lineIds ? i.lineIds.split(",").filter(Boolean) : undefined;
    return createCreditNote(getDb(), {
      invoiceId: i.invoiceId,
      reason: i.reason,
      actor,
      ...(lineIds ? { lineIds } : { full: true }),
    });
  },
  "Credit note created.",
);

export async function issueInvoiceAction(p: ActionState | undefined, f: FormData) {
  return issue(p, f);
}
export async function markPaidAction(p: ActionState | undefined, f: FormData) {
  return paid(p, f);
}
export async function voidInvoiceAction(p: ActionState | undefined, f: FormData) {
  return voidIt(p, f);
}
export async function creditAction(p: ActionState | undefined, f: FormData) {
  return creditIt(p, f);
}

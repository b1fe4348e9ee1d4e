"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatMoney } from "@/lib/format";
import { creditAction, issueInvoiceAction, markPaidAction, voidInvoiceAction } from "./actions";

type Line = { id: string; label: string; amount: string; credited: boolean };

export function InvoiceActions({
  invoiceId,
  status,
  currency,
  lines,
}: {
  invoiceId: string;
  status: string;
  currency: string;
  lines: Line[];
}) {
  const [issueState, issue] = useActionState(issueInvoiceAction, undefined);
  const [paidState, paid] = useActionState(markPaidAction, undefined);
  const [voidState, voidIt] = useActionState(voidInvoiceAction, undefined);
  const [creditState, credit] = useActionState(creditAction, undefined);
  const [picked, setPicked] = useState<string[]>([]);
  const open = status === "issued" || status === "paid";
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap gap-3">
        {status === "draft" && (
          <form action={issue}>
            <input type="hidden" name="invoiceId" value={invoiceId} />
            <SubmitButton pendingText="Issuing…">Issue invoice</SubmitButton>
          </form>
        )}
        {status === "issued" && (
          <form action={paid}>
            <input type="hidden" name="invoiceId" value={invoiceId} />
            <SubmitButton variant="secondary" pendingText="Saving…">
              Mark as paid
            </SubmitButton>
          </form>
        )}
      </div>
      <FormMessage ok={issueState?.ok ?? paidState?.ok} message={issueState?.message ?? paidState?.message} />
      {open && (
        <form
          action={credit}
          noValidate
          className="flex flex-col gap-3 rounded-md border border-slate-200 p-4"
        >
          <p className="text-sm font-semibold text-slate-900">Credit note</p>
          <fieldset className="flex flex-col gap-1.5 text-sm">
            <legend className="mb-1 text-xs text-slate-500">
              Lines to credit (none picked = every line not yet credited)
            </legend>
            {lines.map((l) => (
              <label key={l.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  disabled={l.credited}
                  checked={picked.includes(l.id)}
                  onChange={(e) =>
                    setPicked((p) => (e.target.checked ? [...p, l.id] : p.filter((x) => x !== l.id)))
                  }
                />
                <span className={l.credited ? "text-slate-400 line-through" : ""}>
                  {l.label} — {formatMoney(l.amount, currency)}
                </span>
              </label>
            ))}
          </fieldset>
          <input type="hidden" name="invoiceId" value={invoiceId} />
          <input type="hidden" name="lineIds" value={picked.join(",")} />
          <Field
            id="credit-reason"
            label="Reason (credit)"
            name="reason"
            errors={creditState?.fieldErrors?.reason}
          />
          <div>
            <SubmitButton variant="secondary" pendingText="Crediting…">
              Create credit note
            </SubmitButton>
          </div>
          <FormMessage
            ok={creditState?.ok}
            message={creditState?.fieldErrors ? undefined : creditState?.message}
          />
        </form>
      )}
      {open && (
        <form action={voidIt} noValidate className="flex flex-col gap-3 rounded-md border border-red-200 p-4">
          <p className="text-sm font-semibold text-slate-900">Void invoice</p>
          <input type="hidden" name="invoiceId" value={invoiceId} />
          <Field
            id="void-reason"
            label="Reason (void)"
            name="reason"
            errors={voidState?.fieldErrors?.reason}
          />
          <div>
            <SubmitButton variant="danger" pendingText="Voiding…">
              Void with a full credit note
            </SubmitButton>
          </div>
          <FormMessage ok={voidState?.ok} message={voidState?.fieldErrors ? undefined : voidState?.message} />
        </form>
      )}
    </div>
  );
}

"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import type { ResellerTaxFacts } from "@/lib/taxes/reseller-rate";

/**
 * A reseller's own tax rate, changed with a reason (domain.md §2.4) after a confirm step: it changes what
 * the reseller pays from its next invoice. Render it for finance:write users only, with
 * `changeResellerTaxRateAction` (app/(admin)/admin/taxes/actions.ts) and `resellerTaxFacts` (lib/taxes).
 */
export function ResellerTaxRateForm({
  resellerId,
  resellerName,
  facts,
  action,
}: {
  resellerId: string;
  resellerName: string;
  facts: ResellerTaxFacts;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const echoed = state?.values;
  const [reverseCharge, setReverseCharge] = useState(
    echoed ? echoed.reverseCharge === "on" : facts.reverseCharge,
  );
  const e = (k: string) => state?.fieldErrors?.[k];
  const current = `${facts.ratePercent} %${facts.reverseCharge ? " (reverse charge)" : ""}`;
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        const rate = String(form.get("ratePercent") ?? "").trim();
        const next = `${rate} %${reverseCharge ? " (reverse charge)" : ""}`;
        const question = `Change ${resellerName}'s tax rate from ${current} to ${next}? Its next invoice drafted uses the new rate; issued invoices keep theirs.`;
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      <FormMessage ok={state?.ok} message={state?.message} />
      <input type="hidden" name="resellerId" value={resellerId} />
      <p className="text-sm text-slate-600">
        Now {current}. The tax table would give it {facts.tableDefault.ratePercent} %
        {facts.tableDefault.reverseCharge ? " with reverse charge" : ""}: {facts.tableDefault.reason}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          key={reverseCharge ? "rc" : "rate"}
          label="Tax rate (%)"
          name="ratePercent"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={reverseCharge ? "0" : (echoed?.ratePercent ?? facts.ratePercent)}
          readOnly={reverseCharge}
          errors={e("ratePercent")}
          hint={reverseCharge ? "Reverse charge is always 0 %." : "0 to 100, up to 4 decimals."}
        />
        <div className="flex flex-col gap-1.5">
          <label className="flex items-start gap-3 text-sm sm:pt-7 text-slate-800">
            <input
              type="checkbox"
              name="reverseCharge"
              checked={reverseCharge}
              onChange={(ev) => setReverseCharge(ev.currentTarget.checked)}
              disabled={Boolean(facts.reverseChargeProblem) && !facts.reverseCharge}
              aria-describedby="reverse-charge-hint"
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
            />
            <span className="font-medium">EU reverse charge</span>
          </label>
          <p id="reverse-charge-hint" className="text-xs text-slate-500">
            {facts.reverseChargeProblem ??
              "0 %; its invoices print that the recipient accounts for the VAT (Article 196, Directive 2006/112/EC)."}
          </p>
          {e("reverseCharge") && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {e("reverseCharge")?.join(" ")}
            </p>
          )}
        </div>
        <Field
          className="sm:col-span-2"
          label="Reason"
          name="reason"
          defaultValue={echoed?.reason ?? ""}
          errors={e("reason")}
          hint="Required; kept in the audit log with the old and new rate."
          maxLength={500}
        />
      </div>
      <div>
        <SubmitButton pendingText="Changing…">Change tax rate</SubmitButton>
      </div>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { savePoliciesAction } from "./actions";

export type PolicyValues = {
  requireAdminApproval: boolean;
  trialDays: number;
  trialEndPolicy: "suspend" | "convert";
  trialGraceDays: number;
  rampUpDefaultCycles: number;
  rampUpMaxCycles: number;
  paymentTermsDays: number;
  invoiceReminderDays: number[];
};

export function PolicyForm({ initial, canEdit }: { initial: PolicyValues; canEdit: boolean }) {
  const [state, action] = useActionState(savePoliciesAction, undefined);
  const v = (k: keyof PolicyValues) => state?.values?.[k] ?? String(initial[k]);
  const reminderDays = state?.values?.invoiceReminderDays ?? initial.invoiceReminderDays.join(", ");
  const e = (k: keyof PolicyValues) => state?.fieldErrors?.[k];
  const approval = state?.values ? state.values.requireAdminApproval === "on" : initial.requireAdminApproval;
  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      <fieldset disabled={!canEdit} className="grid gap-5 sm:grid-cols-2">
        <label className="flex items-start gap-3 text-sm text-slate-800 sm:col-span-2">
          <input
            type="checkbox"
            name="requireAdminApproval"
            defaultChecked={approval}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
          />
          <span>
            <span className="font-medium">Approve new sign-ups before provisioning</span>
            <span className="block text-slate-500">
              After a reseller confirms its email, an administrator approves or rejects it on the
              reseller&apos;s page; the support address is emailed for each one.
            </span>
          </span>
        </label>
        <Field
          label="Trial length (days)"
          name="trialDays"
          type="number"
          min={1}
          max={31}
          defaultValue={v("trialDays")}
          errors={e("trialDays")}
          hint="Ends before Acronis switches a trial to production by itself (capped automatically)."
        />
        <SelectField
          label="When a trial ends unconverted"
          name="trialEndPolicy"
          defaultValue={v("trialEndPolicy")}
          errors={e("trialEndPolicy")}
        >
          <option value="suspend">Suspend, then cancel after the grace period</option>
          <option value="convert">Convert to paid</option>
        </SelectField>
        <Field
          label="Grace before cancelling (days)"
          name="trialGraceDays"
          type="number"
          min={0}
          defaultValue={v("trialGraceDays")}
          errors={e("trialGraceDays")}
        />
        <div />
        <Field
          label="Default ramp-up (months)"
          name="rampUpDefaultCycles"
          type="number"
          min={0}
          defaultValue={v("rampUpDefaultCycles")}
          errors={e("rampUpDefaultCycles")}
          hint="Pre-selected on the sign-up form for paid plans."
        />
        <Field
          label="Maximum ramp-up (months)"
          name="rampUpMaxCycles"
          type="number"
          min={0}
          defaultValue={v("rampUpMaxCycles")}
          errors={e("rampUpMaxCycles")}
          hint="0 hides the ramp-up choice on the storefront."
        />
        <Field
          label="Payment terms (days)"
          name="paymentTermsDays"
          type="number"
          min={0}
          max={365}
          required
          defaultValue={v("paymentTermsDays")}
          errors={e("paymentTermsDays")}
          hint="An invoice is due this many days after it is issued (0: on issue). Invoices issued from now on."
        />
        <Field
          label="Payment reminders (days after the due date)"
          name="invoiceReminderDays"
          inputMode="numeric"
          placeholder="7, 14"
          defaultValue={reminderDays}
          errors={e("invoiceReminderDays")}
          hint="Comma-separated, e.g. 7, 14: an unpaid invoice's billing contacts get a reminder, with the PDF, on each of these days. Empty: no reminders."
        />
      </fieldset>
      {canEdit && (
        <div>
          <SubmitButton pendingText="Saving…">Save policies</SubmitButton>
        </div>
      )}
    </form>
  );
}

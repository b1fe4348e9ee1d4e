"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";

export type EditedTaxRate = {
  country: string;
  countryName: string;
  ratePercent: string;
  label: string;
  resellers: number;
};

/**
 * Adds a country or edits one row. Changing a rate asks for confirmation first: it decides what new
 * resellers there pay (existing resellers keep theirs).
 */
export function TaxRateForm({
  action,
  editing,
  countries,
}: {
  action: FormAction<unknown>;
  editing: EditedTaxRate | null;
  countries: { code: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const v = (k: "country" | "ratePercent" | "label", initial: string) => state?.values?.[k] ?? initial;
  const e = (k: string) => state?.fieldErrors?.[k];
  // Controlled: React resets a form after its action, and an uncontrolled select would fall back to its
  // first option instead of the country just typed; each answer (error or success) sets it again.
  const [country, setCountry] = useState(v("country", ""));
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setCountry(v("country", ""));
  }
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        const rate = String(form.get("ratePercent") ?? "").trim();
        if (!editing || rate === editing.ratePercent) return;
        const existing =
          editing.resellers === 1
            ? "The 1 existing reseller there keeps its rate"
            : `The ${editing.resellers} existing resellers there keep theirs`;
        const message = `Change ${editing.countryName}'s rate from ${editing.ratePercent} % to ${rate} %? Resellers signing up from ${editing.countryName} get the new rate. ${existing}; change a reseller's own rate on its page.`;
        if (!window.confirm(message)) event.preventDefault();
      }}
    >
      <FormMessage ok={state?.ok} message={state?.message} />
      <input type="hidden" name="mode" value={editing ? "update" : "create"} />
      <div className="grid gap-5 sm:grid-cols-3">
        {editing ? (
          <>
            <input type="hidden" name="country" value={editing.country} />
            <Field
              label="Country"
              name="countryShown"
              value={`${editing.countryName} (${editing.country})`}
              readOnly
            />
          </>
        ) : (
          <SelectField
            label="Country"
            name="country"
            value={country}
            onChange={setCountry}
            errors={e("country")}
          >
            <option value="">Choose a country…</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </SelectField>
        )}
        <Field
          label="Rate (%)"
          name="ratePercent"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={v("ratePercent", editing?.ratePercent ?? "")}
          errors={e("ratePercent")}
          hint="0 to 100, up to 4 decimals."
        />
        <Field
          label="Label"
          name="label"
          defaultValue={v("label", editing?.label ?? "")}
          errors={e("label")}
          hint="What the rate is, e.g. VAT standard rate."
          maxLength={80}
        />
      </div>
      <div>
        <SubmitButton pendingText="Saving…">
          {editing ? `Save ${editing.countryName}` : "Add country"}
        </SubmitButton>
      </div>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { CheckField, TextAreaField } from "./check-field";

export type SourceTier = { id: string; code: string; name: string };

/** Adds a tier with its USD commitment and a copy of another tier's unit prices (domain.md §2.1). */
export function TierCreateForm({
  sources,
  defaultSource,
  canBeOrderable,
  action,
}: {
  sources: SourceTier[];
  defaultSource: string;
  /** The version in force this month can still be priced (no issued invoice locks it). */
  canBeOrderable: boolean;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const v = (k: string, fallback = "") => state?.values?.[k] ?? fallback;
  const e = (k: string) => state?.fieldErrors?.[k];
  const ticked = (k: string, fallback: boolean) => (state?.values ? state.values[k] === "on" : fallback);
  return (
    <form action={formAction} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Code"
          name="code"
          defaultValue={v("code")}
          errors={e("code")}
          hint="Like T6: capital letters, digits, - or _."
        />
        <Field label="Name" name="name" defaultValue={v("name")} errors={e("name")} />
        <div className="sm:col-span-2">
          <TextAreaField
            label="Description"
            name="description"
            defaultValue={v("description")}
            errors={e("description")}
          />
        </div>
        <Field
          label="Monthly commitment (USD)"
          name="commitmentUsd"
          inputMode="decimal"
          defaultValue={v("commitmentUsd")}
          errors={e("commitmentUsd")}
          hint="Other currencies use USD × FX until the price book sets an amount."
        />
        <SelectField
          label="Copy unit prices from"
          name="copyFrom"
          defaultValue={v("copyFrom", defaultSource)}
          errors={e("copyFrom")}
          hint="Every currency's unit prices of that tier are copied; adjust them in the price book."
        >
          {sources.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.code})
            </option>
          ))}
        </SelectField>
        <Field
          label="Acronis tier level value"
          name="tierLevelValue"
          type="number"
          min={-1}
          step={1}
          defaultValue={v("tierLevelValue", "-1")}
          errors={e("tierLevelValue")}
          hint="A whole number from -1."
        />
        <Field
          label="Display order"
          name="sortOrder"
          type="number"
          min={0}
          step={1}
          defaultValue={v("sortOrder", "100")}
          errors={e("sortOrder")}
        />
      </div>
      <div className="flex flex-col gap-4">
        <CheckField
          label="Trial allowed"
          name="trialAllowed"
          defaultChecked={ticked("trialAllowed", true)}
          errors={e("trialAllowed")}
        />
        <CheckField
          label="Orderable now"
          name="orderable"
          defaultChecked={ticked("orderable", false)}
          disabled={!canBeOrderable}
          errors={e("orderable")}
          hint={
            canBeOrderable
              ? "Leave unticked to check its prices in the price book first."
              : "The price version in force priced issued invoices and cannot price a new tier: it can be made orderable once the next version is in force."
          }
        />
      </div>
      <div>
        <SubmitButton pendingText="Adding…">Add tier</SubmitButton>
      </div>
    </form>
  );
}

"use client";
import { useState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { ConfirmStep } from "./confirm-step";
import { useConfirmedAction } from "./use-confirm";

const kinds = [
  { value: "none", label: "None: plain sell prices" },
  { value: "sell_discount", label: "Discount on sell prices: sell × (1 − p)" },
  { value: "cost_markup", label: "Markup on cost: cost × (1 + p)" },
  { value: "cost_margin", label: "Margin on cost: cost ÷ (1 − p)" },
];

/** A reseller's price adjustment (domain.md §2.2), with a reason and a confirm step showing the next invoice. */
export function PriceAdjustmentForm({
  resellerId,
  kind,
  percent,
  action,
}: {
  resellerId: string;
  kind: string | null;
  percent: string | null;
  action: FormAction<unknown>;
}) {
  const { state, formAction, confirming, back, message } = useConfirmedAction(action);
  const v = state?.values;
  const [chosen, setChosen] = useState(v?.kind ?? kind ?? "none");
  const e = (k: string) => state?.fieldErrors?.[k];
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={message} />
      <fieldset disabled={Boolean(confirming)} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Price adjustment</legend>
        <input type="hidden" name="resellerId" value={resellerId} />
        <SelectField
          label="Adjustment"
          name="kind"
          value={chosen}
          onChange={setChosen}
          errors={e("kind")}
          hint="Cost is the sell price less the distributor discount."
        >
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <Field
          id="adjustment-percent"
          label="Percentage (p)"
          name="percent"
          inputMode="decimal"
          autoComplete="off"
          disabled={chosen === "none"}
          defaultValue={v?.percent ?? (percent ? String(Number(percent)) : "")}
          errors={e("percent")}
          hint="e.g. 10 or 12.5"
        />
        <Field
          id="adjustment-reason"
          className="sm:col-span-2"
          label="Reason for the price adjustment"
          name="reason"
          maxLength={500}
          defaultValue={v?.reason ?? ""}
          errors={e("reason")}
          hint="Required; kept in the audit log with the old and new adjustment."
        />
      </fieldset>
      {confirming && v ? (
        <ConfirmStep
          id="adjustment-confirm"
          title="This changes what the reseller pays"
          lines={confirming}
          values={v}
          onBack={back}
        />
      ) : (
        <div>
          <SubmitButton variant="secondary">Review price change</SubmitButton>
        </div>
      )}
    </form>
  );
}

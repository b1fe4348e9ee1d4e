"use client";
import { type FormEvent, useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { CheckField } from "./check-field";

export type SkuFormValues = {
  id: string;
  code: string;
  acronisUnit: string;
  name: string;
  unit: string;
  aggregation: "peak" | "last";
  divisor: string;
  storefront: boolean;
  active: boolean;
  isMain: boolean;
  sortOrder: number;
  /** "" when the service bills usage under its own code. */
  acronisName: string;
  /** "" for a service that is not storage. */
  storageOwner: "" | "acronis" | "hyperscaler";
};

/** "1073741824.0000" and "1073741824" are the same divisor. */
function canonical(value: string): string {
  let v = value.trim();
  if (v.includes(".")) v = v.replace(/0+$/, "").replace(/\.$/, "");
  return v.replace(/^0+(?=\d)/, "");
}

/**
 * Edits a service (domain.md §2.3). A new aggregation or divisor changes the billable quantity, so what
 * resellers pay: the form asks for a confirmation first (and the server refuses it unconfirmed).
 */
export function SkuForm({ initial, action }: { initial: SkuFormValues; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, undefined);
  const [confirming, setConfirming] = useState(false);
  const [seen, setSeen] = useState(state);
  // A new answer from the server: ask again if it wants the confirmation, close the step once saved.
  if (state !== seen) {
    setSeen(state);
    if (state?.fieldErrors?.confirmBillingChange) setConfirming(true);
    else if (state?.ok) setConfirming(false);
  }
  const needsConfirm = confirming;
  const v = (k: keyof SkuFormValues) => state?.values?.[k] ?? String(initial[k]);
  const ticked = (k: "storefront" | "active" | "isMain") =>
    state?.values ? state.values[k] === "on" : initial[k];
  const e = (k: string) => state?.fieldErrors?.[k];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (needsConfirm) return;
    const form = new FormData(event.currentTarget);
    const aggregation = String(form.get("aggregation") ?? "");
    const divisor = String(form.get("divisor") ?? "");
    const acronisName = String(form.get("acronisName") ?? "").trim();
    const sameName = (acronisName || initial.code) === (initial.acronisName || initial.code);
    const storageOwner = String(form.get("storageOwner") ?? "");
    if (
      aggregation !== initial.aggregation ||
      canonical(divisor) !== canonical(initial.divisor) ||
      !sameName ||
      storageOwner !== initial.storageOwner
    ) {
      event.preventDefault();
      setConfirming(true);
    }
  };
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <FormMessage
        ok={state?.ok}
        message={state?.fieldErrors?.confirmBillingChange ? undefined : state?.message}
      />
      <input type="hidden" name="id" value={initial.id} />
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-800">Acronis code</dt>
          <dd className="break-all font-mono text-slate-600">{initial.code}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-800">Acronis unit</dt>
          <dd className="text-slate-600">{initial.acronisUnit} (set by Acronis, not editable)</dd>
        </div>
      </dl>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Display name" name="name" defaultValue={v("name")} errors={e("name")} />
        <Field
          label="Unit shown"
          name="unit"
          defaultValue={v("unit")}
          errors={e("unit")}
          hint="What a quantity is counted in on invoices and the storefront, like workload or GB."
        />
        <SelectField
          label="Aggregation over a month"
          name="aggregation"
          defaultValue={v("aggregation")}
          errors={e("aggregation")}
          hint="Peak: the highest daily value. Last: the last daily value (counters cumulative since the month began)."
        >
          <option value="peak">Peak daily value</option>
          <option value="last">Last daily value</option>
        </SelectField>
        <Field
          label="Divisor"
          name="divisor"
          inputMode="decimal"
          defaultValue={v("divisor")}
          errors={e("divisor")}
          hint="Acronis's value ÷ this = the billable quantity (1073741824 turns bytes into GB, 3600 seconds into hours)."
        />
        <Field
          label="Acronis offering item billed"
          name="acronisName"
          defaultValue={v("acronisName")}
          errors={e("acronisName")}
          placeholder={initial.code}
          hint="The usage rows this service bills, when not its own code (e.g. pw_base_storage for a hyperscaler storage service). Empty: the code."
        />
        <SelectField
          label="Storage it bills"
          name="storageOwner"
          defaultValue={v("storageOwner")}
          errors={e("storageOwner")}
          hint="Storage is billed by where it lives. Partner-owned storage is never billed, so no service can bill it."
        >
          <option value="">Not storage (any infrastructure)</option>
          <option value="acronis">Acronis-hosted storage</option>
          <option value="hyperscaler">Hyperscaler storage (public cloud)</option>
        </SelectField>
        <Field
          label="Display order"
          name="sortOrder"
          type="number"
          min={0}
          step={1}
          defaultValue={v("sortOrder")}
          errors={e("sortOrder")}
        />
      </div>
      <div className="flex flex-col gap-4">
        <CheckField
          label="Enabled"
          name="active"
          defaultChecked={ticked("active")}
          errors={e("active")}
          hint="A disabled service is no longer offered; usage Acronis still reports for it is billed at its price, so none is lost."
        />
        <CheckField
          label="Shown on the storefront"
          name="storefront"
          defaultChecked={ticked("storefront")}
          errors={e("storefront")}
          hint="Listed in the storefront's price table and estimator (main services only)."
        />
        <CheckField
          label="Main service"
          name="isMain"
          defaultChecked={ticked("isMain")}
          errors={e("isMain")}
          hint="Main services make up the storefront's price table."
        />
      </div>
      {needsConfirm ? (
        <section
          aria-labelledby="sku-confirm"
          className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <input type="hidden" name="confirmBillingChange" value="yes" />
          <h3 id="sku-confirm" className="font-semibold">
            This changes what resellers pay
          </h3>
          <p className="mt-1">
            A new aggregation, divisor, Acronis offering item or storage changes what {initial.name} bills:
            every invoice drafted from now on (previews and month-to-date estimates too) counts usage the new
            way. Issued invoices never change.
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <SubmitButton pendingText="Saving…">Confirm and save</SubmitButton>
            <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </section>
      ) : (
        <div>
          <SubmitButton pendingText="Saving…">Save service</SubmitButton>
        </div>
      )}
    </form>
  );
}

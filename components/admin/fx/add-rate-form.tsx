"use client";
import { useActionState, useState } from "react";
import { addRateAction } from "@/app/(admin)/admin/fx/actions";
import { buttonClass } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

const FIELDS = ["from", "to", "date", "rate", "source"] as const;

/** Add a rate in two steps: the server checks it and says what it changes, then the person confirms. */
export function AddRateForm({ today, currencies }: { today: string; currencies: string[] }) {
  const [state, action] = useActionState(addRateAction, undefined);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const data = state?.ok ? state.data : undefined;
  const confirming = data?.stage === "confirm" && dismissed !== state;
  // After a save the fields start empty again (the key remounts them).
  const done = data?.stage === "done";
  const v = (k: (typeof FIELDS)[number]) => (done ? undefined : state?.values?.[k]);
  const e = (k: string) => state?.fieldErrors?.[k];
  return (
    <form action={action} noValidate className="flex flex-col gap-4" key={done ? String(data?.id) : "form"}>
      <FormMessage ok={state?.ok} message={state?.message || undefined} />
      <fieldset disabled={confirming} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field
          label="From"
          name="from"
          defaultValue={v("from") ?? "EUR"}
          errors={e("from")}
          maxLength={3}
          autoCapitalize="characters"
          list="fx-currencies"
          hint="1 unit of this currency…"
        />
        <Field
          label="To"
          name="to"
          defaultValue={v("to") ?? ""}
          errors={e("to")}
          maxLength={3}
          autoCapitalize="characters"
          list="fx-currencies"
          hint="…is worth the rate in this one."
        />
        <Field label="Date" name="date" type="date" defaultValue={v("date") ?? today} errors={e("date")} />
        <Field
          label="Rate"
          name="rate"
          inputMode="decimal"
          defaultValue={v("rate") ?? ""}
          errors={e("rate")}
          hint="Above 0, up to 10 decimals."
        />
        <Field label="Source" name="source" defaultValue={v("source") ?? "manual"} errors={e("source")} />
      </fieldset>
      <datalist id="fx-currencies">
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {confirming && data?.stage === "confirm" ? (
        <div
          role="alertdialog"
          aria-labelledby="add-rate-confirm"
          className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200"
        >
          <p id="add-rate-confirm" className="font-medium text-slate-900">
            Add 1 {data.from} = {data.rate} {data.to}, dated {data.date} ({data.source})?
          </p>
          <p className="mt-1 text-slate-700">{data.effect}</p>
          {FIELDS.map((k) => (
            <input key={k} type="hidden" name={k} value={String(data[k])} />
          ))}
          <input type="hidden" name="confirmed" value="1" />
          <div className="mt-3 flex flex-wrap gap-2">
            <SubmitButton pendingText="Adding…">Confirm: add rate</SubmitButton>
            <button type="button" className={buttonClass("secondary")} onClick={() => setDismissed(state)}>
              Change it
            </button>
          </div>
        </div>
      ) : (
        <div>
          <SubmitButton variant="secondary" pendingText="Checking…">
            Add rate
          </SubmitButton>
        </div>
      )}
    </form>
  );
}

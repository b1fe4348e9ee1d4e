"use client";
import { useActionState, useState } from "react";
import { correctRateAction, deleteRateAction } from "@/app/(admin)/admin/fx/actions";
import { buttonClass } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Rate = { id: string; from: string; to: string; date: string; rate: string; source: string };

/** Correct or delete a future-dated rate no issued invoice used; each asks for a confirmation first. */
export function RateActions({ rate }: { rate: Rate }) {
  const [open, setOpen] = useState<"none" | "correct" | "delete">("none");
  const label = `${rate.from} → ${rate.to} rate of ${rate.date}`;
  if (open === "correct") return <CorrectForm rate={rate} label={label} onClose={() => setOpen("none")} />;
  if (open === "delete") return <DeleteForm rate={rate} label={label} onClose={() => setOpen("none")} />;
  return (
    <div className="flex gap-2">
      <button
        type="button"
        className={buttonClass("secondary", "px-3 py-1 text-xs")}
        aria-label={`Correct the ${label}`}
        onClick={() => setOpen("correct")}
      >
        Correct
      </button>
      <button
        type="button"
        className={buttonClass("ghost", "px-3 py-1 text-xs text-red-700")}
        aria-label={`Delete the ${label}`}
        onClick={() => setOpen("delete")}
      >
        Delete
      </button>
    </div>
  );
}

function CorrectForm({ rate, label, onClose }: { rate: Rate; label: string; onClose: () => void }) {
  const [state, action] = useActionState(correctRateAction, undefined);
  const data = state?.ok ? state.data : undefined;
  const confirming = data?.stage === "confirm";
  const value = (k: "rate" | "source") =>
    state?.values?.[k] ??
    (data?.stage === "confirm" ? data[k] : undefined) ??
    rate[k].replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  if (data?.stage === "done") return <FormMessage ok message={state?.message} />;
  return (
    <form
      action={action}
      noValidate
      aria-label={`Correct the ${label}`}
      className="flex min-w-56 flex-col gap-2 whitespace-normal"
    >
      <input type="hidden" name="id" value={rate.id} />
      <FormMessage ok={false} message={state && !state.ok ? state.message : undefined} />
      <fieldset disabled={confirming} className="flex flex-col gap-2">
        <Field
          label="New rate"
          name="rate"
          id={`rate-${rate.id}`}
          inputMode="decimal"
          defaultValue={value("rate")}
          errors={state?.fieldErrors?.rate}
        />
        <Field
          label="Source"
          name="source"
          id={`source-${rate.id}`}
          defaultValue={value("source")}
          errors={state?.fieldErrors?.source}
        />
      </fieldset>
      {confirming ? (
        <div
          role="alertdialog"
          aria-label="Confirm the correction"
          className="rounded-md bg-amber-50 p-2 text-xs ring-1 ring-amber-200"
        >
          <p className="text-slate-800">
            Change 1 {data.from} = {data.before} {data.to} to {data.rate}, from {data.date}? Invoices dated on
            or after {data.date} will use it.
          </p>
          <input type="hidden" name="rate" value={data.rate} />
          <input type="hidden" name="source" value={data.source} />
          <input type="hidden" name="confirmed" value="1" />
          <div className="mt-2 flex gap-2">
            <SubmitButton pendingText="Saving…" className="px-3 py-1 text-xs">
              Confirm correction
            </SubmitButton>
            <button type="button" className={buttonClass("secondary", "px-3 py-1 text-xs")} onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex gap-2">
          <SubmitButton variant="secondary" pendingText="Checking…" className="px-3 py-1 text-xs">
            Save
          </SubmitButton>
          <button type="button" className={buttonClass("ghost", "px-3 py-1 text-xs")} onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

function DeleteForm({ rate, label, onClose }: { rate: Rate; label: string; onClose: () => void }) {
  const [state, action] = useActionState(deleteRateAction, undefined);
  const data = state?.ok ? state.data : undefined;
  if (data?.stage === "done") return <FormMessage ok message={state?.message} />;
  return (
    <form
      action={action}
      aria-label={`Delete the ${label}`}
      className="flex min-w-56 flex-col gap-2 whitespace-normal"
    >
      <input type="hidden" name="id" value={rate.id} />
      <input type="hidden" name="confirmed" value="1" />
      <FormMessage ok={false} message={state && !state.ok ? state.message : undefined} />
      <p role="alertdialog" aria-label="Confirm the deletion" className="text-xs text-slate-800">
        Delete the {label} (1 {rate.from} = {rate.rate} {rate.to})? Until another rate is dated, invoices use
        the one before it.
      </p>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText="Deleting…" className="px-3 py-1 text-xs">
          Confirm delete
        </SubmitButton>
        <button type="button" className={buttonClass("secondary", "px-3 py-1 text-xs")} onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

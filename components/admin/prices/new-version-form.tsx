"use client";
import { useActionState } from "react";
import { FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { formatPeriod } from "@/lib/format";

/** A new version from the 1st of a month: a copy of the version in force before it, ready to edit. */
export function NewVersionForm({
  months,
  defaultMonth,
  action,
}: {
  /** Months a version may start: after the last issued period, none already taken. */
  months: string[];
  defaultMonth: string;
  action: FormAction<unknown>;
}) {
  const [state, submit] = useActionState(action, undefined);
  if (months.length === 0) {
    return <p className="text-sm text-slate-600">Every open month already has a version.</p>;
  }
  return (
    <form action={submit} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={state && !state.ok ? state.message : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Effective from"
          name="month"
          defaultValue={state?.values?.month ?? defaultMonth}
          errors={state?.fieldErrors?.month}
          hint="The 1st of the month. Months already invoiced can't be re-priced."
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {formatPeriod(m)} ({m})
            </option>
          ))}
        </SelectField>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="new-version-note" className="text-sm font-medium text-slate-800">
            Note
          </label>
          <input
            id="new-version-note"
            name="note"
            maxLength={500}
            defaultValue={state?.values?.note ?? ""}
            placeholder="e.g. Acronis list prices 2027"
            aria-invalid={state?.fieldErrors?.note ? true : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
          />
          {state?.fieldErrors?.note && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {state.fieldErrors.note.join(" ")}
            </p>
          )}
        </div>
      </div>
      <div>
        <SubmitButton pendingText="Copying…">Create version</SubmitButton>
      </div>
    </form>
  );
}

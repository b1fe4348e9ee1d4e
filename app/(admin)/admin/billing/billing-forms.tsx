"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatMoney } from "@/lib/format";
import type { PeriodPreview } from "@/lib/invoices/preview";
import { previewAction, startRunAction } from "./actions";

/**
 * Preview any started month (the current one as an estimate); bill closed months only: `closedPeriods` are
 * offered newest first, the server refuses any other month.
 */
export function RunForms({
  closedPeriods,
  currentPeriod,
  nextPeriod,
  canRun,
}: {
  closedPeriods: string[];
  currentPeriod: string;
  /** Previewable before it starts: commitments and top-ups of the price version scheduled for it. */
  nextPeriod: string;
  canRun: boolean;
}) {
  const [previewState, preview] = useActionState(previewAction, undefined);
  const [startState, start] = useActionState(startRunAction, undefined);
  const p = previewState?.data as PeriodPreview | undefined;
  const defaultPeriod = closedPeriods[0] ?? "";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form action={preview} noValidate className="flex flex-col gap-3">
        <Field
          label="Period to preview"
          id="preview-period"
          name="period"
          defaultValue={previewState?.values?.period ?? defaultPeriod}
          errors={previewState?.fieldErrors?.period}
          list="preview-periods"
          hint={`Rates every contract exactly as a run would; stores nothing. ${currentPeriod} is not over: its preview is an estimate. ${nextPeriod} uses the price version scheduled for it.`}
        />
        <datalist id="preview-periods">
          {[nextPeriod, currentPeriod, ...closedPeriods].map((period) => (
            <option key={period} value={period} />
          ))}
        </datalist>
        <div>
          <SubmitButton variant="secondary" pendingText="Rating…">
            Preview
          </SubmitButton>
        </div>
        <FormMessage
          ok={false}
          message={previewState && !previewState.ok ? previewState.message : undefined}
        />
        {p && (
          <div role="status" className="rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
            <p className="font-medium text-slate-900">
              {p.period}
              {p.upcoming
                ? " (forecast — the month has not started: commitments and top-ups only)"
                : p.estimate
                  ? " (estimate — the month is not over)"
                  : ""}
              : {p.invoices} invoice(s) from {p.contracts} contract(s)
              {p.errors ? `, ${p.errors} could not be rated` : ""}
            </p>
            <ul className="mt-1 text-slate-600">
              {Object.entries(p.totalsByCurrency).map(([cur, t]) => (
                <li key={cur}>
                  {cur}: {t.invoices} invoice(s), total {formatMoney(t.total, cur)} (tax{" "}
                  {formatMoney(t.tax, cur)})
                </li>
              ))}
            </ul>
            {p.commitments.length > 0 && (
              <ul aria-label="Commitments" className="mt-2 text-slate-600">
                {p.commitments.map((c) => (
                  <li key={`${c.currency}-${c.tier}-${c.commitment}`}>
                    {c.tier} commitment {formatMoney(c.commitment, c.currency)}: {c.contracts} contract(s)
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
      {canRun && (
        <form action={start} noValidate className="flex flex-col gap-3">
          <Field
            label="Period to bill"
            id="run-period"
            name="period"
            defaultValue={startState?.values?.period ?? defaultPeriod}
            errors={startState?.fieldErrors?.period}
            list="closed-periods"
            hint={`Closed months only (the latest is ${defaultPeriod}). Drafts an invoice per contract; a re-run replaces drafts; issued invoices never change.`}
          />
          <datalist id="closed-periods">
            {closedPeriods.map((period) => (
              <option key={period} value={period} />
            ))}
          </datalist>
          <div>
            <SubmitButton pendingText="Starting…">Start billing run</SubmitButton>
          </div>
          <FormMessage
            ok={startState?.ok}
            message={startState && !startState.ok ? startState.message : undefined}
          />
        </form>
      )}
    </div>
  );
}

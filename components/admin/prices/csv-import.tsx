"use client";
import { useActionState, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import type { ImportPreview } from "@/lib/prices/csv";
import { ChangeList } from "./price-grid";

/**
 * Import a whole version from CSV: choose a file or paste, preview what changes (every line checked, errors
 * with their line numbers), then confirm: all of it is applied, or nothing.
 */
export function CsvImport({
  versionId,
  previewAction,
  applyAction,
}: {
  versionId: string;
  previewAction: FormAction<ImportPreview>;
  applyAction: FormAction<{ applied: number }>;
}) {
  const [previewState, preview] = useActionState(previewAction, undefined);
  const [applyState, apply] = useActionState(applyAction, undefined);
  const [csv, setCsv] = useState("");
  const [dismissed, setDismissed] = useState(false);
  const result = previewState?.ok && !dismissed ? previewState.data : undefined;
  const lineErrors = previewState && !previewState.ok ? previewState.fieldErrors?.csv : undefined;

  useEffect(() => {
    if (applyState?.ok) {
      setCsv("");
      setDismissed(true);
    }
  }, [applyState]);
  useEffect(() => {
    if (previewState) setDismissed(false);
  }, [previewState]);

  return (
    <div className="flex flex-col gap-4">
      <form action={preview} noValidate className="flex flex-col gap-3">
        <input type="hidden" name="versionId" value={versionId} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="price-csv-file" className="text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id="price-csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              setCsv(await file.text());
              setDismissed(true);
            }}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="price-csv" className="text-sm font-medium text-slate-800">
            CSV to import
          </label>
          <textarea
            id="price-csv"
            name="csv"
            rows={6}
            value={csv}
            onChange={(e) => {
              setCsv(e.currentTarget.value);
              setDismissed(true);
            }}
            spellCheck={false}
            placeholder={"kind,tier,sku,currency,amount\ncommitment,T3,,USD,2500.00\nprice,T3,ws,USD,3.50"}
            aria-invalid={lineErrors ? true : undefined}
            aria-describedby="price-csv-hint"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
          />
          <p id="price-csv-hint" className="text-xs text-slate-500">
            One row per cell: kind (price or commitment), tier code, service code (empty for a commitment),
            currency, amount (up to 4 decimals). The header is line 1. Cells the file leaves out are removed.
          </p>
        </div>
        <FormMessage
          ok={false}
          message={previewState && !previewState.ok ? previewState.message : undefined}
        />
        {lineErrors && (
          <ul aria-label="Import errors" className="list-disc pl-5 text-sm text-red-800">
            {lineErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <div>
          <SubmitButton variant="secondary" pendingText="Checking…">
            Preview import
          </SubmitButton>
        </div>
      </form>
      {applyState?.ok && <FormMessage ok message={applyState.message} />}
      {result && result.changes.length === 0 && (
        <p
          role="status"
          className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
        >
          No changes: the file matches this version.
        </p>
      )}
      {result && result.changes.length > 0 && (
        <form action={apply} className="flex flex-col gap-3">
          <input type="hidden" name="versionId" value={versionId} />
          <input type="hidden" name="csv" value={csv} />
          <input type="hidden" name="fingerprint" value={result.fingerprint} />
          <p role="status" className="text-sm font-medium text-slate-900">
            {result.summary.changed} changed, {result.summary.added} added, {result.summary.removed} removed.
            Nothing is imported until you confirm.
          </p>
          <ChangeList changes={result.changes} caption="Changes to import" />
          <FormMessage ok={false} message={applyState && !applyState.ok ? applyState.message : undefined} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Importing…">Import {result.changes.length} change(s)</SubmitButton>
            <button type="button" className={buttonClass("ghost")} onClick={() => setDismissed(true)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

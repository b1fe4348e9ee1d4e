"use client";
import { useActionState, useState } from "react";
import { applyImportAction, previewImportAction } from "@/app/(admin)/admin/fx/actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ImportPreview } from "@/lib/fx/import";

const MAX_BYTES = 1_000_000;

/**
 * ECB reference rates: choose eurofxref.csv / eurofxref-hist.csv (read in the browser into the text box) or
 * paste it → preview (what is new, changed, unchanged, skipped, wrong) → confirm (all or nothing).
 */
export function EcbImportForm() {
  const [csv, setCsv] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [previewState, preview] = useActionState(previewImportAction, undefined);
  const [applyState, apply] = useActionState(applyImportAction, undefined);
  // A preview stands for the text it read: editing the text (or choosing another file) hides it.
  const [staleFor, setStaleFor] = useState<unknown>(null);
  const p = previewState?.ok ? (previewState.data as ImportPreview) : undefined;
  const previewed = p && staleFor !== previewState ? p : undefined;
  const applied = Boolean(applyState?.ok && applyState.values?.fingerprint === previewed?.fingerprint);
  const edit = (text: string) => {
    setCsv(text);
    setStaleFor(previewState);
  };
  const canApply =
    previewed && previewed.errorCount === 0 && previewed.added + previewed.changed > 0 && !applied;

  async function readFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError("This file is over 1 MB: keep the rows of the last three years or so and try again.");
      return;
    }
    edit(await file.text());
  }

  return (
    <div className="flex flex-col gap-4">
      <form action={preview} noValidate className="flex flex-col gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="ecb-file" className="text-sm font-medium text-slate-800">
            ECB CSV file
          </label>
          <input
            id="ecb-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? "ecb-file-error" : "ecb-file-hint"}
            onChange={(e) => readFile(e.currentTarget.files?.[0])}
            className="block w-full max-w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold"
          />
          {fileError ? (
            <p id="ecb-file-error" role="alert" className="text-xs font-medium text-red-700">
              {fileError}
            </p>
          ) : (
            <p id="ecb-file-hint" className="text-xs text-slate-500">
              eurofxref.csv (one day) or eurofxref-hist.csv (every day) from the ECB&apos;s euro foreign
              exchange reference rates; or paste it below.
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="ecb-csv" className="text-sm font-medium text-slate-800">
            CSV text
          </label>
          <textarea
            id="ecb-csv"
            name="csv"
            rows={5}
            value={csv}
            onChange={(e) => edit(e.currentTarget.value)}
            spellCheck={false}
            placeholder={"Date, USD, JPY, GBP, …,\n27 November 2026, 1.0543, 162.12, 0.8365, …,"}
            aria-invalid={Boolean(previewState?.fieldErrors?.csv) || undefined}
            aria-describedby={previewState?.fieldErrors?.csv ? "ecb-csv-error" : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-blue-100"
          />
          {previewState?.fieldErrors?.csv && (
            <p id="ecb-csv-error" role="alert" className="text-xs font-medium text-red-700">
              {previewState.fieldErrors.csv.join(" ")}
            </p>
          )}
        </div>
        <div>
          <SubmitButton variant="secondary" pendingText="Reading…">
            Preview import
          </SubmitButton>
        </div>
        {previewState && !previewState.ok && !previewState.fieldErrors && (
          <FormMessage ok={false} message={previewState.message} />
        )}
      </form>

      {previewed && !applied && <PreviewReport preview={previewed} />}

      {previewed && (canApply || applyState) && (
        <form action={apply} className="flex flex-col gap-3">
          <input type="hidden" name="csv" value={csv} />
          <input type="hidden" name="fingerprint" value={previewed.fingerprint} />
          <FormMessage ok={applyState?.ok} message={applyState?.message} />
          {applyState?.fieldErrors?.csv && (
            <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
              {applyState.fieldErrors.csv.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {canApply && (
            <div className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
              <p className="text-slate-800">
                {previewed.changesToday
                  ? "Some rates are dated today or earlier: the storefront's converted prices and the next invoices use them as soon as you confirm."
                  : "Every new or changed rate is future-dated: nothing uses it before its date."}
              </p>
              <div className="mt-3">
                <SubmitButton pendingText="Importing…">
                  Confirm import ({previewed.added} new, {previewed.changed} changed)
                </SubmitButton>
              </div>
            </div>
          )}
        </form>
      )}
    </div>
  );
}

function PreviewReport({ preview: p }: { preview: ImportPreview }) {
  const range =
    p.firstDate && p.lastDate
      ? p.firstDate === p.lastDate
        ? p.firstDate
        : `${p.firstDate} to ${p.lastDate}`
      : null;
  return (
    <section
      aria-label="Import preview"
      className="flex flex-col gap-3 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200"
    >
      <p className="font-medium text-slate-900" role="status">
        {p.errorCount > 0
          ? `Nothing can be imported: ${p.errorCount} line(s) need fixing.`
          : p.added + p.changed === 0
            ? `Nothing to import: every rate is already stored (${p.unchanged} unchanged).`
            : `${p.added} new, ${p.changed} changed, ${p.unchanged} unchanged${range ? ` (${range})` : ""}.`}
      </p>
      {p.skipped.length > 0 && (
        <p className="text-slate-600">Skipped, not a currency you use: {p.skipped.join(", ")}.</p>
      )}
      {p.errors.length > 0 && (
        <ul aria-label="Lines to fix" className="list-disc pl-5 text-red-700">
          {p.errors.map((e) => (
            <li key={`${e.line}${e.message}`}>
              Line {e.line}: {e.message}
            </li>
          ))}
          {p.errorCount > p.errors.length && <li>…and {p.errorCount - p.errors.length} more.</li>}
        </ul>
      )}
      {p.changed > 0 && (
        <Table caption="Changed rates">
          <thead>
            <tr>
              <Th>Pair</Th>
              <Th>Date</Th>
              <Th numeric>Stored</Th>
              <Th numeric>New</Th>
              <Th numeric>Line</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {p.changedSample.map((e) => (
              <tr key={`${e.to}${e.date}`}>
                <Td>EUR → {e.to}</Td>
                <Td>{e.date}</Td>
                <Td numeric>{e.before}</Td>
                <Td numeric>{e.rate}</Td>
                <Td numeric>{e.line}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {p.added > 0 && (
        <details>
          <summary className="cursor-pointer font-medium text-slate-800">
            New rates{p.added > p.addedSample.length ? ` (first ${p.addedSample.length} of ${p.added})` : ""}
          </summary>
          <Table caption="New rates">
            <thead>
              <tr>
                <Th>Pair</Th>
                <Th>Date</Th>
                <Th numeric>Rate</Th>
                <Th numeric>Line</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.addedSample.map((e) => (
                <tr key={`${e.to}${e.date}`}>
                  <Td>EUR → {e.to}</Td>
                  <Td>{e.date}</Td>
                  <Td numeric>{e.rate}</Td>
                  <Td numeric>{e.line}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </details>
      )}
    </section>
  );
}

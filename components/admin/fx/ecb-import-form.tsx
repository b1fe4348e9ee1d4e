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
  const canApply = previewed && previewed.errorCount === 0 && changes(previewed) > 0 && !applied;

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
                  Confirm import ({previewed.added} new, {previewed.changed} changed
                  {previewed.cross.added + previewed.cross.changed > 0 &&
                    `; ${previewed.cross.added + previewed.cross.changed} cross rates`}
                  )
                </SubmitButton>
              </div>
            </div>
          )}
        </form>
      )}
    </div>
  );
}

/** How many stored rates confirming would add or change, ECB and derived. */
const changes = (p: ImportPreview) => p.added + p.changed + p.cross.added + p.cross.changed;

type Entry = ImportPreview["addedSample"][number];

function PreviewReport({ preview: p }: { preview: ImportPreview }) {
  const range =
    p.firstDate && p.lastDate
      ? p.firstDate === p.lastDate
        ? p.firstDate
        : `${p.firstDate} to ${p.lastDate}`
      : null;
  const c = p.cross;
  return (
    <section
      aria-label="Import preview"
      className="flex flex-col gap-3 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200"
    >
      <p className="font-medium text-slate-900" role="status">
        {p.errorCount > 0
          ? `Nothing can be imported: ${p.errorCount} line(s) need fixing.`
          : changes(p) === 0
            ? `Nothing to import: every rate is already stored (${p.unchanged} unchanged${
                c.unchanged > 0 ? `, ${c.unchanged} derived cross rates unchanged` : ""
              }).`
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
      {p.changed > 0 && <ChangedRates caption="Changed rates" entries={p.changedSample} />}
      {p.added > 0 && <NewRates caption="New rates" entries={p.addedSample} total={p.added} />}
      {p.errorCount === 0 && <CrossRates cross={c} />}
    </section>
  );
}

/** The derived cross rates group: base → X = (EUR → X) ÷ (EUR → base), what the storefront and invoices use. */
function CrossRates({ cross: c }: { cross: ImportPreview["cross"] }) {
  if (!c.base) {
    return (
      <p className="text-slate-600">
        Your base currency is EUR: the storefront and invoices convert with the ECB&apos;s rates as they are.
      </p>
    );
  }
  const total = c.added + c.changed + c.unchanged;
  return (
    <section aria-label="Derived cross rates" className="flex flex-col gap-2 border-t border-slate-200 pt-3">
      <h3 className="font-medium text-slate-900">Derived cross rates</h3>
      <p className="text-slate-600">
        Your prices are in {c.base}, so each {c.base} → currency rate is worked out from the same day&apos;s
        ECB rates: 1 {c.base} = (EUR → currency) ÷ (EUR → {c.base}), rounded half-up to 10 decimals, stored
        with the source &ldquo;ECB (cross via EUR)&rdquo;. The storefront and invoices convert with these.
      </p>
      <p className="font-medium text-slate-900">
        {total === 0
          ? `None: the file has no EUR → ${c.base} rate for its dates.`
          : `${c.added} new, ${c.changed} changed, ${c.unchanged} unchanged.`}
      </p>
      {c.changed > 0 && <ChangedRates caption="Changed cross rates" entries={c.changedSample} />}
      {c.added > 0 && <NewRates caption="New cross rates" entries={c.addedSample} total={c.added} />}
    </section>
  );
}

const pair = (e: Entry) => `${e.from} → ${e.to}`;
/** "11.2010 ÷ 1.0543" for a cross rate: the file's EUR → to over its EUR → from. */
const computed = (e: Entry) => (e.via ? `${e.via.eurToTo} ÷ ${e.via.eurToFrom}` : null);

function ChangedRates({ caption, entries }: { caption: string; entries: Entry[] }) {
  const cross = entries.some((e) => e.via);
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Pair</Th>
          <Th>Date</Th>
          <Th numeric>Stored</Th>
          <Th numeric>New</Th>
          {cross && <Th numeric>Computed as</Th>}
          <Th numeric>Line</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((e) => (
          <tr key={`${e.from}${e.to}${e.date}`}>
            <Td>{pair(e)}</Td>
            <Td>{e.date}</Td>
            <Td numeric>{e.before}</Td>
            <Td numeric>{e.rate}</Td>
            {cross && <Td numeric>{computed(e)}</Td>}
            <Td numeric>{e.line}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function NewRates({ caption, entries, total }: { caption: string; entries: Entry[]; total: number }) {
  const cross = entries.some((e) => e.via);
  return (
    <details>
      <summary className="cursor-pointer font-medium text-slate-800">
        {caption}
        {total > entries.length ? ` (first ${entries.length} of ${total})` : ""}
      </summary>
      <Table caption={caption}>
        <thead>
          <tr>
            <Th>Pair</Th>
            <Th>Date</Th>
            <Th numeric>Rate</Th>
            {cross && <Th numeric>Computed as</Th>}
            <Th numeric>Line</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={`${e.from}${e.to}${e.date}`}>
              <Td>{pair(e)}</Td>
              <Td>{e.date}</Td>
              <Td numeric>{e.rate}</Td>
              {cross && <Td numeric>{computed(e)}</Td>}
              <Td numeric>{e.line}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </details>
  );
}

/** Shown while a month's reconciliation is computed (the invoice lines and the stored report are read). */
export default function ReconciliationLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-6">
      <span className="sr-only">Loading the reconciliation…</span>
      <div aria-hidden className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div aria-hidden className="h-20 animate-pulse rounded-lg bg-white shadow-sm ring-1 ring-slate-200" />
      <div aria-hidden className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 animate-pulse rounded-lg bg-white shadow-sm ring-1 ring-slate-200" />
        ))}
      </div>
      {[0, 1, 2].map((i) => (
        <div
          key={i}
          aria-hidden
          className="h-14 animate-pulse rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        />
      ))}
    </div>
  );
}

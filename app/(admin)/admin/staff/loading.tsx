/** Shown while the staff list is read. */
export default function StaffLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-6">
      <span className="sr-only">Loading the staff…</span>
      <div aria-hidden className="h-8 w-32 animate-pulse rounded bg-slate-200" />
      <div aria-hidden className="h-48 animate-pulse rounded-lg bg-white shadow-sm ring-1 ring-slate-200" />
      <div aria-hidden className="h-64 animate-pulse rounded-lg bg-white shadow-sm ring-1 ring-slate-200" />
    </div>
  );
}

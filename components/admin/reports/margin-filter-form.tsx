import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { MarginFilters } from "@/lib/reports/margin-filters";

const inputClass =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100";
const labelClass = "text-xs font-medium text-slate-600";

/**
 * The report's filters as a plain GET form: submitting rewrites the URL, so a view is a link to share and
 * the page works without JavaScript.
 */
export function MarginFilterForm({
  filters,
  resellers,
  currencies,
}: {
  filters: MarginFilters;
  resellers: { id: string; name: string }[];
  currencies: string[];
}) {
  return (
    <form
      method="get"
      action="/admin/reports/margin"
      aria-label="Report filters"
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm sm:grid-cols-2 xl:grid-cols-[repeat(4,minmax(0,1fr))_auto] xl:items-end"
    >
      {filters.view !== "reseller" && <input type="hidden" name="view" value={filters.view} />}
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="margin-from" className={labelClass}>
          From month
        </label>
        <input
          id="margin-from"
          name="from"
          type="month"
          required
          defaultValue={filters.from}
          className={inputClass}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="margin-to" className={labelClass}>
          To month
        </label>
        <input
          id="margin-to"
          name="to"
          type="month"
          required
          defaultValue={filters.to}
          className={inputClass}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="margin-reseller" className={labelClass}>
          Reseller
        </label>
        <select
          id="margin-reseller"
          name="reseller"
          defaultValue={filters.resellerId ?? ""}
          className={inputClass}
        >
          <option value="">All resellers</option>
          {resellers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="margin-currency" className={labelClass}>
          Invoice currency
        </label>
        <select
          id="margin-currency"
          name="currency"
          defaultValue={filters.currency ?? ""}
          className={inputClass}
        >
          <option value="">All currencies</option>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2 sm:col-span-2 xl:col-span-1">
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        <Link href="/admin/reports/margin" className={buttonClass("secondary")}>
          Reset
        </Link>
      </div>
    </form>
  );
}

import { buttonClass } from "@/components/ui/button";
import { formatPeriod } from "@/lib/format";

/** The months with issued invoices, as a plain GET form: the month is in the URL and works without JavaScript. */
export function MonthPicker({ months, period }: { months: string[]; period: string }) {
  return (
    <form method="get" action="/admin/reconciliation" className="flex min-w-0 flex-wrap items-end gap-2">
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="reconciliation-month" className="text-xs font-medium text-slate-600">
          Month
        </label>
        <select
          id="reconciliation-month"
          name="month"
          defaultValue={period}
          className="block min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {formatPeriod(m)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show
      </button>
    </form>
  );
}

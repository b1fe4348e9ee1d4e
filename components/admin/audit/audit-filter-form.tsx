import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { AuditFilters } from "@/lib/audit/filters";
import { actionLabel, entityLabel } from "@/lib/audit/labels";

const inputClass =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100";
const labelClass = "text-xs font-medium text-slate-600";

/** Who, what kind and when, as a GET form: each view of the log is a URL. */
export function AuditFilterForm({
  filters,
  choices,
}: {
  filters: AuditFilters;
  choices: { actors: { value: string; name: string }[]; actions: string[]; entityTypes: string[] };
}) {
  return (
    <form
      method="get"
      action="/admin/audit"
      aria-label="Audit log filters"
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm sm:grid-cols-2 xl:grid-cols-[repeat(4,minmax(0,1fr))_auto] xl:items-end"
    >
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Who
        </label>
        <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={inputClass}>
          <option value="">Everyone</option>
          {choices.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-kind" className={labelClass}>
          Kind
        </label>
        <select id="audit-kind" name="kind" defaultValue={filters.kind ?? ""} className={inputClass}>
          <option value="">Every change</option>
          <optgroup label="What changed">
            {choices.entityTypes.map((e) => (
              <option key={e} value={e}>
                {entityLabel(e)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Action">
            {choices.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-from" className={labelClass}>
          From day
        </label>
        <input
          id="audit-from"
          name="from"
          type="date"
          defaultValue={filters.from ?? ""}
          className={inputClass}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="audit-to" className={labelClass}>
          To day
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} />
      </div>
      <div className="flex gap-2 sm:col-span-2 xl:col-span-1">
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        <Link href="/admin/audit" className={buttonClass("secondary")}>
          Reset
        </Link>
      </div>
    </form>
  );
}

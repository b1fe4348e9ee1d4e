"use client";
import { useId } from "react";
import { monthLabel } from "@/components/charts/format";
import type { UsageFilters, UsageSummary } from "@/lib/dashboard/types";

type Patch = Partial<Record<"month" | "customer" | "service", string | undefined>>;

const selectClass =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

/** Month, customer and service filters; each change rewrites the URL (shareable views). */
export function UsageFilterBar({
  summary,
  filters,
  onChange,
  busy,
}: {
  summary: UsageSummary | undefined;
  filters: UsageFilters;
  onChange: (patch: Patch) => void;
  busy: boolean;
}) {
  const id = useId();
  const options = summary?.options;
  const months = options?.months ?? [];
  const current = months[0];
  const filtered = Boolean(filters.month || filters.customer || filters.service);
  return (
    <form
      aria-label="Filters"
      aria-busy={busy}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm sm:grid-cols-[repeat(3,minmax(0,1fr))_auto] sm:items-end"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-month`} className="text-xs font-medium text-slate-600">
          Month
        </label>
        <select
          id={`${id}-month`}
          className={selectClass}
          value={filters.month ?? current ?? ""}
          onChange={(e) => onChange({ month: e.target.value === current ? undefined : e.target.value })}
        >
          {months.map((month, i) => (
            <option key={month} value={month}>
              {monthLabel(month)}
              {i === 0 ? " (this month)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-customer`} className="text-xs font-medium text-slate-600">
          Customer
        </label>
        <select
          id={`${id}-customer`}
          className={selectClass}
          value={filters.customer ?? ""}
          onChange={(e) => onChange({ customer: e.target.value || undefined })}
        >
          <option value="">All customers</option>
          {options?.customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-service`} className="text-xs font-medium text-slate-600">
          Service
        </label>
        <select
          id={`${id}-service`}
          className={selectClass}
          value={filters.service ?? ""}
          onChange={(e) => onChange({ service: e.target.value || undefined })}
        >
          <option value="">All services</option>
          {options?.services.map((s) => (
            <option key={s.sku} value={s.sku}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        disabled={!filtered}
        onClick={() => onChange({ month: undefined, customer: undefined, service: undefined })}
        className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Clear filters
      </button>
    </form>
  );
}

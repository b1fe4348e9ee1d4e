"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DailyCostChart } from "@/components/charts/daily-cost-chart";
import { MonthlyBilledChart } from "@/components/charts/monthly-billed-chart";
import { ServiceBreakdownChart } from "@/components/charts/service-breakdown-chart";
import { TopCustomersChart } from "@/components/charts/top-customers-chart";
import { fetchJson, type UsageSource, usageKeys, usageUrls } from "@/lib/dashboard/api";
import type { DailySeries, MonthlyHistory, UsageSummary } from "@/lib/dashboard/types";
import { UsageFilterBar } from "./usage-filter-bar";
import { UsageKpis } from "./usage-kpis";
import { useUsageFilters } from "./use-usage-filters";

/**
 * The usage dashboard a reseller opens every morning, and the back office's read-only view of it: the same
 * component, fed by `/api/portal/usage` or `/api/admin/usage/resellers/<id>` (the server prefetches the first
 * view, TanStack Query fetches the next ones as filters change).
 */
export function UsageDashboard({
  source,
  customerBase,
  invoiceBase,
}: {
  source: UsageSource;
  /** Customer pages live under this path (`/portal/customers`, or the back office's read-only copy). */
  customerBase: string;
  invoiceBase: string;
}) {
  const { filters, by, set } = useUsageFilters();
  const summary = useQuery({
    queryKey: usageKeys.summary(source, filters),
    queryFn: () => fetchJson<UsageSummary>(usageUrls.summary(source, filters)),
    placeholderData: keepPreviousData,
  });
  const daily = useQuery({
    queryKey: usageKeys.daily(source, filters, by),
    queryFn: () => fetchJson<DailySeries>(usageUrls.daily(source, filters, by)),
    placeholderData: keepPreviousData,
  });
  const history = useQuery({
    queryKey: usageKeys.history(source, filters.month),
    queryFn: () => fetchJson<MonthlyHistory>(usageUrls.history(source, filters.month)),
    placeholderData: keepPreviousData,
  });

  if (summary.isError) {
    return (
      <div role="alert" className="rounded-lg bg-red-50 px-5 py-4 text-sm text-red-900 ring-1 ring-red-200">
        {summary.error.message}{" "}
        <button
          type="button"
          className="font-semibold underline"
          onClick={() => set({ customer: undefined, service: undefined, month: undefined })}
        >
          Show this month
        </button>
      </div>
    );
  }
  const data = summary.data;
  const currency = data?.currency ?? "USD";
  const monthQuery = filters.month ? `?month=${filters.month}` : "";
  return (
    <div className="flex flex-col gap-6">
      <UsageFilterBar summary={data} filters={filters} onChange={set} busy={summary.isFetching} />
      {data ? (
        <UsageKpis summary={data} invoiceBase={invoiceBase} />
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3" aria-busy="true">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-32 animate-pulse rounded-lg bg-slate-200/70" />
          ))}
        </div>
      )}
      <DailyCostChart
        data={daily.data}
        currency={currency}
        by={by}
        onByChange={(next) => set({ by: next === "customer" ? undefined : next })}
        loading={daily.isPending}
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ServiceBreakdownChart data={data?.services} currency={currency} loading={summary.isPending} />
        <TopCustomersChart
          data={data?.customers}
          others={data?.otherCustomers}
          allHref={source.customerList}
          currency={currency}
          loading={summary.isPending}
          customerHref={(id) => `${customerBase}/${id}${monthQuery}`}
        />
      </div>
      <MonthlyBilledChart
        data={history.data}
        currency={history.data?.currency ?? currency}
        loading={history.isPending}
        invoiceHref={(id) => `${invoiceBase}/${id}`}
      />
      {data && data.customers.length > 0 && (
        <p className="text-xs text-slate-500">
          Every amount is rated by the same engine as your invoices.{" "}
          <Link
            href={`${customerBase}/${data.customers[0]?.id}${monthQuery}`}
            className="text-brand hover:underline"
          >
            Open your largest customer →
          </Link>
        </p>
      )}
    </div>
  );
}

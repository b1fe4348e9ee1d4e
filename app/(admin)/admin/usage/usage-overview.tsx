"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AdminTrendChart } from "@/components/charts/admin-trend-chart";
import { monthLabel } from "@/components/charts/format";
import { buttonClass } from "@/components/ui/button";
import { Kpi } from "@/components/ui/kpi";
import { dec } from "@/lib/billing";
import { fetchJson } from "@/lib/dashboard/api";
import type { AdminUsageOverview } from "@/lib/dashboard/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { BelowCommitmentCard, FastestGrowingCard, TrialsEndingCard } from "./overview-cards";
import { OVERVIEW_REFETCH_MS, overviewKey, overviewUrl } from "./overview-query";

/**
 * The back office's usage overview: the current month's projection across resellers, the billing trend, and
 * the resellers to look at. Hydrated from the page's prefetch, refetched from the route handler.
 */
export function UsageOverview() {
  const query = useQuery({
    queryKey: overviewKey,
    queryFn: () => fetchJson<AdminUsageOverview>(overviewUrl),
    refetchInterval: OVERVIEW_REFETCH_MS,
  });
  const data = query.data;
  if (!data) {
    if (query.isError) {
      return (
        <div role="alert" className="rounded-lg bg-red-50 px-5 py-4 text-sm text-red-900 ring-1 ring-red-200">
          {query.error.message}{" "}
          <button type="button" className="font-semibold underline" onClick={() => query.refetch()}>
            Try again
          </button>
        </div>
      );
    }
    return (
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-28 animate-pulse rounded-lg bg-slate-200/70" />
        ))}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <CurrentMonth data={data} refreshing={query.isFetching} onRefresh={() => query.refetch()} />
      {query.isError && (
        <p role="alert" className="text-sm text-red-700">
          Could not refresh: {query.error.message} The figures below are from the last successful load.
        </p>
      )}
      <AdminTrendChart data={data.months} currency={data.currency} />
      <BelowCommitmentCard rows={data.belowCommitment} hasProjections={data.asOf !== null} />
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-2">
        <FastestGrowingCard rows={data.fastestGrowing} />
        <TrialsEndingCard rows={data.trialsEnding} />
      </div>
    </div>
  );
}

function CurrentMonth({
  data,
  refreshing,
  onRefresh,
}: {
  data: AdminUsageOverview;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const month = data.months.at(-1);
  const m = (amount: string) => formatMoney(amount, data.currency);
  return (
    <section aria-labelledby="current-month" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="current-month" className="text-base font-semibold text-slate-900">
          {month ? monthLabel(month.month) : "This month"}, projected to its end
        </h2>
        <p className="flex items-center gap-3 text-xs text-slate-500">
          <span>
            {data.asOf ? `As of ${formatDateTime(data.asOf)}` : "No projection yet"} · amounts in{" "}
            {data.currency}
          </span>
          <button
            type="button"
            onClick={onRefresh}
            disabled={refreshing}
            className={buttonClass("secondary", "px-3 py-1 text-xs")}
          >
            {refreshing ? "Refreshing…" : "Refresh"}
          </button>
        </p>
      </div>
      {data.asOf === null || !month ? (
        <div className="rounded-lg bg-sky-50 px-5 py-4 text-sm text-sky-950 ring-1 ring-sky-200">
          Projections appear after the next usage sync: it runs on its schedule, or start one under{" "}
          <Link href="/admin/acronis" className="font-semibold text-brand hover:underline">
            Acronis › Sync usage now
          </Link>
          . Closed months below come from issued invoices.
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Kpi headingLevel={3} label="Projected consumption" value={m(month.consumption)}>
            {month.invoices} paid contract{month.invoices === 1 ? "" : "s"}, usage projected to the month's
            end
          </Kpi>
          <Kpi
            headingLevel={3}
            label="Projected top-ups"
            value={m(month.topUps)}
            tone={dec(month.topUps).greaterThan(0) ? "amber" : undefined}
          >
            Commitment not reached by usage, billed as top-up lines
          </Kpi>
          <Kpi headingLevel={3} label="Commitments" value={m(month.commitments)}>
            In force this month, waived or not
          </Kpi>
          <Kpi headingLevel={3} label="Waived" value={m(month.waived)}>
            Commitment waived by ramp-up
          </Kpi>
        </div>
      )}
    </section>
  );
}

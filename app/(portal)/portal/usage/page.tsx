import { HydrationBoundary } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { portalUsageSource } from "@/lib/dashboard/api";
import { prefetchUsageDashboard } from "@/lib/dashboard/prefetch";
import { filtersFromSearchParams } from "@/lib/dashboard/schemas";
import { getSetupStatus } from "@/lib/signup";

export const metadata = { title: "Usage" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsagePage({ searchParams }: Props) {
  const ctx = await pageContext("portal:read", "/portal/usage");
  const resellerId = requireResellerScope(ctx);
  const params = await searchParams;
  const filters = filtersFromSearchParams(params);
  const [state, setup] = await Promise.all([
    prefetchUsageDashboard(ctx.db, { source: portalUsageSource, resellerId, filters, today: ctx.today }),
    getSetupStatus(ctx.db, resellerId).catch(() => null),
  ]);
  return (
    <>
      <PageHeader
        title="Usage"
        description="What each customer consumes and what the month will cost against your commitment."
      />
      {setup && setup.phase !== "ready" && (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sky-50 px-5 py-4 text-sm text-sky-950 ring-1 ring-sky-200">
          <p>We are still setting up your Acronis partner account; usage appears once customers report it.</p>
          <Link href="/portal/setup" className="font-semibold text-brand hover:underline">
            See the progress →
          </Link>
        </div>
      )}
      <HydrationBoundary state={state}>
        <UsageDashboard
          source={portalUsageSource}
          customerBase="/portal/customers"
          invoiceBase="/portal/invoices"
        />
      </HydrationBoundary>
    </>
  );
}

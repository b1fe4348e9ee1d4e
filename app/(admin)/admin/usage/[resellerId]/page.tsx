import { HydrationBoundary } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { pageContext } from "@/lib/actions/context";
import { adminUsageSource } from "@/lib/dashboard/api";
import { prefetchUsageDashboard } from "@/lib/dashboard/prefetch";
import { filtersFromSearchParams } from "@/lib/dashboard/schemas";
import { resellerOrNotFound } from "./reseller-scope";

export const metadata = { title: "Reseller usage" };

type Props = {
  params: Promise<{ resellerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The reseller's own usage dashboard, read-only: the portal's component fed by the back office's routes. */
export default async function ResellerUsagePage({ params, searchParams }: Props) {
  const { resellerId } = await params;
  const ctx = await pageContext("admin:read", `/admin/usage/${resellerId}`);
  const reseller = await resellerOrNotFound(ctx.db, resellerId);
  const query = await searchParams;
  const filters = filtersFromSearchParams(query);
  const source = adminUsageSource(reseller.id);
  const state = await prefetchUsageDashboard(ctx.db, {
    source,
    resellerId: reseller.id,
    filters,
    today: ctx.today,
  });
  return (
    <>
      <PageHeader
        title={reseller.name}
        description="Read-only view of the reseller's dashboard: exactly what its users see under Usage, in its currency."
        action={
          <div className="flex flex-wrap items-center gap-4 text-sm font-medium">
            <Link href="/admin/usage" className="text-brand hover:underline">
              ← All resellers
            </Link>
            <Link href={`/admin/resellers/${reseller.id}`} className="text-brand hover:underline">
              Reseller record →
            </Link>
          </div>
        }
      />
      <HydrationBoundary state={state}>
        <UsageDashboard
          source={source}
          customerBase={`/admin/usage/${reseller.id}/customers`}
          invoiceBase="/admin/invoices"
        />
      </HydrationBoundary>
    </>
  );
}

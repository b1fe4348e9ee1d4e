import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { CustomerUsageView } from "@/components/usage/customer-usage-view";
import { pageContext } from "@/lib/actions/context";
import { adminUsageSource } from "@/lib/dashboard/api";
import { prefetchCustomerPage } from "@/lib/dashboard/prefetch";
import { filtersFromSearchParams, idParam } from "@/lib/dashboard/schemas";
import { requireCustomerOf } from "@/lib/dashboard/scope";
import { isAppError } from "@/lib/errors/app-error";
import { resellerOrNotFound } from "../../reseller-scope";

export const metadata = { title: "Customer usage" };

type Props = {
  params: Promise<{ resellerId: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One customer of a reseller, read-only, as the reseller sees it in its portal. */
export default async function ResellerCustomerUsagePage({ params, searchParams }: Props) {
  const { resellerId, id } = await params;
  const ctx = await pageContext("admin:read", `/admin/usage/${resellerId}/customers/${id}`);
  const reseller = await resellerOrNotFound(ctx.db, resellerId);
  if (!idParam.safeParse(id).success) notFound();
  // Another reseller's customer is not found here.
  const { month } = filtersFromSearchParams(await searchParams);
  // Its billing status in the month shown (trial customers are not billed), by the loader's own rule.
  const customer = await requireCustomerOf(ctx.db, reseller.id, id, month ?? ctx.today.slice(0, 7)).catch(
    (error) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    },
  );
  const source = adminUsageSource(reseller.id);
  const state = await prefetchCustomerPage(ctx.db, {
    source,
    resellerId: reseller.id,
    customerId: customer.id,
    month,
    today: ctx.today,
  });
  return (
    <>
      <PageHeader
        title={customer.name}
        description={`A customer of ${reseller.name}. Read-only view of the reseller's customer page: usage in billing units, the billed day of each service, and its invoice lines.${customer.enabled ? "" : " This customer tenant is disabled in Acronis."}${customer.path ? ` Placed in ${customer.path}.` : ""}${customer.billed === false ? " In trial this month: its usage is shown, not billed." : ""}`}
        action={customer.billed === false ? <Badge tone="blue">Trial — not billed</Badge> : undefined}
      />
      <HydrationBoundary state={state}>
        <CustomerUsageView
          source={source}
          customerId={customer.id}
          invoiceBase="/admin/invoices"
          backHref={`/admin/usage/${reseller.id}`}
        />
      </HydrationBoundary>
    </>
  );
}

import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { CustomerUsageView } from "@/components/usage/customer-usage-view";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { portalUsageSource } from "@/lib/dashboard/api";
import { prefetchCustomerPage } from "@/lib/dashboard/prefetch";
import { filtersFromSearchParams, idParam } from "@/lib/dashboard/schemas";
import { requireCustomerOf } from "@/lib/dashboard/scope";
import { isAppError } from "@/lib/errors/app-error";

export const metadata = { title: "Customer usage" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CustomerPage({ params, searchParams }: Props) {
  const { id } = await params;
  const ctx = await pageContext("portal:read", `/portal/customers/${id}`);
  const resellerId = requireResellerScope(ctx);
  if (!idParam.safeParse(id).success) notFound();
  // Another reseller's customer does not exist for this caller.
  const { month } = filtersFromSearchParams(await searchParams);
  // Its billing status in the month shown (trial customers are not billed), by the loader's own rule.
  const customer = await requireCustomerOf(ctx.db, resellerId, id, month ?? ctx.today.slice(0, 7)).catch(
    (error) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    },
  );
  const state = await prefetchCustomerPage(ctx.db, {
    source: portalUsageSource,
    resellerId,
    customerId: id,
    month,
    today: ctx.today,
  });
  return (
    <>
      <PageHeader
        title={customer.name}
        description={`Customer usage in billing units, the billed day of each service, and its invoice history.${customer.enabled ? "" : " This customer tenant is disabled in Acronis."}${customer.path ? ` Placed in ${customer.path}.` : ""}${customer.billed === false ? " In trial this month: its usage is shown, not billed." : ""}`}
        action={customer.billed === false ? <Badge tone="blue">Trial — not billed</Badge> : undefined}
      />
      <HydrationBoundary state={state}>
        <CustomerUsageView
          source={portalUsageSource}
          customerId={id}
          invoiceBase="/portal/invoices"
          backHref="/portal/usage"
        />
      </HydrationBoundary>
    </>
  );
}

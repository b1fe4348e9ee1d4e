import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { adminUsageOverview } from "@/lib/dashboard/overview";
import { overviewKey } from "./overview-query";
import { UsageOverview } from "./usage-overview";

export const metadata = { title: "Usage" };

export default async function AdminUsagePage() {
  const ctx = await pageContext("admin:read", "/admin/usage");
  // The first view computed here with the route handler's function, then refetched by the client from it.
  const client = new QueryClient();
  await client.prefetchQuery({
    queryKey: overviewKey,
    queryFn: () => adminUsageOverview(ctx.db, { today: ctx.today }),
  });
  return (
    <>
      <PageHeader
        title="Usage"
        description="What your resellers consume and are billed, month by month, and who needs a look this month."
      />
      <HydrationBoundary state={dehydrate(client)}>
        <UsageOverview />
      </HydrationBoundary>
    </>
  );
}

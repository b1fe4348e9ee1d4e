import "server-only";
import { dehydrate, QueryClient } from "@tanstack/react-query";
import type { Db } from "@/db/client";
import { type UsageSource, usageKeys } from "./api";
import { customerUsage, monthlyHistory } from "./history";
import { usageSummary } from "./month";
import type { UsageFilters } from "./types";

/**
 * The dashboard's first view computed on the server with the same functions the route handlers call, put in
 * a query cache under the keys the client components use, and handed over dehydrated: the page paints its
 * headline figures, breakdowns and history with data and no request waterfall. The day-by-day chart, which
 * rates the month once per day and is the heaviest call (docs/PERFORMANCE.md), is not awaited: it shows its
 * skeleton and its route handler fills it right after, so it never holds the page back. A failure is left to
 * the client query (it shows the server's message).
 */
export async function prefetchUsageDashboard(
  db: Db,
  input: { source: UsageSource; resellerId: string; filters: UsageFilters; today: string },
) {
  const client = new QueryClient();
  const { source, resellerId, filters, today } = input;
  await Promise.all([
    client.prefetchQuery({
      queryKey: usageKeys.summary(source, filters),
      queryFn: () => usageSummary(db, resellerId, filters, today),
    }),
    client.prefetchQuery({
      queryKey: usageKeys.history(source, filters.month),
      queryFn: () => monthlyHistory(db, resellerId, { month: filters.month }, today),
    }),
  ]);
  return dehydrate(client);
}

export async function prefetchCustomerPage(
  db: Db,
  input: {
    source: UsageSource;
    resellerId: string;
    customerId: string;
    month: string | undefined;
    today: string;
  },
) {
  const client = new QueryClient();
  const { source, resellerId, customerId, month, today } = input;
  await client.prefetchQuery({
    queryKey: usageKeys.customer(source, customerId, month),
    queryFn: () => customerUsage(db, resellerId, customerId, { month }, today),
  });
  return dehydrate(client);
}

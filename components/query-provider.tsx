"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { UsageApiError } from "@/lib/dashboard/api";

/**
 * The app's one TanStack Query client (per browser tab). Pages prefetch on the server and hand the cache
 * over with HydrationBoundary, so the first paint has data and later filter changes fetch from the route
 * handlers. A 4xx is an answer, not a glitch: it is not retried.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 60_000,
            refetchOnWindowFocus: false,
            retry: (failures, error) =>
              !(error instanceof UsageApiError && error.status < 500) && failures < 2,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { filtersFromSearchParams } from "@/lib/dashboard/schemas";
import type { UsageFilters } from "@/lib/dashboard/types";

export type DailyBy = "customer" | "service";

/**
 * The dashboard's filters live in the URL (`?month=&customer=&service=&by=`), so a view can be shared and
 * the back button works; changing one replaces the URL without a scroll jump and the queries follow.
 */
export function useUsageFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo<UsageFilters>(() => filtersFromSearchParams(Object.fromEntries(params)), [params]);
  const by: DailyBy = params.get("by") === "service" ? "service" : "customer";
  const set = useCallback(
    (patch: Partial<Record<"month" | "customer" | "service" | "by", string | undefined>>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { filters, by, set };
}

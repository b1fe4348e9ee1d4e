import type { UsageFilters } from "./types";

/**
 * Where a dashboard's data comes from and how TanStack Query keys it. The portal reads its own reseller
 * (`/api/portal/usage`), the back office a named one (`/api/admin/usage/resellers/<id>`); the same
 * components render both. Client-safe.
 */
export type UsageSource = {
  base: string;
  /** The page listing every customer of the reseller (the dashboard's tables show the top ones). */
  customerList?: string;
};

export const portalUsageSource: UsageSource = {
  base: "/api/portal/usage",
  customerList: "/portal/customers",
};
export const adminUsageSource = (resellerId: string): UsageSource => ({
  base: `/api/admin/usage/resellers/${resellerId}`,
  customerList: `/admin/resellers/${resellerId}/customers`,
});

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : "";
}

/** Keys: the source base first, so one reseller's cache never answers for another. */
export const usageKeys = {
  summary: (s: UsageSource, f: UsageFilters) => [s.base, "summary", f] as const,
  daily: (s: UsageSource, f: UsageFilters, by: "customer" | "service") => [s.base, "daily", f, by] as const,
  history: (s: UsageSource, month: string | undefined) => [s.base, "history", month ?? null] as const,
  customer: (s: UsageSource, id: string, month: string | undefined) =>
    [s.base, "customer", id, month ?? null] as const,
};

export const usageUrls = {
  summary: (s: UsageSource, f: UsageFilters) => `${s.base}/summary${query(f)}`,
  daily: (s: UsageSource, f: UsageFilters, by: "customer" | "service") =>
    `${s.base}/daily${query({ ...f, by })}`,
  history: (s: UsageSource, month: string | undefined) => `${s.base}/history${query({ month })}`,
  customer: (s: UsageSource, id: string, month: string | undefined) =>
    `${s.base}/customers/${id}${query({ month })}`,
};

/** The route handlers' error body: `{ error: { code, message } }`. */
export class UsageApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new UsageApiError(
      response.status,
      body?.error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return (await response.json()) as T;
}

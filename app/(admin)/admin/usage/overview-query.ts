/**
 * The overview's TanStack Query key and URL, shared by the page (server prefetch) and its client view
 * (refetch from the route handler). Client-safe: no server imports.
 */
export const overviewKey = ["/api/admin/usage", "overview"] as const;
export const overviewUrl = "/api/admin/usage/overview";

/** Refetched in the background: projections are rewritten after every usage sync (hourly by default). */
export const OVERVIEW_REFETCH_MS = 5 * 60_000;

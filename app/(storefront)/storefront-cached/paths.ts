/**
 * Which requests the storefront answers from its cache (memo.ts). No imports: proxy.ts can use it.
 */

/** The loopback render's header: such a request renders the page as usual (proxy.ts does not divert it). */
export const STOREFRONT_RENDER_HEADER = "x-storefront-render";

/** The sign-up form's idempotency key a loopback render should use (memo.ts swaps it per response). */
export const STOREFRONT_REQUEST_KEY_HEADER = "x-storefront-request-key";

/** The storefront pages served from the cache, by their public path. */
export const STOREFRONT_CACHED_PAGES = {
  "/": "home",
  "/signup": "signup",
  "/terms": "terms",
  "/privacy": "privacy",
} as const satisfies Record<string, string>;

export type StorefrontCachedPage = (typeof STOREFRONT_CACHED_PAGES)[keyof typeof STOREFRONT_CACHED_PAGES];

/** The route handler answering from the cache: `/storefront-cached/home` … */
export const STOREFRONT_CACHE_PREFIX = "/storefront-cached";

const PAGES: ReadonlySet<string> = new Set(Object.values(STOREFRONT_CACHED_PAGES));

export function isStorefrontCachedPage(page: string): page is StorefrontCachedPage {
  return PAGES.has(page);
}

export function publicPathOf(page: StorefrontCachedPage): string {
  return Object.entries(STOREFRONT_CACHED_PAGES).find(([, p]) => p === page)?.[0] ?? "/";
}

/**
 * Where proxy.ts rewrites a request to be answered from the cache (`/storefront-cached/home` …), or null for
 * one that renders per request: anything but a plain GET/HEAD of the four pages, any query (a shared estimator
 * link, `?currency=`, a plan's `/signup?tier=…`), the router's RSC requests, and the loopback render itself.
 */
export function storefrontCachePath(request: {
  method: string;
  pathname: string;
  search: string;
  headers: { has(name: string): boolean };
}): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.search !== "") return null;
  for (const header of [STOREFRONT_RENDER_HEADER, "rsc", "next-router-state-tree", "next-router-prefetch"])
    if (request.headers.has(header)) return null;
  const page = (STOREFRONT_CACHED_PAGES as Record<string, StorefrontCachedPage | undefined>)[
    request.pathname
  ];
  return page ? `${STOREFRONT_CACHE_PREFIX}/${page}` : null;
}

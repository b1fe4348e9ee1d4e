import "server-only";
import { revalidateTag } from "next/cache";
import { log } from "@/lib/log";

/**
 * The storefront is served from a cache of its rendered pages: app/(storefront)/storefront-cached/ (design
 * there, in memo.ts). This module is what the rest of the app needs of it: say that something the
 * storefront shows has changed.
 */

/** The cache tag of storefront data in Next's caches (none are used today; revalidated all the same). */
export const STOREFRONT_TAG = "storefront";

/** The storefront cache's state lives on globalThis: server actions and route handlers are separate bundles. */
export const STOREFRONT_CACHE_STATE = Symbol.for("tierline.storefront-cache");

type Generation = { generation: number };

/** Bumped by every `storefrontChanged()` of this process: a kept page of an older generation is not served. */
export function storefrontGeneration(): number {
  return (globalThis as { [STOREFRONT_CACHE_STATE]?: Generation })[STOREFRONT_CACHE_STATE]?.generation ?? 0;
}

/**
 * Call after a change the storefront shows (branding, policies, catalogue, prices, FX, taxes) has committed,
 * from a server action or route handler: this process's next storefront load renders anew. Other web
 * processes (several may share one PostgreSQL) follow within the cache's time to live, 30 s
 * (STOREFRONT_TTL_MS in app/(storefront)/storefront-cached/memo.ts).
 */
export function storefrontChanged(): void {
  const g = globalThis as { [STOREFRONT_CACHE_STATE]?: Generation };
  g[STOREFRONT_CACHE_STATE] ??= { generation: 0 };
  g[STOREFRONT_CACHE_STATE].generation += 1;
  try {
    // Stale content never served: the next request for tagged data waits for fresh data.
    revalidateTag(STOREFRONT_TAG, { expire: 0 });
  } catch (error) {
    // Outside a request (a script, a test) there is no Next cache to revalidate.
    log.debug({ err: error }, "[storefront] no Next cache to revalidate here");
  }
}

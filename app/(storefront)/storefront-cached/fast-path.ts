import "server-only";
import { env } from "@/lib/env";
import { buildContentSecurityPolicy, createNonce, securityHeaders } from "@/lib/http/security-headers";
import { keptResponse } from "./memo";
import { storefrontCachePath } from "./paths";

/**
 * The storefront's fast path: scripts/next-server.mjs (the Node server in front of Next) asks this function,
 * through `globalThis[STOREFRONT_FAST_PATH]`, before handing a request to Next. For a plain GET or HEAD of a
 * storefront page whose kept HTML is fresh (memo.ts: same generation, same UTC day, within its time to live)
 * it answers at once, with a fresh nonce in the HTML and the same CSP and security headers proxy.ts and the
 * cache route send; for anything else (a miss, a stale page, a query, any other path) it returns null and Next
 * answers as usual (proxy.ts → the cache route, which renders and keeps). proxy.ts decides nothing else for
 * these requests: no session, no body, no redirect.
 */
export const STOREFRONT_FAST_PATH = Symbol.for("tierline.storefront-fast-path");

export type FastAnswer = { status: number; headers: Record<string, string>; body: string };

type NodeHeaders = Record<string, string | string[] | undefined>;

export function storefrontFastAnswer(method: string, url: string, headers: NodeHeaders): FastAnswer | null {
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  const search = query === -1 ? "" : url.slice(query);
  const cached = storefrontCachePath({
    method,
    pathname,
    search,
    headers: { has: (name) => headers[name] !== undefined },
  });
  if (!cached) return null;
  const nonce = createNonce();
  const kept = keptResponse(cached.slice(cached.lastIndexOf("/") + 1), nonce);
  if (!kept) return null;
  const { APP_URL, NODE_ENV } = env();
  const isHttps = Boolean(APP_URL?.startsWith("https://"));
  const csp = buildContentSecurityPolicy({ nonce, isDev: NODE_ENV === "development", isHttps });
  return {
    status: 200,
    headers: {
      ...Object.fromEntries(kept.headers),
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "x-storefront-cache": "hit",
      "content-length": String(Buffer.byteLength(kept.body)),
      ...securityHeaders({ isHttps, csp }),
    },
    body: kept.body,
  };
}

/** Offers the fast path to scripts/next-server.mjs (same process, same global). */
export function registerStorefrontFastPath(): void {
  (globalThis as { [STOREFRONT_FAST_PATH]?: typeof storefrontFastAnswer })[STOREFRONT_FAST_PATH] =
    storefrontFastAnswer;
}

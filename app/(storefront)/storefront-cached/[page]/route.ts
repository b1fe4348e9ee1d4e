import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { buildContentSecurityPolicy, createNonce, securityHeaders } from "@/lib/http/security-headers";
import { registerStorefrontFastPath } from "../fast-path";
import { loopbackOrigin, storefrontResponse } from "../memo";
import { isStorefrontCachedPage } from "../paths";

export const dynamic = "force-dynamic";

// Once this route has run, the Node server in front of Next answers fresh kept pages itself (../fast-path.ts).
registerStorefrontFastPath();

const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A storefront page from cache (see ../memo.ts): proxy.ts rewrites a plain GET of `/`, `/signup`, `/terms`
 * or `/privacy` here. The page is the one the dynamic route renders, with this request's CSP nonce in it.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ page: string }> }) {
  const { page } = await params;
  if (!isStorefrontCachedPage(page)) return new Response("Not found", { status: 404 });
  // proxy.ts gave this request its nonce and put the same one in the response's CSP.
  const given = request.headers.get("x-nonce");
  const nonce = given && NONCE.test(given) ? given : createNonce();
  const answer = await storefrontResponse(page, nonce, loopbackOrigin(request.url));
  const headers = new Headers(answer.headers);
  // Per response (its nonce and sign-up key): never stored by a browser or a shared cache.
  headers.set("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  headers.set("x-storefront-cache", answer.cache);
  // The same CSP proxy.ts sends with this nonce (identical when it ran; ours when it skipped the request, as
  // it does router prefetches), so body and header always agree.
  const { APP_URL, NODE_ENV } = env();
  const isHttps = request.nextUrl.protocol === "https:" || Boolean(APP_URL?.startsWith("https://"));
  const csp = buildContentSecurityPolicy({ nonce, isDev: NODE_ENV === "development", isHttps });
  for (const [key, value] of Object.entries(securityHeaders({ isHttps, csp }))) headers.set(key, value);
  return new Response(answer.body, { status: answer.status, headers });
}

import { type NextRequest, NextResponse } from "next/server";
import { storefrontCachePath } from "@/app/(storefront)/storefront-cached/paths";
import { env } from "@/lib/env";
import { refuseMalformedAction } from "@/lib/http/action-guard";
import { isBodyTooLarge, payloadTooLargeResponse } from "@/lib/http/body-limit";
import { buildContentSecurityPolicy, createNonce, securityHeaders } from "@/lib/http/security-headers";

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * In front of every page and route handler: security headers (a CSP with a fresh nonce for pages, which
 * Next reads from the request's CSP header and puts on its own scripts), a 413 for bodies over 1 MB, a 400 for
 * malformed server-action payloads (lib/http/action-guard.ts), and a
 * redirect to sign in for strangers without a session cookie. No authorisation decisions: those are made
 * on the server by lib/auth/guard.ts in the page, action or route itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = isUnder(pathname, "/api");
  const { APP_URL, NODE_ENV } = env();
  const isHttps = request.nextUrl.protocol === "https:" || Boolean(APP_URL?.startsWith("https://"));
  const nonce = createNonce();
  const csp = isApi
    ? undefined
    : buildContentSecurityPolicy({ nonce, isDev: NODE_ENV === "development", isHttps });
  const headers = securityHeaders({ isHttps, csp });
  const withHeaders = <R extends Response>(response: R): R => {
    for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
    return response;
  };

  if (isBodyTooLarge(request.headers.get("content-length"))) {
    return payloadTooLargeResponse(isApi, headers);
  }
  // A server-action body Next would choke on (500) is a 400 here.
  const refused = await refuseMalformedAction(request);
  if (refused) return withHeaders(refused);

  if (isUnder(pathname, "/portal") || isUnder(pathname, "/admin")) {
    const hasSession =
      request.cookies.has("authjs.session-token") || request.cookies.has("__Secure-authjs.session-token");
    if (!hasSession) {
      const url = request.nextUrl.clone();
      url.pathname = "/login";
      url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
      return withHeaders(NextResponse.redirect(url));
    }
  }

  if (!csp) return withHeaders(NextResponse.next());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The storefront from cache (app/(storefront)/storefront-cached/memo.ts): a plain GET of /, /signup, /terms or
  // /privacy is answered from the kept HTML, with this request's nonce (x-nonce) put into it.
  const cached = storefrontCachePath({
    method: request.method,
    pathname,
    search: request.nextUrl.search,
    headers: request.headers,
  });
  if (cached) {
    const url = request.nextUrl.clone();
    url.pathname = cached;
    return withHeaders(NextResponse.rewrite(url, { request: { headers: requestHeaders } }));
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  matcher: [
    // Every page and route handler except build assets and public files; router prefetches need no CSP
    // (the Next.js CSP guide's matcher).
    {
      source: "/((?!_next/static|_next/image|favicon\\.ico|favicon\\.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // Prefetches of the signed-in areas too: strangers are sent to sign in from there as before.
    "/portal/:path*",
    "/admin/:path*",
  ],
};

import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { config, proxy } from "./proxy";

function request(
  path: string,
  init: { headers?: Record<string, string>; method?: string; body?: string } = {},
) {
  return new NextRequest(new URL(path, "http://localhost:3000"), init);
}

afterEach(() => vi.unstubAllEnvs());

describe("proxy", () => {
  it("gives a page a CSP with a fresh nonce, on the response and on the request Next renders", async () => {
    const first = await proxy(request("/"));
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    // NextResponse.next({ request }) hands the new request headers to Next as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toContain("camera=()");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    const second = await proxy(request("/login"));
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("still sends strangers from /admin and /portal to sign in, with the headers", async () => {
    for (const path of ["/admin", "/admin/billing", "/portal"]) {
      const res = await proxy(request(path));
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toBe(
        `http://localhost:3000/login?next=${encodeURIComponent(path)}`,
      );
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const signedIn = await proxy(request("/admin", { headers: { cookie: "authjs.session-token=x" } }));
    expect(signedIn.headers.get("location")).toBeNull();
    expect((await proxy(request("/administrator"))).headers.get("location")).toBeNull();
  });

  it("gives route handlers the headers without a CSP", async () => {
    const res = await proxy(request("/api/health"));
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("allows eval only in development and adds HSTS over https", async () => {
    vi.stubEnv("NODE_ENV", "development");
    expect((await proxy(request("/"))).headers.get("content-security-policy")).toContain("'unsafe-eval'");
    vi.stubEnv("NODE_ENV", "production");
    expect((await proxy(request("/"))).headers.get("content-security-policy")).not.toContain("'unsafe-eval'");
    vi.stubEnv("APP_URL", "https://portal.example.com");
    const res = await proxy(request("/"));
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("answers a body over 1 MB with 413: JSON for /api, a page otherwise", async () => {
    const big = { method: "POST", headers: { "content-length": String(2 * 1024 * 1024) } };
    const api = await proxy(request("/api/estimate", big));
    expect(api.status).toBe(413);
    expect((await api.json()).error.code).toBe("payload_too_large");
    const page = await proxy(request("/signup", big));
    expect(page.status).toBe(413);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const small = await proxy(request("/signup", { method: "POST", headers: { "content-length": "2048" } }));
    expect(small.status).toBe(200);
  });

  it("runs on pages and route handlers but not on build assets (the guide's matcher)", async () => {
    const all = config.matcher[0] as { source: string };
    const re = new RegExp(`^${all.source}$`);
    for (const path of ["/", "/login", "/api/health", "/admin/billing"]) expect(re.test(path)).toBe(true);
    for (const path of ["/_next/static/chunks/a.js", "/_next/image", "/favicon.svg"]) {
      expect(re.test(path)).toBe(false);
    }
  });

  it("answers a malformed server-action payload with 400, with the headers, and lets a well-formed one through", async () => {
    const action = { "next-action": "a1".repeat(21), "content-type": "text/plain;charset=UTF-8" };
    const broken = await proxy(request("/login", { method: "POST", headers: action, body: "{not json" }));
    expect(broken.status).toBe(400);
    expect(broken.headers.get("x-content-type-options")).toBe("nosniff");
    const fine = await proxy(request("/login", { method: "POST", headers: action, body: '["$K1"]' }));
    expect(fine.status).toBe(200);
  });
});

describe("storefront from cache", () => {
  it("rewrites a plain GET of / to the cache with the nonce on the request, and leaves queries alone", async () => {
    const res = await proxy(request("/"));
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(res.headers.get("x-middleware-rewrite")).toBe("http://localhost:3000/storefront-cached/home");
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect((await proxy(request("/?currency=EUR"))).headers.get("x-middleware-rewrite")).toBeNull();
    expect(
      (await proxy(request("/signup", { method: "POST", body: "x" }))).headers.get("x-middleware-rewrite"),
    ).toBeNull();
    expect(
      (await proxy(request("/", { headers: { "x-storefront-render": "1" } }))).headers.get(
        "x-middleware-rewrite",
      ),
    ).toBeNull();
  });
});

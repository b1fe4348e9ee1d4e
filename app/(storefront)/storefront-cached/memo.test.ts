import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { storefrontChanged } from "@/lib/catalogue/storefront-cache";
import { storefrontFastAnswer } from "./fast-path";
import { forgetStorefrontPages, STOREFRONT_TTL_MS, storefrontResponse } from "./memo";
import { storefrontCachePath } from "./paths";

const ORIGIN = "http://127.0.0.1:3999";

/** A stand-in for the dynamic page: a fresh nonce per render, the sign-up key it was asked to use. */
function fakeServer(tagline: { value: string }) {
  let renders = 0;
  const fetchMock = vi.fn(async (_url: string | URL, init?: RequestInit) => {
    renders += 1;
    const headers = new Headers(init?.headers);
    const nonce = `renderNonce${renders}AAAAAAAAAAA=`;
    const key = headers.get("x-storefront-request-key") ?? "none";
    const html =
      `<html><head><script nonce="${nonce}" src="/_next/static/a.js"></script></head><body>` +
      `<p>${tagline.value}</p><input type="hidden" name="requestKey" value="${key}"/>` +
      `<script nonce="${nonce}">self.__next_f.push([1,"{\\"requestKey\\":\\"${key}\\"}"])</script></body></html>`;
    return new Response(html, {
      status: 200,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        vary: "rsc",
      },
    });
  });
  return { fetchMock, renders: () => renders };
}

function nonces(body: string): string[] {
  return [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("the storefront cache", () => {
  const tagline = { value: "Backup for everyone" };
  let server: ReturnType<typeof fakeServer>;

  beforeEach(() => {
    forgetStorefrontPages();
    tagline.value = "Backup for everyone";
    server = fakeServer(tagline);
    vi.stubGlobal("fetch", server.fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("renders a page once and gives every response its own nonce and sign-up key", async () => {
    const first = await storefrontResponse("signup", "firstNonceAAAAAAAAAAAAA=", ORIGIN);
    const second = await storefrontResponse("signup", "secondNonceBBBBBBBBBBBB=", ORIGIN);
    expect(server.renders()).toBe(1);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(nonces(first.body)).toEqual(["firstNonceAAAAAAAAAAAAA=", "firstNonceAAAAAAAAAAAAA="]);
    expect(nonces(second.body)).toEqual(["secondNonceBBBBBBBBBBBB=", "secondNonceBBBBBBBBBBBB="]);
    expect(second.body).not.toContain("renderNonce");
    const keys = (body: string) => /name="requestKey" value="([^"]+)"/.exec(body)?.[1];
    expect(keys(first.body)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys(second.body)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys(first.body)).not.toBe(keys(second.body));
    // The key in the RSC payload (what React hydrates with) matches the one in the HTML.
    expect(second.body).toContain(`\\"requestKey\\":\\"${keys(second.body)}\\"`);
    expect(second.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["vary", "rsc"],
    ]);
  });

  it("renders anew on the next load after storefrontChanged()", async () => {
    await storefrontResponse("home", "n1AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    tagline.value = "Now with disaster recovery";
    expect((await storefrontResponse("home", "n2AAAAAAAAAAAAAAAAAAAA==", ORIGIN)).body).toContain(
      "Backup for everyone",
    );
    storefrontChanged();
    const after = await storefrontResponse("home", "n3AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    expect(after.cache).toBe("miss");
    expect(after.body).toContain("Now with disaster recovery");
  });

  it("past its time to live serves the kept page once while a render refreshes it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T12:00:00Z"));
    await storefrontResponse("home", "n1AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    tagline.value = "Changed on another web process";
    vi.setSystemTime(new Date(Date.parse("2026-11-30T12:00:00Z") + STOREFRONT_TTL_MS + 1));
    const stale = await storefrontResponse("home", "n2AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    expect(stale.cache).toBe("stale");
    expect(stale.body).toContain("Backup for everyone");
    await vi.waitFor(() => expect(server.renders()).toBe(2));
    await new Promise((r) => setTimeout(r, 0));
    const fresh = await storefrontResponse("home", "n3AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    expect(fresh.cache).toBe("hit");
    expect(fresh.body).toContain("Changed on another web process");
  });

  it("never serves a page rendered on an earlier UTC day (today's FX rates)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T23:59:59Z"));
    await storefrontResponse("home", "n1AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    vi.setSystemTime(new Date("2026-12-01T00:00:01Z"));
    expect((await storefrontResponse("home", "n2AAAAAAAAAAAAAAAAAAAA==", ORIGIN)).cache).toBe("miss");
    expect(server.renders()).toBe(2);
  });

  it("concurrent first requests share one render", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => storefrontResponse("terms", `n${i}AAAAAAAAAAAAAAAAAAAA==`, ORIGIN)),
    );
    expect(server.renders()).toBe(1);
    expect(answers.map((a) => nonces(a.body)[0])).toEqual(
      Array.from({ length: 5 }, (_, i) => `n${i}AAAAAAAAAAAAAAAAAAAA==`),
    );
  });

  it("does not keep a failed render", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("boom", { status: 500, headers: { "content-type": "text/html" } })),
    );
    const failed = await storefrontResponse("privacy", "n1AAAAAAAAAAAAAAAAAAAA==", ORIGIN);
    expect([failed.status, failed.cache]).toEqual([500, "bypass"]);
    vi.stubGlobal("fetch", server.fetchMock);
    expect((await storefrontResponse("privacy", "n2AAAAAAAAAAAAAAAAAAAA==", ORIGIN)).cache).toBe("miss");
  });
});

describe("which requests proxy.ts sends to the cache", () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) => {
    const u = new URL(url, "http://shop.example");
    return { method, pathname: u.pathname, search: u.search, headers: new Headers(headers) };
  };

  it("plain GETs and HEADs of the four storefront pages", () => {
    expect(storefrontCachePath(request("GET", "/"))).toBe("/storefront-cached/home");
    expect(storefrontCachePath(request("HEAD", "/signup"))).toBe("/storefront-cached/signup");
    expect(storefrontCachePath(request("GET", "/terms"))).toBe("/storefront-cached/terms");
    expect(storefrontCachePath(request("GET", "/privacy"))).toBe("/storefront-cached/privacy");
  });

  it("not a query, a server action, an RSC request, the loopback render or another page", () => {
    expect(storefrontCachePath(request("GET", "/?currency=EUR"))).toBeNull();
    expect(storefrontCachePath(request("GET", "/signup?tier=T2&trial=1"))).toBeNull();
    expect(storefrontCachePath(request("POST", "/signup"))).toBeNull();
    expect(storefrontCachePath(request("GET", "/", { rsc: "1" }))).toBeNull();
    expect(storefrontCachePath(request("GET", "/", { "x-storefront-render": "1" }))).toBeNull();
    expect(storefrontCachePath(request("GET", "/login"))).toBeNull();
    expect(storefrontCachePath(request("GET", "/signup/check-email"))).toBeNull();
  });
});

describe("the fast path in front of Next", () => {
  beforeEach(() => {
    forgetStorefrontPages();
    vi.stubGlobal("fetch", fakeServer({ value: "Backup for everyone" }).fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("answers a fresh kept page on the fast path, with a new nonce in the HTML and the CSP alike", async () => {
    expect(storefrontFastAnswer("GET", "/", {})).toBeNull(); // nothing kept yet: Next renders it
    await storefrontResponse("home", "firstNonceAAAAAAAAAAAAA=", ORIGIN);
    const answer = storefrontFastAnswer("GET", "/", { accept: "text/html" });
    expect(answer?.status).toBe(200);
    const csp = answer?.headers["Content-Security-Policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(nonces(answer?.body ?? "")).toEqual([nonce, nonce]);
    expect(answer?.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(answer?.headers["content-length"]).toBe(String(Buffer.byteLength(answer?.body ?? "")));
    // Anything else goes to Next: a query, another page, a router request, a POST, a changed catalogue.
    expect(storefrontFastAnswer("GET", "/?currency=EUR", {})).toBeNull();
    expect(storefrontFastAnswer("GET", "/signup", {})).toBeNull();
    expect(storefrontFastAnswer("GET", "/", { rsc: "1" })).toBeNull();
    expect(storefrontFastAnswer("POST", "/", {})).toBeNull();
    storefrontChanged();
    expect(storefrontFastAnswer("GET", "/", {})).toBeNull();
  });

  it("leaves a kept page past its time to live to Next, which serves it and refreshes it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await storefrontResponse("home", "firstNonceAAAAAAAAAAAAA=", ORIGIN);
    vi.setSystemTime(Date.now() + STOREFRONT_TTL_MS + 1);
    expect(storefrontFastAnswer("GET", "/", {})).toBeNull();
  });
});

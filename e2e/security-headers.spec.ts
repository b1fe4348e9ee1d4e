import { type APIResponse, expect, test } from "@playwright/test";
import { logins, openAs, signIn } from "./helpers";

function expectSecurityHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'strict-dynamic'/,
  );
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();
}

test("/ and /login carry the CSP (a fresh nonce each time), nosniff, referrer and permissions policies", async ({
  request,
}) => {
  for (const path of ["/", "/login"]) {
    const first = await request.get(path);
    expect(first.status()).toBe(200);
    expectSecurityHeaders(first);
    const second = await request.get(path);
    expect(second.headers()["content-security-policy"]).not.toBe(first.headers()["content-security-policy"]);
  }
});

test("a stranger's /admin redirect carries the same headers", async ({ request }) => {
  const res = await request.get("/admin", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toMatch(/\/login\?next=%2Fadmin$/);
  expectSecurityHeaders(res);
});

test("pages hydrate under the CSP: Next's scripts carry the nonce and nothing is refused", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));
  const res = await page.goto("/login");
  const nonce = /'nonce-([^']+)'/.exec(res?.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const inline = await page
    .locator("script:not([src])")
    .evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  for (const n of inline) expect(n).toBe(nonce);
  // The sign-in form works (client components hydrated), and the signed-in pages render too.
  await signIn(page, logins.admin);
  await page.goto("/admin");
  await page.goto("/");
  expect(violations).toEqual([]);
});

test("public /api/health says status and version only; the admin also sees the database", async ({
  request,
  page,
}) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  const body = await res.json();
  expect(body).toEqual({ status: "ok", version: expect.any(String) });
  expect(await res.text()).not.toMatch(/PostgreSQL|pglite|serverVersion/i);

  await openAs(page, "admin");
  const admin = await (await page.request.get("/api/health")).json();
  expect(admin.database.engine).toBe("pglite");
  expect(admin.database.migrations.upToDate).toBe(true);
  expect(JSON.stringify(admin)).not.toMatch(/serverVersion|PostgreSQL \d/);
});

test("a body over 1 MB gets 413 with a message: JSON for /api, a page otherwise", async ({ request }) => {
  const big = "x".repeat(2 * 1024 * 1024);
  const api = await request.post("/api/estimate", {
    data: big,
    headers: { "content-type": "application/json" },
  });
  expect(api.status()).toBe(413);
  expect((await api.json()).error.message).toMatch(/1 MB/);

  const form = await request.post("/signup", {
    data: big,
    headers: { "content-type": "application/x-www-form-urlencoded", "next-action": "0".repeat(42) },
  });
  expect(form.status()).toBe(413);
  expect(await form.text()).toMatch(/too large/i);
});

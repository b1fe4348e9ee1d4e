import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const logins = {
  admin: { email: "admin@skyline.example", password: "admin-demo-2026" },
  finance: { email: "finance@skyline.example", password: "finance-demo-2026" },
  support: { email: "support@skyline.example", password: "support-demo-2026" },
  owner: { email: "owner@northwind.example", password: "owner-demo-2026" },
  viewer: { email: "viewer@northwind.example", password: "viewer-demo-2026" },
  kopernikus: { email: "owner@kopernikus.example", password: "owner-demo-2026" },
  thames: { email: "owner@thames.example", password: "owner-demo-2026" },
  wattle: { email: "owner@wattle.example", password: "owner-demo-2026" },
} as const;

export type Login = keyof typeof logins;
type Credentials = { email: string; password: string };

/**
 * Signs in through the sign-in form, as a person does. For the specs about signing in itself (the form, its
 * errors and redirects, sign-out, lockout, reset); any other spec opens its pages with openAs.
 */
export async function signIn(page: Page, who: Credentials, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * The demo logins' sessions, one storage-state file each, written by e2e/auth.setup.ts (the "setup" project
 * every other project depends on) once per run. Under .data, which git ignores, beside the e2e server's
 * database the sessions belong to.
 */
export const sessionFile = (who: Login) =>
  path.join(import.meta.dirname, "..", ".data", "e2e-auth", `${who}.json`);

/**
 * Signs in through Auth.js's own credentials endpoint, what the sign-in form's server action calls: the same
 * password check, throttle and server-side session row, without loading the form. The session cookie lands
 * in the request context's cookie jar (a page's `page.request` shares its browser context's cookies).
 */
export async function signInByApi(request: APIRequestContext, who: Credentials) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: who.email, password: who.password, csrfToken, callbackUrl: "/home" },
    // No kept-alive socket left behind: the context's next request may come after the server (5 s keep-alive)
    // closed it, and Playwright would reuse it anyway ("read ECONNRESET", microsoft/playwright#42698).
    headers: { connection: "close" },
    maxRedirects: 0,
  });
  // Auth.js answers a refused sign-in with a redirect to the sign-in page and an error code.
  expect(res.status(), `signing in ${who.email}`).toBe(302);
  expect(res.headers().location, `signing in ${who.email}`).not.toMatch(/\/login|error=/);
}

/**
 * Opens `next` (else /home, where signing in lands) signed in: a demo login (`"admin"`, …) on the session the
 * setup project signed in once for the run, a spec's own user (e2e/reseller.ts) through signInByApi. Returns
 * the response to `next`. A reseller's /home is its usage dashboard, the heaviest page there is: a spec headed
 * elsewhere starts at /portal. Specs must not sign a demo login's session out: every spec shares it (the
 * sign-out specs use signIn).
 */
export async function openAs(page: Page, who: Login | Credentials, next = "/home") {
  if (typeof who === "string") {
    const file = sessionFile(who);
    if (!fs.existsSync(file))
      throw new Error(`e2e: no session for ${who} in ${file}: the "setup" project signs the demo logins in`);
    const { cookies } = JSON.parse(fs.readFileSync(file, "utf8")) as {
      cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0];
    };
    await page.context().addCookies(cookies);
  } else {
    await signInByApi(page.request, who);
  }
  const response = await page.goto(next);
  if (/\/login/.test(new URL(page.url()).pathname))
    throw new Error(
      `e2e: ${typeof who === "string" ? `the stored session of ${who}` : who.email} was sent to sign in` +
        " (a stored session from an earlier e2e database? the setup project signs in again)",
    );
  // Let the page's scripts load and hydrate: React sets a select back to its default as it hydrates, so a
  // choice a spec makes before that is undone (a person is slower than that). Pages that poll still have
  // quiet half-seconds; a page that never does is used as it is after 5 s.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  return response;
}

import { expect, test } from "@playwright/test";
import { logins, openAs, signIn } from "./helpers";

const appUrl = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

test("a reset requested with forged proxy headers links to APP_URL, and support never sees its token", async ({
  browser,
}) => {
  // The takeover of issue 10: a made-up scheme slipped past the outbox's URL pattern, a forged host
  // pointed the link at the attacker.
  const attacker = await (
    await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-proto": "hxxp", "x-forwarded-host": "evil.example" },
    })
  ).newPage();
  await attacker.goto("/forgot-password");
  await attacker.getByLabel("Email").fill(logins.admin.email);
  await attacker.getByRole("button", { name: "Send reset link" }).click();
  await expect(attacker.getByRole("status")).toContainText("If an account exists for that email");

  const admin = await (await browser.newContext()).newPage();
  await openAs(admin, "admin", "/admin/outbox");
  await admin
    .getByRole("row", { name: new RegExp(logins.admin.email) })
    .getByRole("link", { name: /Reset your/ })
    .first()
    .click();
  const body = (await admin.getByTestId("email-body").textContent()) ?? "";
  const token = /reset-password\?token=([\w-]+)/.exec(body)?.[1];
  // The demo's admin (no mail server) reads the link: on APP_URL, whatever the request said.
  expect(body).toContain(`${appUrl}/reset-password?token=${token}`);
  expect(body).not.toContain("evil.example");
  expect(body).not.toContain("hxxp");

  for (const who of ["support", "finance"] as const) {
    const reader = await (await browser.newContext()).newPage();
    await openAs(reader, who, admin.url());
    await expect(reader.getByTestId("email-body")).toContainText("[one-time token hidden]");
    await expect(reader.getByTestId("email-body")).not.toContainText(token!);
    await reader.context().close();
  }
});

test("Auth.js's own sign-out revokes the session: its copied cookie opens nothing afterwards", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, logins.kopernikus);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("authjs.session-token"))).toBe(true);

  // Auth.js's built-in sign-out page and its POST /api/auth/signout, not the app's own menu.
  await page.goto("/api/auth/signout");
  await page.getByRole("button", { name: /sign out/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/api/auth/signout"));

  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stolen = await replay.newPage();
  await stolen.goto("/portal");
  await expect(stolen).toHaveURL(/\/login/);
  await replay.close();
  await context.close();
});

test("five wrong passwords lock an account; the admin sees the lock and lifts it", async ({ browser }) => {
  const email = `locked-${Date.now()}@example.com`;
  const visitor = await (await browser.newContext()).newPage();
  for (let i = 0; i < 5; i++) {
    await visitor.goto("/login");
    await visitor.getByLabel("Email").fill(email);
    await visitor.getByLabel("Password").fill(`wrong-guess-${i}`);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(visitor.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  }
  await visitor.goto("/login");
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Password").fill("one-more-guess");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor.getByText(/Too many failed attempts\. Try again in \d+ minutes?/)).toBeVisible();

  const support = await (await browser.newContext()).newPage();
  await openAs(support, "support", "/admin/security");
  await expect(support.getByRole("row", { name: new RegExp(email) })).toBeVisible();
  // Read-only staff see the lock but cannot lift it.
  await expect(support.getByRole("button", { name: /Unlock/ })).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  await openAs(admin, "admin", "/admin/security");
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await row.getByRole("button", { name: `Unlock ${email}` }).click();
  await expect(admin.getByText("Unlocked: the account can sign in again.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
});

import { expect, test } from "@playwright/test";
import { logins, signIn } from "./helpers";

test("a stranger is sent to sign in, and comes back after it", async ({ page }) => {
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login\?next=%2Fportal/);
  await page.getByLabel("Email").fill(logins.owner.email);
  await page.getByLabel("Password").fill(logins.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
});

test("a wrong password shows a clear error and signs nobody in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(logins.owner.email);
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "The email or password is not correct." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a reseller owner sees only its own portal and is refused the back office", async ({ page }) => {
  await signIn(page, logins.owner);
  // A reseller lands on its usage dashboard.
  await expect(page).toHaveURL(/\/portal\/usage$/);
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "Northwind IT Services" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Customers" })).toContainText("Acme Dental");
  await expect(page.getByText("Kopernikus")).toHaveCount(0);

  for (const path of ["/admin", "/admin/resellers", "/admin/outbox"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
});

test("each reseller sees its own data", async ({ page }) => {
  await signIn(page, logins.kopernikus);
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "Kopernikus Systemhaus" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Customers" })).toContainText("Spree Logistik");
  await expect(page.getByText("Acme Dental")).toHaveCount(0);
});

test("the distributor admin reaches the back office and is refused the reseller portal", async ({ page }) => {
  await signIn(page, logins.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Resellers" })
    .click();
  const table = page.getByRole("table", { name: "Resellers" });
  await expect(table).toContainText("Northwind IT Services");
  await expect(table).toContainText("Thames Managed Services");
  const res = await page.goto("/portal");
  expect(res?.status()).toBe(403);
});

test("support staff read the back office", async ({ page }) => {
  await signIn(page, logins.support);
  await expect(page).toHaveURL(/\/admin$/);
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Audit log" })
    .click();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("auth.sign_in");
});

test("signing out ends the session on the server", async ({ page, context }) => {
  await signIn(page, logins.viewer);
  const cookies = await context.cookies();
  await page.locator("summary").filter({ hasText: "Vic Viewer" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old cookie does not get back in: the session row is revoked.
  await context.addCookies(cookies);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login/);
});

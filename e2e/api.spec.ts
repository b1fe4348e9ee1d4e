import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

const KEY = /^tl_[A-Za-z0-9_-]{43}$/;

/** Fills the create form (read is ticked already) and returns the key the page shows this once. */
async function createKey(page: Page, name: string, options: { write?: boolean } = {}): Promise<string> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByRole("checkbox", { name: "read", exact: true })).toBeChecked();
  if (options.write) await page.getByRole("checkbox", { name: "write", exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByRole("region", { name: `Your new API key “${name}”` });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("It will not be shown again");
  await expect(panel.getByRole("button", { name: "Copy" })).toBeVisible();
  const key = await panel.getByLabel("New API key").inputValue();
  expect(key).toMatch(KEY);
  return key;
}

const me = (page: Page, key: string) =>
  page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });

test("the distributor creates a channel key, sees it once, uses it and revokes it", async ({ page }) => {
  await openAs(page, "admin", "/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "API reference" }).first()).toHaveAttribute(
    "href",
    "/docs/api",
  );

  const name = `E2E channel ${randomBytes(3).toString("hex")}`;
  const key = await createKey(page, name);
  // The key is not in the address bar nor in any cookie.
  expect(page.url()).not.toContain(key);
  expect(JSON.stringify(await page.context().cookies())).not.toContain(key);

  const res = await me(page, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ name, scopes: ["read"], owner: "distributor", resellerId: null });

  // After a reload the key is gone from the page; the table keeps its visible start only.
  await page.reload();
  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 11)}…`);
  await expect(row).toContainText("active");
  expect(await page.content()).not.toContain(key);
  await expect(page.getByLabel("New API key")).toHaveCount(0);

  // Revoke asks first; Cancel keeps the key.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  expect((await me(page, key)).status()).toBe(200);

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Key revoked" })).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await me(page, key);
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBeTruthy();
});

test("a reseller owner creates a key for its own account, on a phone-sized screen", async ({ page }) => {
  const reseller = await createReseller({ name: "API Keys" });
  await page.setViewportSize({ width: 390, height: 844 });
  await openAs(page, reseller.logins.owner, "/portal/api-keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the API reference" })).toHaveAttribute(
    "href",
    "/docs/api",
  );
  await expect(page.getByText('curl -H "Authorization: Bearer <your key>"')).toBeVisible();

  // A key needs a name and a scope: each error beside its field.
  await page.getByRole("checkbox", { name: "read", exact: true }).uncheck();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Name the key (what uses it).")).toBeVisible();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();
  await page.getByRole("checkbox", { name: "read", exact: true }).check();

  const name = `PSA ${randomBytes(3).toString("hex")}`;
  const key = await createKey(page, name, { write: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const res = await me(page, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    name,
    scopes: ["read", "write"],
    owner: "reseller",
    resellerId: reseller.id,
  });

  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "API keys" })).toContainText(name);
});

test("a reseller viewer may not manage API keys", async ({ page }) => {
  const res = await openAs(page, "viewer", "/portal/api-keys");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("/docs/api renders the OpenAPI reference for everyone, under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));

  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  // Swagger UI loads on demand and renders the document: give it time.
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Tierline API", { timeout: 30_000 });
  await expect(page.getByText("The key making the request").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Loading the API reference" })).toHaveCount(0);
  expect(violations).toEqual([]);
});

import { expect, test } from "@playwright/test";

test("the storefront shows the distributor's brand and its plans", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Skyline Distribution/);
  await expect(page.getByRole("link", { name: "Skyline Distribution home" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Skyline Distribution");
  await expect(page.getByRole("contentinfo")).toContainText("Skyline Distribution Inc.");
  await expect(page.getByRole("contentinfo")).toContainText("support@skyline.example");
  await expect(page.getByText("Tierline")).toHaveCount(0);

  const plans = page.getByRole("table", { name: /Tiers/ });
  const expected: [string, string][] = [
    ["Tier 0", "$0.00"],
    ["Tier 1", "$250.00"],
    ["Tier 5", "$25,000.00"],
    ["Promo", "$99.00"],
  ];
  for (const [tier, commitment] of expected) {
    await expect(plans.getByRole("row", { name: new RegExp(`^${tier}`) })).toContainText(commitment);
  }
  // Brand colour reaches the page as a CSS variable taken from the settings.
  const brand = await page
    .locator("[style*='--brand']")
    .first()
    .evaluate((el) => getComputedStyle(el).getPropertyValue("--brand"));
  expect(brand.trim()).toBe("#1d4ed8");
});

test("legal pages carry the distributor's terms", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Terms of service" }).click();
  await expect(page.getByRole("heading", { name: "Terms of service" })).toBeVisible();
  await expect(page.getByText(/Version 2026-01/)).toBeVisible();
});

test("health reports the embedded database with every migration applied", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.engine).toBe("pglite");
  expect(body.database.migrations.upToDate).toBe(true);
});

import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";

// Runs after every other spec (see playwright.config.ts): it changes the brand they assert on.
test("an admin rebrands the storefront and it changes at once, without a rebuild", async ({
  page,
  browser,
}) => {
  await openAs(page, "admin", "/admin/settings");

  await page.getByLabel("Primary colour").fill("blue");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Use a colour like #1d4ed8.")).toBeVisible();

  await page.getByLabel("Primary colour").fill("#f5f5f4");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("too light to read on a white page")).toBeVisible();

  await page.getByLabel("Storefront name").fill("Aurora Cloud Supply");
  await page.getByLabel("Logo URL").fill("/favicon.svg");
  await page.getByLabel("Primary colour").fill("#7C3AED");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByRole("status")).toContainText("Branding saved");

  const visitor = await browser.newPage();
  await visitor.goto("/");
  await expect(visitor).toHaveTitle(/Aurora Cloud Supply/);
  await expect(visitor.getByRole("link", { name: "Aurora Cloud Supply home" })).toBeVisible();
  await expect(
    visitor.getByRole("link", { name: "Aurora Cloud Supply home" }).locator("img"),
  ).toHaveAttribute("src", "/favicon.svg");
  const brand = await visitor
    .locator("[style*='--brand']")
    .first()
    .evaluate((el) => getComputedStyle(el).getPropertyValue("--brand"));
  expect(brand.trim()).toBe("#7c3aed");

  await page.goto("/admin/audit");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("settings.branding_updated");
});

test("support staff can read the settings but not change them", async ({ page }) => {
  await openAs(page, "support", "/admin/settings");
  await expect(page.getByText("an administrator can change them")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save branding" })).toHaveCount(0);
});

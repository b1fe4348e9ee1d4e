import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";

// The first test retires Tier 5 for a while, which storefront.spec asserts on: it belongs in a project that
// runs after "desktop" (as branding.spec does), and it puts Tier 5 back before it ends.

test("an admin retires a tier: the storefront stops offering it, and it comes back when un-retired", async ({
  page,
  browser,
}) => {
  await openAs(page, "admin", "/admin/catalogue");
  const tiers = page.getByRole("table", { name: "Tiers", exact: true });
  await expect(tiers.getByRole("row", { name: /Tier 5/ })).toContainText("orderable");
  await tiers.getByRole("link", { name: "Edit Tier 5" }).click();
  await expect(page.getByRole("heading", { name: "Edit Tier 5" })).toBeVisible();
  // The form says what retiring does to the contracts already on the tier.
  await expect(page.getByText(/contracts already on it keep being billed/)).toBeVisible();

  await page.getByLabel("Retired", { exact: true }).check();
  await page.getByRole("button", { name: "Save tier" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tier saved" })).toBeVisible();

  const visitor = await browser.newPage();
  await visitor.goto("/");
  const plans = visitor.getByRole("table", { name: /Tiers/ });
  const header = (name: string) => plans.locator("thead").getByRole("columnheader", { name, exact: true });
  // The storefront is cached and revalidated on change (stale-while-revalidate): allow a reload or two.
  await expect(async () => {
    await visitor.reload();
    await expect(header("Tier 4")).toBeVisible({ timeout: 2_000 });
    await expect(header("Tier 5")).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/admin/catalogue");
  await expect(tiers.getByRole("row", { name: /Tier 5/ })).toContainText("retired");
  await page.goto("/admin/audit");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("catalogue.tier_retired");

  // Put it back, so the specs after this one find the seeded catalogue.
  await page.goto("/admin/catalogue");
  await tiers.getByRole("link", { name: "Edit Tier 5" }).click();
  await page.getByLabel("Retired", { exact: true }).uncheck();
  await page.getByLabel("Orderable", { exact: true }).check();
  await page.getByRole("button", { name: "Save tier" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tier saved" })).toBeVisible();
  await expect(async () => {
    await visitor.reload();
    await expect(header("Tier 5")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await visitor.close();
});

test("support reads the catalogue with no edit control, at 390 px without sideways scrolling", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openAs(page, "support", "/admin/catalogue");
  await expect(page.getByRole("heading", { level: 1, name: "Catalogue" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Tiers", exact: true })).toContainText("Tier 3");
  await expect(page.getByRole("table", { name: "Services", exact: true })).toContainText(
    "pw_base_workstations",
  );

  await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New tier" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Review changes" })).toHaveCount(0);
  const matrix = page.getByRole("table", { name: /Upgrade paths/ });
  await expect(matrix.getByRole("checkbox", { name: /^Tier 1 to Tier 2/ })).toBeDisabled();
  await expect(matrix.getByRole("checkbox", { name: /^Tier 1 to Promo: never allowed/ })).toBeDisabled();

  // Wide tables scroll inside their own box; the page itself never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  for (const path of ["/admin/catalogue/tiers/new"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
  }
});

import { expect, test } from "@playwright/test";
import { logins, signIn } from "./helpers";
import { createReseller } from "./reseller";

test("an owner upgrades at once, schedules a downgrade for the 1st and withdraws it", async ({ page }) => {
  const reseller = await createReseller({
    name: "Upgrading Services",
    currency: "GBP",
    tier: "T3",
    country: "GB",
    taxRatePercent: "20",
  });
  await signIn(page, reseller.logins.owner);
  await page
    .getByRole("navigation", { name: "Reseller portal" })
    .getByRole("link", { name: "Contract" })
    .click();
  await expect(page.getByRole("heading", { name: "Tier 3" })).toBeVisible();
  const changes = page.getByRole("table", { name: "Tier changes" });
  await expect(changes.getByRole("row", { name: /Tier 4/ })).toContainText("£");

  await changes.getByRole("button", { name: "Upgrade to Tier 4" }).click();
  await expect(page.getByRole("heading", { name: "Tier 4" })).toBeVisible();

  await page
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Downgrade to Tier 2" })
    .click();
  await expect(page.getByRole("heading", { name: "Downgrade to Tier 2 scheduled" })).toBeVisible();
  // Only one pending downgrade: no more downgrade offers until it is withdrawn.
  await expect(page.getByRole("button", { name: /^Downgrade to/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Withdraw downgrade" }).click();
  await expect(page.getByRole("heading", { name: /scheduled/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Downgrade to Tier 2" })).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "upgraded" }).first()).toBeVisible();
});

test("a viewer sees the contract but cannot change it", async ({ page }) => {
  await signIn(page, logins.viewer);
  await page.goto("/portal/contract");
  await expect(page.getByRole("heading", { name: "Tier 2" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Upgrade|Downgrade|Cancel/ })).toHaveCount(0);
});

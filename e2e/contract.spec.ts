import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

test("an owner reviews then upgrades at once, schedules a downgrade for the 1st and withdraws it", async ({
  page,
}) => {
  const reseller = await createReseller({
    name: "Upgrading Services",
    currency: "GBP",
    tier: "T3",
    country: "GB",
    taxRatePercent: "20",
  });
  await openAs(page, reseller.logins.owner, "/portal");
  await page
    .getByRole("navigation", { name: "Reseller portal" })
    .getByRole("link", { name: "Contract" })
    .click();
  await expect(page.getByRole("heading", { name: "Tier 3", exact: true })).toBeVisible();
  const changes = page.getByRole("table", { name: "Tier changes" });
  await expect(changes.getByRole("row", { name: /Tier 4/ })).toContainText("£");

  // "Review change" opens the confirm step: what Tier 4 costs this month, before anything changes.
  const reviewUpgrade = changes.getByRole("button", { name: "Review change: upgrade to Tier 4" });
  await reviewUpgrade.click();
  const upgrade = page.getByRole("dialog", { name: "Upgrade to Tier 4" });
  await expect(upgrade).toBeVisible();
  await expect(upgrade.getByRole("heading", { name: "Upgrade to Tier 4" })).toBeFocused();
  await expect(upgrade).toContainText("Commitment / month");
  await expect(upgrade).toContainText("Projected month");
  await expect(upgrade).toContainText("£");
  // Escape closes it, focus goes back to its button, and nothing changed.
  await page.keyboard.press("Escape");
  await expect(upgrade).toBeHidden();
  await expect(reviewUpgrade).toBeFocused();
  await expect(page.getByRole("heading", { name: "Tier 3", exact: true })).toBeVisible();

  await reviewUpgrade.click();
  await upgrade.getByRole("button", { name: "Confirm upgrade to Tier 4" }).click();
  await expect(page.getByRole("heading", { name: "Tier 4", exact: true })).toBeVisible();

  await page
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Review change: downgrade to Tier 2" })
    .click();
  const downgrade = page.getByRole("dialog", { name: "Downgrade to Tier 2" });
  await expect(downgrade).toContainText("Next month's estimate");
  await downgrade.getByRole("button", { name: "Confirm downgrade to Tier 2" }).click();
  await expect(page.getByRole("heading", { name: "Downgrade to Tier 2 scheduled" })).toBeVisible();
  // Only one pending downgrade: no more downgrade offers until it is withdrawn.
  await expect(page.getByRole("button", { name: /: downgrade to/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Withdraw downgrade" }).click();
  await expect(page.getByRole("heading", { name: /scheduled/ })).toHaveCount(0);
  await expect(
    page
      .getByRole("table", { name: "Tier changes" })
      .getByRole("button", { name: "Review change: downgrade to Tier 2" }),
  ).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "upgraded" }).first()).toBeVisible();
});

test("a viewer sees the contract but cannot change it", async ({ page }) => {
  await openAs(page, "viewer", "/portal/contract");
  await expect(page.getByRole("heading", { name: "Tier 2", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Upgrade|Downgrade|Cancel|Confirm/ })).toHaveCount(0);
  // A viewer reviews what a change would cost, but gets no confirm button.
  await page
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Review change: upgrade to Tier 3" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Upgrade to Tier 3" });
  await expect(dialog).toContainText("Commitment / month");
  await expect(dialog).toContainText("Only the account owner can change the tier.");
  await expect(dialog.getByRole("button", { name: /Confirm/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

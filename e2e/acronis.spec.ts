import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";

test("an admin tests the Acronis connection and syncs usage on demand", async ({ page }) => {
  await openAs(page, "admin");
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Acronis" }).click();
  await expect(page.getByText("built-in Acronis simulator")).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected as" })).toContainText("partner tenant");

  // The first start backfilled history from the simulator: month closes are listed.
  const runs = page.getByRole("table", { name: "Usage sync runs" });
  await expect(runs).toContainText("month close");
  await page.getByRole("button", { name: "Sync usage now" }).click();
  await expect(page.getByText("Usage sync started")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("table", { name: "Usage sync runs" }).getByRole("row").nth(1)).toContainText(
      "manual",
    );
  }).toPass({ timeout: 30_000 });
});

import { expect, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";

// Taxes (domain.md §2.4): the demo distributor is in the US and its table gives Germany 19 %, so a German
// reseller signing up on the storefront gets 19 % — what the seeded German reseller (Kopernikus) pays.
test.describe.configure({ timeout: 120_000 });

const run = Date.now().toString(36);

/** The reseller page's "Tax rate" value. */
function taxRateOf(page: Page) {
  return page.locator("dt", { hasText: /^Tax rate$/ }).locator("xpath=following-sibling::dd[1]");
}

test("a German reseller signing up on the storefront gets 19 %", async ({ page, browser }) => {
  const company = `Brandenburg IT ${run}`;
  const email = `owner-${run}@brandenburg.example`;
  await page.goto("/signup");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Billing currency").selectOption("EUR");
  await page.getByRole("group", { name: "Tier" }).getByText("Tier 1", { exact: true }).click();
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Street address").fill("Friedrichstraße 12");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Postal code").fill("10117");
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("VAT / tax id (optional)").fill("DE 811 234 567");
  await page.getByLabel("Your name").fill("Bernd Brandenburg");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("brandenburg-Secure-2026");
  const login = page.getByLabel("Acronis login");
  await login.fill(`brandenburg-${run}`);
  await login.blur();
  await expect(page.getByText(`"brandenburg-${run}" is available.`)).toBeVisible();
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signup\/check-email/);

  // The rate is set at sign-up (before the email is confirmed): the back office shows it.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await openAs(admin, "admin", "/admin/resellers");
  await admin.getByRole("link", { name: company }).click();
  await expect(admin.getByRole("heading", { name: company })).toBeVisible();
  await expect(taxRateOf(admin)).toHaveText(/^19\s?%$/);

  // The same as the seeded German reseller.
  await admin.goto("/admin/resellers?q=Kopernikus");
  await admin.getByRole("link", { name: "Kopernikus Systemhaus" }).click();
  await expect(taxRateOf(admin)).toHaveText(/^19\s?%$/);
  await context.close();
});

test("the taxes page shows Germany at 19 % and explains the rates; support only reads", async ({ page }) => {
  await openAs(page, "support", "/admin/taxes");
  await expect(page.getByRole("heading", { name: "Taxes", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Tax rates by country" });
  const germany = table.getByRole("row", { name: /Germany/ });
  await expect(germany.getByRole("cell").nth(1)).toHaveText("DE");
  await expect(germany.getByRole("cell").nth(2)).toHaveText(/^19\s?%$/);
  await expect(germany.getByRole("cell").nth(3)).toHaveText("VAT standard rate");
  // Kopernikus (and any German sign-up) is counted.
  await expect(germany.getByRole("cell").nth(4)).not.toHaveText("0");
  await expect(page.getByRole("heading", { name: "What these rates mean" })).toBeVisible();
  await expect(page.getByText(/Changing this table does not change existing resellers/)).toBeVisible();
  await expect(page.getByText(/A country not in the table is taxed 0 %/)).toBeVisible();
  // Support reads: no edit controls.
  await expect(page.getByRole("link", { name: "Edit Germany" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add a country" })).toHaveCount(0);
});

test("finance adds a country, edits it after a confirm step and removes it", async ({ page }) => {
  await openAs(page, "finance", "/admin/taxes");
  const table = page.getByRole("table", { name: "Tax rates by country" });

  // A bad rate is refused beside the field, keeping what was typed.
  await page.getByLabel("Country").selectOption("CA");
  await page.getByLabel("Rate (%)").fill("150");
  await page.getByLabel("Label").fill("GST");
  await page.getByRole("button", { name: "Add country" }).click();
  await expect(
    page.getByText("A number from 0 to 100, with at most 4 decimals (e.g. 19 or 25.5)."),
  ).toBeVisible();
  await expect(page.getByLabel("Label")).toHaveValue("GST");

  await page.getByLabel("Rate (%)").fill("5");
  await page.getByRole("button", { name: "Add country" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Canada saved" })).toBeVisible();
  const canada = table.getByRole("row", { name: /Canada/ });
  await expect(canada.getByRole("cell").nth(2)).toHaveText(/^5\s?%$/);

  await canada.getByRole("link", { name: "Edit Canada" }).click();
  await expect(page.getByRole("heading", { name: "Edit Canada" })).toBeVisible();
  await page.getByLabel("Rate (%)").fill("5,5");
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("existing");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Save Canada" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Canada saved" })).toBeVisible();
  await expect(canada.getByRole("cell").nth(2)).toHaveText(/^5\.5\s?%$/);

  page.once("dialog", (dialog) => void dialog.accept());
  await canada.getByRole("button", { name: "Delete Canada" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Canada removed" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Canada/ })).toHaveCount(0);
});

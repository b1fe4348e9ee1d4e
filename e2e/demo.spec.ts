import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";

// What a newcomer finds on a first start: the demo's closed months already invoiced (db/seed/invoices.ts).
// Read-only: the demo resellers are shared by every spec.

test("Thames has six issued invoices, each with a commitment top-up", async ({ page }) => {
  await openAs(page, "thames", "/portal");
  await page
    .getByRole("navigation", { name: "Reseller portal" })
    .getByRole("link", { name: "Invoices" })
    .click();
  const numbers = page
    .getByRole("table", { name: "Invoices" })
    .getByRole("link", { name: /^INV-\d{4}-\d{6}$/ });
  await expect(numbers).toHaveCount(6);
  await numbers.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^INV-\d{4}-\d{6}$/);
  await expect(page.getByText("minimum commitment top-up", { exact: true })).toBeVisible();
});

test("Wattle started this month in ramp-up: no invoice yet, its commitment waived", async ({ page }) => {
  await openAs(page, "wattle", "/portal/invoices");
  await expect(page.getByText("No invoices yet")).toBeVisible();
  await page.goto("/portal/contract");
  await expect(page.getByText("Cycle 1 of 1: commitment waived")).toBeVisible();
});

test("the back office lists the demo's issued invoices", async ({ page }) => {
  await openAs(page, "finance", "/admin/invoices");
  const table = page.getByRole("table", { name: "Invoices" });
  await expect(table.getByRole("link", { name: /^INV-\d{4}-\d{6}$/ }).first()).toBeVisible();
  await expect(table).toContainText("Thames Managed Services");
  await expect(table).toContainText("Kopernikus Systemhaus");
});

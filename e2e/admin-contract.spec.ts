import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

test("an admin suspends a reseller with a reason and resumes it", async ({ page }) => {
  const reseller = await createReseller({ name: "Suspended Systems", currency: "EUR", tier: "T1" });
  await openAs(page, "admin", "/admin/resellers");
  await page.getByRole("link", { name: reseller.name }).click();
  await expect(page.getByRole("heading", { name: reseller.name })).toBeVisible();

  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByText("Say why, in a few words")).toBeVisible();

  await page.getByLabel("Reason (suspend)").fill("Invoice INV-2026-000001 unpaid for 45 days");
  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect(page.getByText("suspend", { exact: true })).toBeVisible(); // the queued Acronis job

  await page.getByLabel("Reason (resume)").fill("Paid in full");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();

  await page.goto("/admin/audit");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("contract.suspended");
});

test("finance staff see the reseller but get no contract controls", async ({ page }) => {
  await openAs(page, "finance", "/admin/resellers?q=Northwind");
  await page.getByRole("link", { name: "Northwind IT Services" }).click();
  await expect(page.getByRole("heading", { name: "Northwind IT Services" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Suspend|Cancel immediately/ })).toHaveCount(0);
});

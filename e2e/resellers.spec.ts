import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

test("an admin edits a reseller's billing contacts; a bad address is named beside the field", async ({
  page,
}) => {
  const reseller = await createReseller({ name: "Contacts Test", country: "DE", currency: "EUR" });
  await openAs(page, "admin", `/admin/resellers/${reseller.id}`);
  await page.getByRole("link", { name: "Edit details" }).click();
  await expect(page.getByRole("heading", { name: `Edit ${reseller.name}` })).toBeVisible();

  const contacts = page.getByLabel("Further billing contacts");
  await contacts.fill("ap@contacts.example, not-an-email");
  await page.getByLabel("Postal code").fill("10117");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Not a valid email: not-an-email")).toBeVisible();
  // The typed values are kept.
  await expect(page.getByLabel("Postal code")).toHaveValue("10117");

  await contacts.fill("ap@contacts.example\ncontroller@contacts.example");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status")).toContainText("Details saved");

  await page.goto(`/admin/resellers/${reseller.id}`);
  await expect(page.getByText("ap@contacts.example, controller@contacts.example")).toBeVisible();
});

test("an admin sets a price adjustment after a confirm step that shows the next invoice", async ({
  page,
}) => {
  const reseller = await createReseller({ name: "Discount Test", paidMonthsAgo: 1, withUsage: true });
  await openAs(page, "admin", `/admin/resellers/${reseller.id}`);
  await page.getByLabel("Adjustment", { exact: true }).selectOption("sell_discount");
  await page.getByLabel("Percentage (p)").fill("10");
  await page.getByLabel("Reason for the price adjustment").fill("Volume deal");
  await page.getByRole("button", { name: "Review price change" }).click();
  const confirm = page.getByRole("region", { name: "This changes what the reseller pays" });
  await expect(confirm).toContainText("Unit prices −10 % of sell prices from the next invoice");
  await confirm.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByRole("status").first()).toContainText("Price adjustment saved");
  await expect(page.getByText("10 % discount on sell prices")).toBeVisible();
});

test("an admin creates a reseller by hand; the owner's invitation in the outbox sets a password", async ({
  page,
  browser,
}) => {
  const suffix = randomBytes(4).toString("hex");
  const name = `Hand Made ${suffix}`;
  const ownerEmail = `owner-${suffix}@hand.example`;
  await openAs(page, "admin", "/admin/resellers");
  await page.getByRole("link", { name: "New reseller" }).click();

  await page.getByLabel("Company name").fill(name);
  await page.getByLabel("Street address").fill("1 Harbour Road");
  await page.getByLabel("City").fill("Dublin");
  await page.getByLabel("Postal code").fill("D02 X285");
  await page.getByLabel("Country", { exact: true }).selectOption({ label: "Ireland" });
  await page.getByLabel("Billing email").fill(`billing-${suffix}@hand.example`);
  await page.getByLabel("Billing currency").selectOption("EUR");
  await page.getByLabel("Tier", { exact: true }).selectOption({ label: "Tier 1" });
  await page.getByLabel("Owner's name").fill("Orla Owner");
  await page.getByLabel("Owner's email").fill(ownerEmail);
  await page.getByLabel("Acronis console login").fill(`hand-${suffix}`);
  await page.getByRole("button", { name: "Create reseller and invite owner" }).click();

  await expect(page).toHaveURL(/\/admin\/resellers\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Its owner was emailed an invitation");
  await expect(page.getByText("provision", { exact: true })).toBeVisible();

  // The invitation is in the outbox; the demo admin (no mail server) can read its link.
  await page.goto("/admin/outbox");
  await page
    .getByRole("row", { name: new RegExp(ownerEmail) })
    .getByRole("link", { name: /account for .* is ready/ })
    .first()
    .click();
  const body = await page.getByTestId("email-body").textContent();
  const link = /(http\S+reset-password\?token=\S+)/.exec(body ?? "")?.[1];
  expect(link).toBeTruthy();

  const owner = await (await browser.newContext()).newPage();
  await owner.goto(new URL(link!).pathname + new URL(link!).search);
  await owner.getByLabel("New password", { exact: true }).fill("orla-Passw0rd-2026");
  await owner.getByLabel("Repeat the new password").fill("orla-Passw0rd-2026");
  await owner.getByRole("button", { name: "Set new password" }).click();
  await expect(owner).toHaveURL(/\/login\?reset=done/);
  await owner.getByLabel("Email").fill(ownerEmail);
  await owner.getByLabel("Password").fill("orla-Passw0rd-2026");
  await owner.getByRole("button", { name: "Sign in" }).click();
  await expect(owner).not.toHaveURL(/\/login/);
});

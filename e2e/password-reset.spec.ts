import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

test("a user resets a forgotten password through the emailed link", async ({ browser }) => {
  const reseller = await createReseller({ name: "Forgetful Networks", roles: ["owner", "billing"] });
  const user = reseller.logins.billing;
  const visitor = await browser.newPage();
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await visitor.getByLabel("Email").fill(user.email);
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByRole("status")).toContainText("If an account exists for that email");

  // The email lands in the outbox, which the distributor admin can read.
  const admin = await browser.newPage();
  await openAs(admin, "admin", "/admin/outbox");
  await admin
    .getByRole("row", { name: new RegExp(user.email) })
    .getByRole("link", { name: /Reset your/ })
    .first()
    .click();
  const body = await admin.getByTestId("email-body").textContent();
  const link = /(http\S+reset-password\?token=\S+)/.exec(body ?? "")?.[1];
  expect(link).toBeTruthy();

  // Support staff read the same email without the link: a reset link is the account.
  const support = await (await browser.newContext()).newPage();
  await openAs(support, "support", admin.url());
  await expect(support.getByText("One single-use link is hidden")).toBeVisible();
  await expect(support.getByTestId("email-body")).toContainText("[one-time token hidden]");
  await expect(support.getByTestId("email-body")).not.toContainText(
    new URL(link!).searchParams.get("token")!,
  );

  await visitor.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(visitor.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await visitor.getByLabel("New password", { exact: true }).fill("short");
  await visitor.getByLabel("Repeat the new password").fill("short");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText("Use at least 10 characters.")).toBeVisible();

  await visitor.getByLabel("New password", { exact: true }).fill("fresh-Passw0rd-26");
  await visitor.getByLabel("Repeat the new password").fill("fresh-Passw0rd-26");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor).toHaveURL(/\/login\?reset=done/);
  await expect(visitor.getByRole("status")).toContainText("Your password was changed");

  await visitor.getByLabel("Email").fill(user.email);
  await visitor.getByLabel("Password").fill("fresh-Passw0rd-26");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/portal\/usage$/);
});

import { expect, type Page, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signIn } from "./helpers";
import { createReseller } from "./reseller";

// A reseller of this spec's own (never a demo login: other specs sign those in and share their sessions).
// The spec is its own authenticator app: it computes codes with otpauth from the key the page shows.

const PERIOD = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD);

/**
 * A code the server accepts that is later than `after` (a used step is refused: no replay). The server takes
 * one step either side of its clock, so the next step's code works at once; beyond that, wait for the clock.
 */
async function codeAfter(key: string, after: number): Promise<{ code: string; step: number }> {
  const step = Math.max(stepNow(), after + 1);
  while (stepNow() < step - 1) await new Promise((r) => setTimeout(r, 1000));
  const totp = new TOTP({ secret: Secret.fromBase32(key), algorithm: "SHA1", digits: 6, period: PERIOD });
  return { code: totp.generate({ timestamp: step * PERIOD * 1000 }), step };
}

async function signOut(page: Page) {
  await page.locator("summary").filter({ hasText: "Open user menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function passwordStep(page: Page, who: { email: string; password: string }) {
  await page.goto("/login?next=/portal");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expect(page.getByLabel("Authentication code")).toBeFocused();
}

async function codeStep(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
}

test("a reseller user enrols TOTP, must give a code at the next sign-in, and a recovery code works once", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const reseller = await createReseller({ name: "Two Factor" });
  const owner = reseller.logins.owner;

  // Without two-factor the sign-in form (and e2e/helpers' signIn) works as before.
  await signIn(page, owner, "/portal");
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: "Sign-in security" })).toBeVisible();

  // Setting up asks for the current password first: a stolen session alone cannot link another phone.
  const setUp = page.getByRole("button", { name: "Set up two-factor sign-in" });
  const currentPassword = page.getByLabel("Current password");
  await setUp.click();
  await expect(currentPassword).toHaveAccessibleDescription("Enter your current password.");
  await currentPassword.fill("not-the-password-1");
  await setUp.click();
  await expect(currentPassword).toHaveAccessibleDescription("This password is not correct.");
  await expect(page.getByRole("img", { name: "QR code holding your two-factor key" })).toHaveCount(0);
  await currentPassword.fill(owner.password);
  await setUp.click();
  await expect(page.getByRole("img", { name: "QR code holding your two-factor key" })).toBeVisible();
  const key = ((await page.getByTestId("manual-key").textContent()) ?? "").replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code does not turn it on.
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not correct" }).first()).toBeVisible();

  const confirmed = await codeAfter(key, 0);
  await page.getByLabel("Code from the app").fill(confirmed.code);
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("On", { exact: true })).toBeVisible();
  await expect(page.getByTestId("recovery-codes-left")).toContainText("10 of 10 unused");
  // Shown once: a reload lists none.
  await page.reload();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

  await signOut(page);

  // The right password alone opens no session: the code step comes, and the portal stays closed meanwhile.
  await passwordStep(page, owner);
  const other = await page.context().newPage();
  await other.goto("/portal");
  await expect(other).toHaveURL(/\/login/);
  await other.close();

  // The code that turned it on is spent (no replay); the next one signs in.
  await codeStep(page, confirmed.code);
  await expect(page.getByRole("alert").filter({ hasText: "not correct" }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  const next = await codeAfter(key, confirmed.step);
  await codeStep(page, next.code);
  await expect(page).toHaveURL((url) => url.pathname.startsWith("/portal"));
  await signOut(page);

  // A recovery code signs in once.
  await passwordStep(page, owner);
  await codeStep(page, recoveryCodes[0]!);
  await expect(page).toHaveURL((url) => url.pathname.startsWith("/portal"));
  await page.goto("/account/security");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 of 10 unused");
  await signOut(page);

  await passwordStep(page, owner);
  await codeStep(page, recoveryCodes[0]!);
  await expect(page.getByRole("alert").filter({ hasText: "not correct" }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  // "Use another account" goes back to the password step.
  await page.getByRole("button", { name: "Use another account" }).click();
  await expect(page.getByLabel("Password")).toBeVisible();

  // The same sign-in on a phone-sized screen: the code step fits without scrolling sideways.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const small = await phone.newPage();
  await passwordStep(small, owner);
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await codeStep(small, recoveryCodes[1]!);
  await expect(small).toHaveURL((url) => url.pathname.startsWith("/portal"));
  await small.goto("/account/security");
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();
});

test("an owner resets the two-factor sign-in of a member who lost their phone", async ({ browser }) => {
  test.setTimeout(120_000);
  const reseller = await createReseller({ name: "Two Factor Reset", roles: ["owner", "billing"] });
  const { owner, billing } = reseller.logins;

  // The billing user turns it on (the password first, then the first code).
  const member = await (await browser.newContext()).newPage();
  await signIn(member, billing, "/portal");
  await member.goto("/account/security");
  await member.getByLabel("Current password").fill(billing.password);
  await member.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const key = ((await member.getByTestId("manual-key").textContent()) ?? "").replace(/\s+/g, "");
  await member.getByLabel("Code from the app").fill((await codeAfter(key, 0)).code);
  await member.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await member.getByRole("button", { name: "I have saved them" }).click();
  await expect(member.getByText("On", { exact: true })).toBeVisible();

  // The owner sees it on and resets it after a confirm step; their own row offers no reset.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, owner, "/portal");
  await page.goto("/portal/team");
  const members = page.getByRole("table", { name: "Team members" });
  await expect(members.getByRole("columnheader", { name: "Two-factor" })).toBeVisible();
  const row = members.getByRole("row", { name: new RegExp(billing.email) });
  await expect(row.getByRole("cell", { name: "On", exact: true })).toBeVisible();
  await expect(
    members
      .getByRole("row", { name: new RegExp(owner.email) })
      .getByRole("button", { name: /^Reset two-factor/ }),
  ).toHaveCount(0);
  await row.getByRole("button", { name: /^Reset two-factor/ }).click();
  const dialog = page.getByRole("dialog", { name: /two-factor sign-in\?$/ });
  await expect(dialog).toContainText("signed out everywhere");
  await dialog.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "two-factor sign-in was reset" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Off", exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: /^Reset two-factor/ })).toHaveCount(0);

  // The member was signed out everywhere; the password alone signs them in again.
  await member.goto("/portal");
  await expect(member).toHaveURL(/\/login/);
  await signIn(member, billing, "/portal");
  await expect(member).toHaveURL((url) => url.pathname.startsWith("/portal"));
});

import { type Browser, expect, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";

// The whole storefront journey against the built-in Acronis simulator: sign up, confirm the email from the
// outbox, watch provisioning finish, see the contract. Serial: the bad-input test reuses the first login.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const run = Date.now().toString(36);
const paid = {
  company: `Helios IT ${run}`,
  email: `owner-${run}@helios.example`,
  password: "helios-Secure-2026",
  login: `helios-${run}`,
};

type Details = { company: string; email: string; password: string; login?: string };

async function fillCompanyAndAdmin(page: Page, d: Details) {
  await page.getByLabel("Company name").fill(d.company);
  await page.getByLabel("Street address").fill("Friedrichstraße 12");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Postal code").fill("10117");
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("VAT / tax id (optional)").fill("DE 811 234 567");
  await page.getByLabel("Your name").fill("Hanna Helios");
  await page.getByLabel("Work email").fill(d.email);
  await page.getByLabel("Password").fill(d.password);
  // Leaving the email field suggests it as the Acronis login; we choose our own and Acronis is asked.
  const login = page.getByLabel("Acronis login");
  if (d.login) {
    await login.fill(d.login);
    await login.blur();
  }
}

/** The verification link as the reseller would receive it: read from the back office's email outbox. */
async function verificationLink(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  // The distributor admin: the only reader of one-time links, and only because no mail server is configured.
  await openAs(admin, "admin", "/admin/outbox");
  await admin
    .getByRole("row", { name: new RegExp(to) })
    .getByRole("link", { name: /Confirm your email/ })
    .first()
    .click();
  const body = (await admin.locator("pre").textContent()) ?? "";
  await context.close();
  const match = body.match(/https?:\/\/[^\s]+\/signup\/verify\?token=[\w-]+/);
  expect(match, "the email carries a verification link").not.toBeNull();
  return new URL(match![0]).pathname + new URL(match![0]).search;
}

async function confirmAndWatch(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm and set up my account" }).click();
  await expect(page).toHaveURL(/\/portal\/setup/);
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();
  // Steps turn done one after another; the simulator finishes within seconds.
  await expect(page.getByRole("heading", { name: "Your Acronis account is ready" })).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.locator("[data-status='done']")).toHaveCount(8);
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
}

test("a new reseller signs up, confirms the email, watches provisioning and lands on an active contract", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "Get started" }).click();
  await expect(page.getByRole("heading", { name: /Start with Skyline Distribution/ })).toBeVisible();
  await page.waitForLoadState("networkidle");

  await page.getByLabel("Billing currency").selectOption("EUR");
  await page.getByRole("group", { name: "Tier" }).getByText("Tier 1", { exact: true }).click();
  await expect(page.getByRole("complementary")).toContainText("Tier 1");
  await expect(page.getByRole("complementary")).toContainText("€");
  await fillCompanyAndAdmin(page, paid);
  await expect(page.getByText(`"${paid.login}" is available.`)).toBeVisible();
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/signup\/check-email/);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(paid.email)).toBeVisible();

  // Before confirming, the password does not open the portal.
  await page.goto("/login");
  await page.getByLabel("Email").fill(paid.email);
  await page.getByLabel("Password").fill(paid.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Confirm your email first" })).toBeVisible();

  await confirmAndWatch(page, await verificationLink(browser, paid.email));
  const ready = page.getByRole("main");
  await expect(ready.getByText(paid.email)).toBeVisible();
  await expect(ready.getByText(paid.login)).toBeVisible();

  await page.getByRole("link", { name: "See your contract" }).click();
  await expect(page.getByRole("heading", { name: "Tier 1" })).toBeVisible();
  await expect(page.getByText("Active").first()).toBeVisible();

  // The upgrade applies at once, after its confirm step.
  await page
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Review change: upgrade to Tier 2" })
    .click();
  await page
    .getByRole("dialog", { name: "Upgrade to Tier 2" })
    .getByRole("button", { name: "Confirm upgrade to Tier 2" })
    .click();
  await expect(page.getByRole("heading", { name: "Tier 2", exact: true })).toBeVisible();

  // The distributor sees the new reseller with its Acronis tenant.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await openAs(admin, "admin", "/admin/resellers");
  await admin.getByRole("link", { name: paid.company }).click();
  await expect(admin.getByRole("main").getByText(paid.login)).toBeVisible();
  await context.close();
});

test("a trial sign-up starts a trial with no commitment", async ({ page, browser }) => {
  const trial = {
    company: `Nimbus MSP ${run}`,
    email: `owner-${run}@nimbus.example`,
    password: "nimbus-Secure-2026",
  };
  await page.goto("/signup?tier=T2&trial=1&currency=GBP");
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel(/Start with a free 30-day trial/)).toBeChecked();
  await expect(page.getByRole("complementary")).toContainText("None during the trial");
  await fillCompanyAndAdmin(page, trial);
  // Without a login of its own, the email is suggested and checked with Acronis.
  await expect(page.getByLabel("Acronis login")).toHaveValue(trial.email);
  await expect(page.getByText(`"${trial.email}" is available.`)).toBeVisible();
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole("button", { name: "Start free trial" }).click();
  await expect(page).toHaveURL(/\/signup\/check-email/);

  await confirmAndWatch(page, await verificationLink(browser, trial.email));
  await page.goto("/portal/contract");
  await expect(page.getByRole("heading", { name: "Tier 2" })).toBeVisible();
  await expect(page.getByText(/days? left/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Convert now" })).toBeVisible();
});

test("bad input gets a message beside each field and creates nothing", async ({ page }) => {
  await page.goto("/signup?currency=BRL");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("alert").filter({ hasText: "We don't invoice in BRL" })).toBeVisible();

  await fillCompanyAndAdmin(page, {
    company: `Bad Input ${run}`,
    email: `bad-${run}@example.com`,
    password: "short1",
    // Northwind's administrator login, taken since the demo data was set up.
    login: "northwind",
  });
  await page.getByLabel("VAT / tax id (optional)").fill("DE12");
  await expect(page.getByText('The login "northwind" is already taken in Acronis')).toBeVisible();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Check the highlighted fields." })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/at least 10 characters/);
  await expect(page.getByLabel("VAT / tax id (optional)")).toHaveAccessibleDescription(
    /not a valid VAT number for Germany/,
  );
  await expect(page.getByLabel("Acronis login")).toHaveAccessibleDescription(/already taken in Acronis/);
  await expect(page.getByLabel(/I accept the terms of service/)).toHaveAccessibleDescription(
    /Accept the terms/,
  );
  // What was typed stays (except the password), and focus moves to the first field that needs attention.
  await expect(page.getByLabel("Company name")).toHaveValue(`Bad Input ${run}`);
  await expect(page.getByLabel("VAT / tax id (optional)")).toBeFocused();

  // Everything fixed but the currency, which a tampered request sets to one we don't sell: refused on the
  // server, beside the field, and still nothing created.
  await page.getByLabel("VAT / tax id (optional)").fill("DE811234567");
  await page.getByLabel("Password").fill("bad-Input-Secure-2026");
  await page.getByLabel("Acronis login").fill(`bad-${run}`);
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByLabel("Billing currency").evaluate((el) => {
    (el as HTMLSelectElement).add(new Option("BRL", "BRL"));
  });
  await page.getByLabel("Billing currency").selectOption("BRL");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Billing currency")).toHaveAccessibleDescription(/don't invoice in BRL/);
  await expect(page).toHaveURL(/\/signup\?/);
});

test("when the distributor approves sign-ups, provisioning waits for an admin", async ({ page, browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await openAs(admin, "admin", "/admin/settings");
  await admin.getByLabel(/Approve new sign-ups before provisioning/).check();
  await admin.getByRole("button", { name: "Save policies" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Policies saved" })).toBeVisible();
  try {
    const d = {
      company: `Vetted Ltd ${run}`,
      email: `owner-${run}@vetted.example`,
      password: "vetted-Secure-2026",
    };
    await page.goto("/signup?tier=T3&currency=USD");
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("complementary")).toContainText("approved by our team");
    await fillCompanyAndAdmin(page, d);
    await page.getByLabel(/I accept the terms of service/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/signup\/check-email/);

    await page.goto(await verificationLink(browser, d.email));
    await page.getByRole("button", { name: "Confirm and set up my account" }).click();
    await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();

    await admin.goto("/admin/resellers");
    await admin.getByRole("link", { name: d.company }).click();
    await expect(admin.getByRole("heading", { name: "Sign-up awaiting approval" })).toBeVisible();
    await admin.getByRole("button", { name: "Approve and start" }).click();
    // Approved: the request card gives way to the started contract.
    await expect(admin.getByRole("heading", { name: "Sign-up awaiting approval" })).toHaveCount(0);
    await expect(admin.getByText("Tier 3 · USD")).toBeVisible();

    // The reseller's page moves on by itself.
    await expect(page.getByRole("heading", { name: "Your Acronis account is ready" })).toBeVisible({
      timeout: 45_000,
    });
  } finally {
    await admin.goto("/admin/settings");
    await admin.getByLabel(/Approve new sign-ups before provisioning/).uncheck();
    await admin.getByRole("button", { name: "Save policies" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Policies saved" })).toBeVisible();
    await context.close();
  }
});

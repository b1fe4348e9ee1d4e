import { expect, type Locator, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller, setSimulatorUsage } from "./reseller";

// Amounts as the page prints them ("$1,234.56") in cents, to add them up exactly.
function cents(text: string): number {
  const match = /-?[\d,]+(\.\d+)?/.exec(text.replace(/\u00a0/g, " "));
  if (!match) throw new Error(`no amount in "${text}"`);
  const [whole, fraction = ""] = match[0].replaceAll(",", "").split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
}

function chartCard(page: Page, title: string): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

test("a reseller's usage page shows its month, and the tables add up to the month-to-date card", async ({
  page,
}) => {
  await openAs(page, "owner");
  await expect(page).toHaveURL(/\/portal\/usage$/);
  await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();

  const card = page.getByRole("region", { name: "Month to date" });
  const monthToDate = cents((await card.locator("p").first().textContent()) ?? "");
  expect(monthToDate).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Projected month end" })).toContainText("Day ");

  // Charts are drawn (an image per chart, with its summary) …
  const daily = chartCard(page, "Cost this month");
  await expect(daily.getByRole("img").first()).toBeVisible();
  await expect(daily.locator(".recharts-surface").first()).toBeVisible();

  // … and each can be read as a table: the last day's total is the month to date.
  await daily.getByRole("button", { name: "Table", exact: true }).click();
  const dailyTable = daily.getByRole("table");
  await expect(dailyTable).toBeVisible();
  const lastRow = dailyTable.locator("tbody tr").last();
  expect(cents((await lastRow.locator("td").last().textContent()) ?? "")).toBe(monthToDate);

  // The customers' amounts add up to it too.
  const customers = chartCard(page, "Top customers");
  await customers.getByRole("button", { name: "Table", exact: true }).click();
  const rows = customers.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  let sum = 0;
  for (const row of await rows.all()) sum += cents((await row.locator("td").last().textContent()) ?? "");
  expect(sum).toBe(monthToDate);

  // A customer page opens from the list.
  const first = customers.getByRole("table").getByRole("link").first();
  const name = ((await first.textContent()) ?? "").trim();
  await first.click();
  await expect(page).toHaveURL(/\/portal\/customers\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Cost per service" })).toBeVisible();
});

test("filters live in the URL, so a view can be shared", async ({ page }) => {
  await openAs(page, "owner");
  await page.getByLabel("Service", { exact: true }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/service=/);
  const shared = page.url();
  await page.goto("/portal/invoices");
  await page.goto(shared);
  await expect(page.getByLabel("Service", { exact: true })).not.toHaveValue("");
});

test("a reseller cannot read another reseller's usage", async ({ browser }) => {
  // Kopernikus's customer id, read from its own usage page.
  const other = await browser.newPage();
  await openAs(other, "kopernikus");
  const link = chartCard(other, "Top customers");
  await link.getByRole("button", { name: "Table", exact: true }).click();
  const href = await link.getByRole("table").getByRole("link").first().getAttribute("href");
  const customerId = /customers\/([0-9a-f-]{36})/.exec(href ?? "")?.[1];
  expect(customerId).toBeTruthy();
  await other.close();

  const page = await browser.newPage();
  await openAs(page, "owner", "/portal");
  const api = page.request;
  expect((await api.get(`/api/portal/usage/customers/${customerId}`)).status()).toBe(404);
  expect((await api.get(`/api/portal/usage/summary?customer=${customerId}`)).status()).toBe(404);
  expect((await api.get(`/api/portal/usage/daily?customer=${customerId}`)).status()).toBe(404);
  expect((await page.goto(`/portal/customers/${customerId}`))?.status()).toBe(404);
  // The back office's copies of the endpoints are not the reseller's.
  expect((await api.get("/api/admin/usage/overview")).status()).toBe(403);
  await page.close();
});

test("an alert crossing puts one email in the outbox, and a second sync does not add another", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const reseller = await createReseller({ name: "Alert Test", tier: "T3", customers: ["Oak Clinic"] });
  const owner = await browser.newPage();
  await openAs(owner, reseller.logins.owner, "/portal/alerts");
  await owner.getByRole("checkbox", { name: "Usage reaches a share of your commitment" }).check();
  await owner.getByLabel("Share of the commitment (%)").fill("100");
  await owner.getByRole("button", { name: "Save alerts" }).click();
  await expect(owner.getByRole("status").or(owner.getByRole("alert")).first()).toContainText(/saved/i);

  // Usage raised in Acronis (the simulator's control API) well past the Tier 3 commitment.
  await setSimulatorUsage(reseller.tenants[0]!.id, "pw_base_workstations", 2000);

  const admin = await browser.newPage();
  await openAs(admin, "admin", "/admin/acronis");
  const alertRows = async () => {
    await admin.goto("/admin/outbox");
    return admin
      .getByRole("table", { name: "Emails" })
      .getByRole("row")
      .filter({ hasText: new RegExp(`${reseller.name}: [\\d.,]+% of your`) })
      .count();
  };
  const syncAndWait = async () => {
    await admin.goto("/admin/acronis");
    const top = () => admin.getByRole("table", { name: "Usage sync runs" }).getByRole("row").nth(1);
    const before = (await top().textContent()) ?? "";
    await admin.getByRole("button", { name: "Sync usage now" }).click();
    await expect(admin.getByText("Usage sync started")).toBeVisible();
    await expect(async () => {
      await admin.reload();
      const row = (await top().textContent()) ?? "";
      expect(row).not.toBe(before);
      expect(row).toContain("manual");
      expect(row).not.toContain("running");
    }).toPass({ timeout: 45_000 });
  };

  await syncAndWait();
  await expect(async () => expect(await alertRows()).toBe(1)).toPass({ timeout: 30_000 });

  await syncAndWait();
  // Alerts run right after the sync: give them the same time, then still one.
  await admin.waitForTimeout(3_000);
  expect(await alertRows()).toBe(1);
  await owner.close();
  await admin.close();
});

test("the admin sees usage across resellers and opens one reseller's dashboard, read-only", async ({
  page,
}) => {
  await openAs(page, "admin");
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/admin\/usage$/);
  const trend = chartCard(page, "Billing trend");
  await expect(trend.getByRole("img").first()).toBeVisible();
  await trend.getByRole("button", { name: "Table", exact: true }).click();
  // The demo's issued invoices make the closed months' history.
  await expect(trend.getByRole("table").locator("tbody")).toContainText("Invoices");

  await page.goto("/admin/resellers?q=Northwind");
  await page
    .getByRole("table", { name: "Resellers" })
    .getByRole("link", { name: "Northwind IT Services" })
    .click();
  await page.getByRole("link", { name: "Usage dashboard →" }).click();
  await expect(page).toHaveURL(/\/admin\/usage\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Read-only view of the reseller's dashboard")).toBeVisible();
  await expect(chartCard(page, "Cost this month").getByRole("img").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Month to date" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Review change|Confirm/ })).toHaveCount(0);
});

import { expect, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

function monthsAgo(n: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

test("finance previews, runs and issues last month (not the open one); resellers see only their own invoice", async ({
  page,
  browser,
}, info) => {
  test.setTimeout(180_000);
  // A retry bills an earlier month: issued invoices never change, so the first attempt's month is done.
  const period = monthsAgo(1 + info.retry);
  // A run bills every contract of the month; the spec's own reseller (usage since three months ago) is the
  // one whose invoice it opens, credits and shows in a portal.
  const reseller = await createReseller({
    name: "Billed Partners",
    roles: ["owner"],
    customers: ["Acme Dental", "Birch Legal"],
    paidMonthsAgo: 3,
    withUsage: true,
  });
  await openAs(page, "finance");
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Billing runs" })
    .click();

  await page.getByLabel("Period to preview").fill("2026-13");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Use a month like 2026-10.")).toBeVisible();

  // The current month previews as an estimate and cannot be billed; a future month cannot be previewed.
  const current = monthsAgo(0);
  await page.getByLabel("Period to preview").fill(current);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toContainText(`${current} (estimate — the month is not over)`);
  await page.getByLabel("Period to preview").fill(monthsAgo(-2));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(`${monthsAgo(-2)} has not started yet`)).toBeVisible();
  await page.getByLabel("Period to bill").fill(current);
  await page.getByRole("button", { name: "Start billing run" }).click();
  await expect(page.getByText(`${current} has not ended yet`)).toBeVisible();

  await page.getByLabel("Period to preview").fill(period);
  await page.getByRole("button", { name: "Preview" }).click();
  // The demo resellers, this spec's own and any other spec's reseller paid since before then.
  await expect(page.getByRole("status")).toContainText(new RegExp(`${period}: \\d+ invoice\\(s\\)`));

  await page.getByLabel("Period to bill").fill(period);
  await page.getByRole("button", { name: "Start billing run" }).click();
  await expect(page.getByRole("heading", { name: `Billing run ${period}` })).toBeVisible({ timeout: 30_000 });
  // Drafted: the run offers to issue its drafts only once every contract is rated.
  await expect(page.getByRole("button", { name: "Issue all drafts" })).toBeVisible({ timeout: 60_000 });

  const table = page.getByRole("table", { name: "Invoices" });
  await expect(table.getByRole("row", { name: new RegExp(reseller.name) })).toContainText("draft");
  await page.waitForLoadState("networkidle");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Issue all drafts" }).click();
  await expect(page.getByRole("table", { name: "Invoices" })).toContainText(/INV-\d{4}-\d{6}/, {
    timeout: 60_000,
  });
  await expect(page.getByRole("button", { name: "Issue all drafts" })).toHaveCount(0);

  // Open the reseller's invoice: every line grouped by customer, PDF and CSV downloads.
  await table
    .getByRole("row", { name: new RegExp(reseller.name) })
    .getByRole("link", { name: /INV-/ })
    .click();
  await expect(page.getByRole("table", { name: "Invoice lines" })).toContainText(reseller.customers[0]!);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(number).toMatch(/^INV-\d{4}-\d{6}$/);
  const pdf = await page.request.get(`${page.url().replace(/\/admin\/invoices\//, "/api/invoices/")}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 4).toString()).toBe("%PDF");
  const invoiceId = page.url().split("/").pop()!;

  // Credit one line: a CN number appears, the invoice itself is unchanged.
  await page.getByRole("checkbox").first().check();
  await page.getByLabel("Reason (credit)").fill("Duplicate workstation count");
  await page.getByRole("button", { name: "Create credit note" }).click();
  await expect(page.getByText(/CN-\d{4}-\d{6}/)).toBeVisible();

  // The reseller sees it in its portal; another reseller gets "not found".
  const owner = await browser.newPage();
  await openAs(owner, reseller.logins.owner, "/portal");
  await owner
    .getByRole("navigation", { name: "Reseller portal" })
    .getByRole("link", { name: "Invoices" })
    .click();
  await expect(owner.getByRole("table", { name: "Invoices" })).toContainText(number);
  const other = await browser.newPage();
  const res = await openAs(other, "kopernikus", `/portal/invoices/${invoiceId}`);
  expect(res?.status()).toBe(404);
  const api = await other.request.get(`/api/invoices/${invoiceId}/pdf`);
  expect(api.status()).toBe(404);
});

import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { openAs } from "./helpers";

// Issue 16's lists on the demo: filters, search, keyset pages and the URL keeping them. Read-only: it only
// looks at the demo's resellers and invoices (other specs may add theirs meanwhile, so nothing here counts
// every row).

/**
 * Waits until the page's scripts have loaded: React sets a select to its default value as it hydrates, so a
 * choice made before that is undone (a person is slower than that; a test is not).
 */
const hydrated = (page: Page) => page.waitForLoadState("networkidle");

const dataRows = (table: Locator) => table.getByRole("row").filter({ has: table.page().getByRole("cell") });

async function firstCells(page: Page, name: string) {
  return dataRows(page.getByRole("table", { name })).evaluateAll((rows) =>
    rows.map((r) => r.querySelector("td")?.textContent ?? ""),
  );
}

test("the resellers list filters by tier and finds a reseller by its tax id", async ({ page }) => {
  await openAs(page, "admin", "/admin/resellers");
  await hydrated(page);
  await page.getByLabel("Tier").selectOption({ label: "Tier 1" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]tier=T1(&|$)/);
  const table = page.getByRole("table", { name: "Resellers" });
  await expect(table.getByRole("link", { name: "Kopernikus Systemhaus" })).toBeVisible();
  const rows = dataRows(table);
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  // Column 4 is the live contract's tier.
  for (let i = 0; i < n; i++) await expect(rows.nth(i).getByRole("cell").nth(3)).toHaveText("Tier 1");

  await page.getByRole("link", { name: "Clear", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/resellers$/);
  await page.getByRole("searchbox", { name: "Search resellers", exact: true }).fill("US-EIN 98-7654321");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=US-EIN/);
  await expect(dataRows(table)).toHaveCount(1);
  await expect(table.getByRole("link", { name: "Northwind IT Services" })).toBeVisible();
  await expect(page.getByText("1 reseller", { exact: true })).toBeVisible();

  await page
    .getByRole("searchbox", { name: "Search resellers", exact: true })
    .fill("no reseller is called this");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No resellers match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByRole("table", { name: "Resellers" })).toBeVisible();
});

test("the invoices list pages past its first page and back", async ({ page }) => {
  // Issued numbers in ascending order: the demo's invoices were numbered first, so new ones other specs
  // issue meanwhile land at the end; searching "INV-" leaves out drafts, which have no number yet.
  await openAs(page, "finance", "/admin/invoices?sort=number&dir=asc&q=INV-");
  await hydrated(page);
  await page.getByLabel("Rows per page").selectOption("10");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]size=10(&|$)/);
  const table = page.getByRole("table", { name: "Invoices" });
  await expect(dataRows(table)).toHaveCount(10);
  const first = await firstCells(page, "Invoices");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages.getByRole("link", { name: /Previous/ })).toHaveCount(0);

  await pages.getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  await expect(dataRows(table).first().getByRole("cell").first()).not.toHaveText(first[0]!);
  const second = await firstCells(page, "Invoices");
  expect(second.length).toBeGreaterThan(0);
  for (const number of second) expect(first).not.toContain(number);
  // Sorted by number: the second page continues after the first.
  expect(second[0]! > first.at(-1)!).toBe(true);

  await pages.getByRole("link", { name: /Previous/ }).click();
  await expect(page).toHaveURL(/[?&]before=/);
  await expect(dataRows(table)).toHaveCount(10);
  expect(await firstCells(page, "Invoices")).toEqual(first);
});

test("an invoices filter stays in the URL across a reload", async ({ page }) => {
  await openAs(page, "finance", "/admin/invoices");
  await hydrated(page);
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]currency=GBP(&|$)/);

  const totals = async () => {
    const table = page.getByRole("table", { name: "Invoices" });
    await expect(table.getByRole("link", { name: /^INV-\d{4}-\d{6}$/ }).first()).toBeVisible();
    await expect(table).toContainText("Thames Managed Services");
    const cells = await dataRows(table).evaluateAll((rows) =>
      rows.map((r) => r.querySelectorAll("td")[5]?.textContent ?? ""),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const total of cells) expect(total).toContain("£");
  };
  await totals();

  await page.reload();
  await expect(page).toHaveURL(/[?&]currency=GBP(&|$)/);
  await expect(page.getByLabel("Currency")).toHaveValue("GBP");
  await totals();
});

test("a filtered CSV export has exactly the invoices the filtered list shows", async ({ page }) => {
  await openAs(page, "finance", "/admin/invoices");
  await hydrated(page);
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]currency=GBP(&|$)/);
  const table = page.getByRole("table", { name: "Invoices" });
  await expect(table).toContainText("Thames Managed Services");

  // Every page of the filtered list (100 a page), drafts shown as "Draft" (they have no number yet).
  await hydrated(page);
  await page.getByLabel("Rows per page").selectOption("100");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]size=100(&|$)/);
  await expect(page).toHaveURL(/[?&]currency=GBP(&|$)/);
  await expect(table).toBeVisible();
  const listed: string[] = [];
  const pages = page.getByRole("navigation", { name: "Pages" });
  for (;;) {
    listed.push(...(await firstCells(page, "Invoices")).map((n) => (n.trim() === "Draft" ? "" : n.trim())));
    const next = pages.getByRole("link", { name: /Next/ });
    if ((await next.count()) === 0) break;
    const url = page.url();
    await next.click();
    await expect(page).not.toHaveURL(url);
  }
  expect(listed.length).toBeGreaterThan(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), "utf8");
  expect(text.split("\r\n")[0]).toBe(
    "\uFEFFnumber,reseller,period,status,tier,currency,subtotal,tax,total,invoice_date,due_date,paid_at",
  );
  const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.number)).toEqual(listed);
  for (const r of rows) expect(r.currency).toBe("GBP");
});

import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { openAs } from "./helpers";

// Issue 16: the lists moved onto the one list pattern (lib/lists) behave alike in the back office and the
// portal — filters and search in the URL, keyset pages both ways, exports of exactly the filtered rows, and
// a reseller's lists and exports holding its own rows only. Read-only on the demo's data.

const dataRows = (table: Locator) => table.getByRole("row").filter({ has: table.page().getByRole("cell") });

async function column(table: Locator, index: number): Promise<string[]> {
  return dataRows(table).evaluateAll(
    (rows, i) => rows.map((r) => (r.querySelectorAll("td")[i]?.textContent ?? "").trim()),
    index,
  );
}

async function download(page: Page): Promise<Record<string, string>[]> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  return parse(await readFile(await file.path(), "utf8"), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
}

async function apply(page: Page) {
  const url = page.url();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).not.toHaveURL(url);
}

test("a reseller finds its invoice by number, and its export holds its own invoices only", async ({
  page,
}) => {
  await openAs(page, "owner", "/portal/invoices?size=100");
  const table = page.getByRole("table", { name: "Invoices" });
  const numbers = (await column(table, 0)).map((n) => /INV-\d{4}-\d{6}/.exec(n)?.[0] ?? n);
  expect(numbers.length).toBeGreaterThan(1);

  // The whole list as CSV: exactly the invoices the portal lists, nobody else's.
  const all = await download(page);
  expect(all.map((r) => r.number).sort()).toEqual([...numbers].sort());

  const wanted = numbers[1]!;
  await page.getByRole("searchbox", { name: "Search invoices", exact: true }).fill(wanted);
  await apply(page);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${wanted}`));
  await expect(dataRows(table)).toHaveCount(1);
  await expect(table.getByRole("link", { name: wanted, exact: true })).toBeVisible();
  await expect(page.getByText("1 invoice", { exact: true })).toBeVisible();
  expect((await download(page)).map((r) => r.number)).toEqual([wanted]);
});

test("the audit log pages forward and back, and reads oldest first", async ({ page }) => {
  await openAs(page, "admin", "/admin/audit?size=10");
  const table = page.getByRole("table", { name: "Audit log" });
  // The log's own entries, not the rows of the before/after tables inside them.
  const entries = table.locator(":scope > tbody > tr");
  await expect(entries).toHaveCount(10);
  const first = await entries.allTextContents();
  const pages = page.getByRole("navigation", { name: "Pages" });

  await pages.getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  const second = await entries.allTextContents();
  expect(second.length).toBeGreaterThan(0);
  expect(second).not.toEqual(first);

  await pages.getByRole("link", { name: /Previous/ }).click();
  await expect(page).toHaveURL(/[?&]before=/);
  expect(await entries.allTextContents()).toEqual(first);

  // Oldest first starts with the demo's first entries, not the newest page.
  await page.goto("/admin/audit?size=10&dir=asc");
  const oldest = await entries.allTextContents();
  expect(oldest).toHaveLength(10);
  expect(oldest).not.toEqual(first);
});

test("the contracts list filters by kind, and the export has that kind only", async ({ page }) => {
  await openAs(page, "finance", "/admin/contracts");
  await page.waitForLoadState("networkidle");
  // The demo's contracts are commitments (sign-up specs add trials meanwhile).
  await page.getByLabel("Kind").selectOption({ label: "Commitment" });
  await apply(page);
  await expect(page).toHaveURL(/[?&]kind=commitment(&|$)/);
  const table = page.getByRole("table", { name: "Contracts" });
  const kinds = await column(table, 2);
  expect(kinds.length).toBeGreaterThan(0);
  for (const kind of kinds) expect(kind).toBe("Commitment");
  const rows = await download(page);
  expect(rows.length).toBeGreaterThanOrEqual(kinds.length);
  for (const row of rows) expect(row.kind).toBe("commitment");
});

test("a reseller's customers: trial ones apart, found by name, never another reseller's", async ({
  page,
}) => {
  await openAs(page, "owner", "/portal/customers");
  await page.waitForLoadState("networkidle");
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("link", { name: "Acme Dental" })).toBeVisible();

  await page.getByLabel("Billing").selectOption({ label: "Trial — not billed" });
  await apply(page);
  await expect(page).toHaveURL(/[?&]billing=trial(&|$)/);
  const badges = await column(table, 3);
  expect(badges.length).toBeGreaterThan(0);
  for (const badge of badges) expect(badge).toContain("Trial — not billed");

  await page.getByRole("link", { name: "Clear", exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/customers$/);
  await expect(page.getByLabel("Billing")).toHaveValue("");
  await page.getByRole("searchbox", { name: "Search customers", exact: true }).fill("acme");
  await apply(page);
  await expect(table.getByRole("link", { name: "Acme Dental" })).toBeVisible();
  const names = await column(table, 0);
  for (const name of names) expect(name.toLowerCase()).toContain("acme");

  // Another reseller's customer is not found, in the list or its export.
  await page.getByRole("searchbox", { name: "Search customers", exact: true }).fill("Spree Logistik");
  await apply(page);
  await expect(page.getByText("No customers match these filters")).toBeVisible();
  expect(await download(page)).toEqual([]);
});

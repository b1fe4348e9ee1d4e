import { expect, type Locator, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { openAs } from "./helpers";

// The margin report against the invoices' own lines, read straight from the e2e server's database (the
// embedded PGlite on E2E_PORT + 1, as e2e/reseller.ts reaches it). The demo seed issues the demo resellers'
// closed months (TIERLINE_DEMO=1), so last month has issued invoices. Read-only.

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port + 1}/postgres?sslmode=disable`;

/** The last closed month on the server's UTC clock. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

type Sums = { currency: string; sell: string; cost: string; margin: string };

/** sell, cost and sell − cost of the month's issued and paid invoice lines, per currency, exact. */
async function linesInSql(month: string, resellerId?: string): Promise<Sums[]> {
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const rows = await sql<Sums[]>`
      select i.currency::text as currency,
        round(sum(l.amount), 2)::text as sell,
        round(coalesce(sum(l.cost_amount), 0), 2)::text as cost,
        round(sum(l.amount) - coalesce(sum(l.cost_amount), 0), 2)::text as margin
      from invoice_lines l join invoices i on i.id = l.invoice_id
      where i.status in ('issued', 'paid') and i.period = ${month}
        ${resellerId ? sql`and i.reseller_id = ${resellerId}` : sql``}
      group by i.currency order by i.currency`;
    return rows.map((r) => ({ ...r }));
  } finally {
    await sql.end({ timeout: 2 });
  }
}

async function resellerIdOf(name: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: string }[]>`select id from resellers where name = ${name}`;
    if (!row) throw new Error(`no reseller ${name}`);
    return row.id;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** "$1,234.50" or "€12.00" as "1234.50" (en-US amounts, two decimals for these currencies). */
function amountOf(text: string): string {
  const plain = text.replace(/[^0-9.-]/g, "");
  return Number.isNaN(Number(plain)) ? text : plain;
}

/** The per-currency total rows of the report's table: Sell, Cost and Margin as exact text. */
async function totalsOnPage(page: Page, caption: string): Promise<Sums[]> {
  const table = page.getByRole("table", { name: caption });
  const headers = await table.locator("thead th").allInnerTexts();
  const col = (label: string) => headers.findIndex((h) => h.trim().toLowerCase() === label.toLowerCase());
  const rows: Locator = table.locator("tfoot tr").filter({ hasText: /^Total [A-Z]{3}/ });
  const totals: Sums[] = [];
  for (const row of await rows.all()) {
    // The first cell is the row header (th), so cell indexes match the header's.
    const cells = await row.locator("th, td").allInnerTexts();
    const label = (cells[0] ?? "").trim();
    if (label.startsWith("Total in ")) continue;
    totals.push({
      currency: label.replace("Total ", ""),
      sell: amountOf(cells[col("Sell")] ?? ""),
      cost: amountOf(cells[col("Cost")] ?? ""),
      margin: amountOf(cells[col("Margin")] ?? ""),
    });
  }
  return totals.sort((a, b) => a.currency.localeCompare(b.currency));
}

test("the margin report's totals equal the issued lines' sell minus cost, in SQL", async ({ page }) => {
  const month = lastMonth();
  await openAs(page, "admin");
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Margin report" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Margin report" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Report filters" });
  await filters.getByLabel("From month").fill(month);
  await filters.getByLabel("To month").fill(month);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${month}&to=${month}`));
  await expect(page.getByText("Issued and paid invoices only")).toBeAttached();

  // Other specs may issue invoices meanwhile: read the page and the database again until they agree.
  await expect(async () => {
    await page.reload();
    const expected = await linesInSql(month);
    expect(expected.length).toBeGreaterThan(0);
    for (const row of expected)
      expect(Number(row.margin)).toBe(Number((Number(row.sell) - Number(row.cost)).toFixed(2)));
    expect(await totalsOnPage(page, "Margin by month and reseller")).toEqual(expected);
  }).toPass({ timeout: 30_000 });
});

test("one reseller's month: the page, its CSV download and SQL agree; the by-service view too", async ({
  page,
}) => {
  const month = lastMonth();
  const thames = await resellerIdOf("Thames Managed Services");
  await openAs(page, "finance", `/admin/reports/margin?from=${month}&to=${month}&reseller=${thames}`);
  const expected = await linesInSql(month, thames);
  expect(expected).toHaveLength(1);
  expect(await totalsOnPage(page, "Margin by month and reseller")).toEqual(expected);

  // The CSV holds exactly the table: the same total row, exact decimals.
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toContain("Month,Reseller,Currency,Invoices,Sell,Cost,Margin,Margin %");
  const total = lines.find((l) => l.startsWith(`Total ${expected[0]!.currency},`));
  expect(total?.split(",").slice(4, 7)).toEqual([expected[0]!.sell, expected[0]!.cost, expected[0]!.margin]);

  // By service: the same totals, and the top-up line counted with a cost of 0.
  await page
    .getByRole("navigation", { name: "Report view" })
    .getByRole("link", { name: "By service" })
    .click();
  await expect(page).toHaveURL(/view=service/);
  await expect(page.getByRole("table", { name: "Margin by service" })).toBeVisible();
  expect(await totalsOnPage(page, "Margin by service")).toEqual(expected);
  const topUp = page
    .getByRole("table", { name: "Margin by service" })
    .getByRole("row", { name: /Commitment top-up/ });
  await expect(topUp).toBeVisible();
});

test("a reseller never sees the margin report", async ({ page }) => {
  const res = await openAs(page, "thames", "/admin/reports/margin");
  expect(res?.status()).toBe(403);
  const csv = await page.request.get("/admin/reports/margin/csv");
  expect(csv.status()).toBe(403);
});

import { expect, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";

// Issue 16 item 2: the back office header's global search, keyboard first. Read-only: it changes no data.
const DEMO_DISTRIBUTOR_KEY = "tl_demo-distributor-key-2026";

const searchDialog = (page: Page) => page.getByRole("dialog", { name: "Search the back office" });
/** Control+K, again until the page has hydrated and its shortcut listener answers. */
async function pressSearchShortcut(page: Page) {
  await expect(async () => {
    await page.keyboard.press("Control+K");
    await expect(searchDialog(page)).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

const searchBox = (page: Page) =>
  searchDialog(page).getByRole("combobox", { name: "Search resellers, invoices, customers and users" });

/** A demo invoice with a number (issued, paid or void), read through the public API. */
async function demoInvoice(page: Page): Promise<{ id: string; number: string }> {
  const res = await page.request.get("/api/v1/invoices?limit=20&status=issued", {
    headers: { Authorization: `Bearer ${DEMO_DISTRIBUTOR_KEY}` },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const { data } = (await res.json()) as { data: { id: string; number: string | null }[] };
  const invoice = data.find((i) => i.number);
  if (!invoice?.number) throw new Error("e2e: the demo has no issued invoice");
  return { id: invoice.id, number: invoice.number };
}

test("Ctrl+K opens the search anywhere in the back office; an invoice number and Enter open that invoice", async ({
  page,
}) => {
  const invoice = await demoInvoice(page);
  await openAs(page, "admin", "/admin/catalogue");

  await pressSearchShortcut(page);
  await expect(searchBox(page)).toBeFocused();

  await searchBox(page).fill(invoice.number);
  const first = searchDialog(page).getByRole("option").first();
  await expect(first).toContainText(invoice.number);
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(searchDialog(page).getByRole("group", { name: "Invoices" })).toBeVisible();

  await searchBox(page).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/admin/invoices/${invoice.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: invoice.number })).toBeVisible();
  await expect(searchDialog(page)).toBeHidden();
});

test("at 390 px the Search button finds a reseller by its tax id; Escape closes and focus returns", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openAs(page, "admin", "/admin");
  const button = page.getByRole("banner").getByRole("button", { name: "Search" });

  await button.click();
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(searchDialog(page)).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await searchBox(page).fill("zz-no-such-thing-zz");
  await expect(searchDialog(page).getByRole("status")).toHaveText("No results for “zz-no-such-thing-zz”.");

  await searchBox(page).fill("US-EIN 98-7654321");
  const hit = searchDialog(page)
    .getByRole("group", { name: "Resellers" })
    .getByRole("option", { name: /Northwind IT Services/ });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/admin\/resellers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Northwind IT Services" })).toBeVisible();
});

test("arrow keys move through the hits", async ({ page }) => {
  await openAs(page, "admin", "/admin");
  await pressSearchShortcut(page);
  await searchBox(page).fill("northwind");
  const options = searchDialog(page).getByRole("option");
  await expect(options.nth(1)).toBeVisible();
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await searchBox(page).press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "false");
  await searchBox(page).press("ArrowUp");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
});

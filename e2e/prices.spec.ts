import { expect, type Page, test } from "@playwright/test";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

// The price book (domain.md §2.2): a version for next month changes next month's billing preview and nothing
// priced today (this month's preview, the storefront); a CSV import with a bad row is refused naming its line.

function month(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

const usd = (amount: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 }).format(
    Number(amount),
  );

const NEW_T3_USD = "2750.55";

/** Opens a fresh version for next month, deleting one an earlier attempt left (a scheduled version is not locked). */
async function freshNextMonthVersion(page: Page) {
  const next = month(1);
  const label = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${next}-01T00:00:00Z`),
  );
  await page.goto("/admin/prices");
  const leftOver = page.getByRole("table", { name: "Price versions" }).getByRole("link", { name: label });
  if ((await leftOver.count()) > 0) {
    await leftOver.click();
    await page.getByRole("button", { name: "Delete this version…" }).click();
    await page.getByRole("button", { name: "Delete version" }).click();
    await expect(page).toHaveURL(/\/admin\/prices$/);
  }
  await page.getByLabel("Effective from").selectOption(next);
  await page.getByLabel("Note", { exact: true }).fill("E2E next month's list");
  await page.getByRole("button", { name: "Create version" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Price version from ${label}` })).toBeVisible();
  await expect(page.getByText("scheduled", { exact: true })).toBeVisible();
}

async function previewPeriod(page: Page, period: string) {
  await page.goto("/admin/billing");
  await page.getByLabel("Period to preview").fill(period);
  await page.getByRole("button", { name: "Preview" }).click();
  const status = page.getByRole("status").filter({ hasText: period });
  await expect(status).toBeVisible({ timeout: 30_000 });
  return status;
}

test("a version for next month changes next month's preview only; a bad CSV row is refused by line", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A USD reseller on Tier 3 past any ramp-up: its commitment is the Tier 3 USD commitment of each month.
  await createReseller({ name: "Price Book Partners", tier: "T3", currency: "USD", paidMonthsAgo: 3 });
  await openAs(page, "admin");
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Price book" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Price book" })).toBeVisible();

  await freshNextMonthVersion(page);
  const versionUrl = page.url();

  // Raise Tier 3's USD commitment: nothing is saved before the confirm step shows old → new.
  await page.getByRole("button", { name: "Edit USD prices" }).click();
  const cell = page.getByLabel("Tier 3 commitment (USD)");
  const old = await cell.inputValue();
  expect(old).not.toBe(NEW_T3_USD);
  await cell.fill(NEW_T3_USD);
  await page.getByRole("button", { name: "Review 1 change" }).click();
  const changes = page.getByRole("table", { name: "Changes to save" });
  await expect(changes.getByRole("row", { name: /Tier 3 commitment \(USD\)/ })).toContainText(old);
  await expect(changes.getByRole("row", { name: /Tier 3 commitment \(USD\)/ })).toContainText(NEW_T3_USD);
  await page.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 1 change." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Prices in USD" })).toContainText(NEW_T3_USD);

  // Next month's preview uses the new commitment; this month's and the storefront keep the old one.
  const next = await previewPeriod(page, month(1));
  await expect(next).toContainText("forecast");
  await expect(next.getByRole("list", { name: "Commitments" })).toContainText(
    `T3 commitment ${usd(NEW_T3_USD)}`,
  );
  const current = await previewPeriod(page, month(0));
  await expect(current.getByRole("list", { name: "Commitments" })).toContainText(`T3 commitment ${usd(old)}`);
  await expect(current).not.toContainText(usd(NEW_T3_USD));

  await page.goto("/");
  const commitments = page
    .getByRole("table", { name: /Tiers/ })
    .getByRole("row", { name: /^Minimum commitment/ });
  await expect(commitments).toContainText(usd(old));
  await expect(commitments).not.toContainText(usd(NEW_T3_USD));

  // A CSV with one bad row (line 6: the header is line 1) is refused naming that line; nothing changes.
  await page.goto(versionUrl);
  // Each export on a connection of its own: Playwright's request context would reuse a kept-alive socket the
  // server (5 s keep-alive) is closing by the second one, a "read ECONNRESET" (microsoft/playwright#42698).
  const fresh = { headers: { connection: "close" } };
  const exported = await page.request.get(`${versionUrl.split("?")[0]}/export`, fresh);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const csv = await exported.text();
  expect(csv.split("\n")[0]).toBe("kind,tier,sku,currency,amount");
  const lines = csv.trimEnd().split("\n");
  lines[5] = lines[5]!.replace(/,[^,]*$/, ",-1");
  await page.getByLabel("CSV to import").fill(lines.join("\n"));
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "nothing was imported" })).toContainText(
    "The CSV has 1 error (first at line 6); nothing was imported.",
  );
  await expect(page.getByRole("list", { name: "Import errors" })).toContainText(
    "Line 6: -1 is negative; amounts are 0 or more.",
  );
  await expect(page.getByRole("button", { name: /^Import \d+ change/ })).toHaveCount(0);
  const after = await page.request.get(`${versionUrl.split("?")[0]}/export`, fresh);
  expect(await after.text()).toBe(csv);

  // The file as exported previews no changes.
  await page.getByLabel("CSV to import").fill(csv);
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No changes" })).toBeVisible();
});

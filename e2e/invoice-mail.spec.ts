import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as s from "@/db/schema";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

// Issuing a billing run emails every invoice to its reseller's billing contacts, PDF attached, through the
// outbox (no mail server in e2e: the emails stay there as "logged"). The reseller's portal lists the
// invoice with its due date.

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port + 1}/postgres?sslmode=disable`;

function monthsAgo(n: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

/** Billing contacts besides the billing email, written the way the reseller page would store them. */
async function setBillingContacts(resellerId: string, contacts: string[]): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await drizzle(sql, { schema: s })
      .update(s.resellers)
      .set({ billingContacts: contacts })
      .where(eq(s.resellers.id, resellerId));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

test("issuing a run puts one email with the invoice PDF per reseller in the outbox", async ({
  page,
  browser,
}, info) => {
  test.setTimeout(240_000);
  // Two months back (billing.spec bills last month); a retry bills an earlier month, the first one's is issued.
  const period = monthsAgo(2 + info.retry);
  const [withContacts, plain] = await Promise.all([
    createReseller({ name: "Mailed Invoices", paidMonthsAgo: 4, withUsage: true }),
    createReseller({ name: "Plain Billing", paidMonthsAgo: 4, withUsage: true }),
  ]);
  const contacts = [
    `ap-${withContacts.id.slice(0, 8)}@example.com`,
    `cfo-${withContacts.id.slice(0, 8)}@example.com`,
  ];
  await setBillingContacts(withContacts.id, contacts);

  await openAs(page, "admin");
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Billing runs" })
    .click();
  await page.getByLabel("Period to bill").fill(period);
  await page.getByRole("button", { name: "Start billing run" }).click();
  await expect(page.getByRole("heading", { name: `Billing run ${period}` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Issue all drafts" })).toBeVisible({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Issue all drafts" }).click();
  await expect(page.getByRole("button", { name: "Issue all drafts" })).toHaveCount(0, { timeout: 60_000 });

  // Every invoice of the run, with its number and reseller.
  const table = page.getByRole("table", { name: "Invoices" });
  for (const reseller of [withContacts, plain]) {
    await expect(table.getByRole("row", { name: new RegExp(reseller.name) })).toContainText(
      /INV-\d{4}-\d{6}/,
    );
  }
  const numberOf = async (resellerName: string) =>
    (
      (await table
        .getByRole("row", { name: new RegExp(resellerName) })
        .getByRole("link", { name: /^INV-\d{4}-\d{6}$/ })
        .textContent()) ?? ""
    ).trim();
  const numbers = (await table.getByRole("link", { name: /^INV-\d{4}-\d{6}$/ }).allTextContents()).map((n) =>
    n.trim(),
  );
  expect(numbers.length).toBeGreaterThanOrEqual(2);
  const mine = { withContacts: await numberOf(withContacts.name), plain: await numberOf(plain.name) };
  expect(numbers).toEqual(expect.arrayContaining([mine.withContacts, mine.plain]));

  // Exactly one "invoice_issued" email per invoice of the run, each marked with its one attachment.
  for (const number of numbers) {
    await page.goto(`/admin/outbox?template=invoice_issued&q=${encodeURIComponent(number)}`);
    const rows = page.getByRole("table", { name: "Emails" }).locator("tbody tr");
    await expect(rows, `one email for ${number}`).toHaveCount(1);
    await expect(rows.first()).toContainText(`Invoice ${number} from`);
    await expect(rows.first()).toContainText("1 attachment");
  }

  // The email of the reseller with contacts: to its billing email and both contacts, the PDF downloadable.
  await page.goto(`/admin/outbox?template=invoice_issued&q=${encodeURIComponent(mine.withContacts)}`);
  await page.getByRole("link", { name: new RegExp(`Invoice ${mine.withContacts} from`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(mine.withContacts);
  const to = page.locator("dt", { hasText: /^To$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(to).toHaveText([withContacts.logins.owner.email, ...contacts].join(", "));
  await expect(page.getByTestId("email-body")).toContainText("Due date:");
  await expect(page.getByTestId("email-body")).toContainText("/portal/invoices/");
  const attachments = page.getByRole("list", { name: "Attachments" }).getByRole("listitem");
  await expect(attachments).toHaveCount(1);
  const pdfLink = attachments.getByRole("link", { name: `${mine.withContacts}.pdf` });
  const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 4).toString()).toBe("%PDF");

  // The plain reseller's email goes to its billing email only.
  await page.goto(`/admin/outbox?template=invoice_issued&q=${encodeURIComponent(mine.plain)}`);
  await expect(page.getByRole("table", { name: "Emails" }).locator("tbody tr").first()).toContainText(
    plain.logins.owner.email,
  );

  // The reseller's portal lists the invoice as due (payment terms from the policies, from today).
  const owner = await browser.newPage();
  await openAs(owner, withContacts.logins.owner, "/portal/invoices");
  const row = owner
    .getByRole("table", { name: "Invoices" })
    .getByRole("row", { name: new RegExp(mine.withContacts) });
  await expect(row).toContainText(/Due [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await owner.close();
});

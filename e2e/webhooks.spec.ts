import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import * as s from "@/db/schema";
import { openAs } from "./helpers";
import { createReseller } from "./reseller";

// Signed webhooks (issue 15): the admin registers an endpoint for invoice.issued pointing at a receiver this
// spec runs on 127.0.0.1 (demo mode allows loopback URLs), issues an invoice of the spec's own reseller, and
// the receiver verifies the signature with the Standard Webhooks library. It answers 500 twice, then 200, so
// the delivery log shows three attempts. Needs WEBHOOK_RETRY_SCHEDULE=1,1,1,1 in the web server's
// environment (playwright.config.ts), so retries come a second apart.

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port + 1}/postgres?sslmode=disable`;

function monthsAgo(n: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

/**
 * A draft invoice of the reseller's contract for a closed month, written as a billing run would leave it
 * (no lines, nothing owed): issuing it from its page is the only change, and no other spec's run or
 * report reads this reseller.
 */
async function draftInvoice(resellerId: string, period: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const db = drizzle(sql, { schema: s });
    const [row] = await db
      .select({ contract: s.contracts, tier: s.tiers })
      .from(s.contracts)
      .innerJoin(s.tiers, eq(s.tiers.id, s.contracts.tierId))
      .where(eq(s.contracts.resellerId, resellerId));
    if (!row) throw new Error("e2e: the reseller has no contract");
    const [invoice] = await db
      .insert(s.invoices)
      .values({
        contractId: row.contract.id,
        resellerId,
        period,
        currency: row.contract.currency,
        invoiceDate: `${monthsAgo(0)}-01`,
        tierCode: row.tier.code,
        tierName: row.tier.name,
        cycle: 1,
        activeDays: 30,
        periodDays: 30,
        commitment: "0.00",
        consumption: "0.00",
        topUp: "0.00",
        subtotal: "0.00",
        taxRatePercent: "0",
        tax: "0.00",
        total: "0.00",
      })
      .returning({ id: s.invoices.id });
    return invoice!.id;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type Delivery = { id: string; status: number; verified: boolean; data: { id?: string } | null };

/**
 * The receiver: per message id (webhook-id, the same on every retry) it answers 500, 500, then 200, and
 * checks each message's signature with the endpoint's secret once the spec has copied it from the page.
 * Other specs may issue invoices meanwhile; their messages are answered the same way and told apart by id.
 */
function startReceiver() {
  let secret: string | null = null;
  const seen = new Map<string, number>();
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"] ?? "");
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      let data: Delivery["data"] = null;
      let verified = false;
      try {
        const message = new Webhook(secret ?? "whsec_AAAA").verify(body, {
          "webhook-id": id,
          "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
          "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
        }) as { type: string; data: { id?: string } };
        verified = message.type === "invoice.issued";
        data = message.data;
      } catch {
        verified = false;
      }
      const status = count <= 2 ? 500 : 200;
      deliveries.push({ id, status, verified, data });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "thanks" : "try again later");
    });
  });
  return {
    server,
    deliveries,
    setSecret: (value: string) => {
      secret = value;
    },
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/tierline-hook`),
        ),
      ),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

test("an endpoint for invoice.issued gets a signed delivery, retried 500, 500, 200, shown in its delivery log", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const receiver = startReceiver();
  const url = await receiver.listen();
  try {
    // Paid from this month: no closed month bills it, so no other spec's billing run drafts it.
    const reseller = await createReseller({ name: "Webhook Receiver", paidMonthsAgo: 0 });
    const invoiceId = await draftInvoice(reseller.id, monthsAgo(3));

    await openAs(page, "admin", "/admin");
    await page
      .getByRole("navigation", { name: "Back office" })
      .getByRole("link", { name: "Webhooks" })
      .click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    // Bad input is refused beside its field.
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Enter the URL that receives the events.")).toBeVisible();
    await expect(page.getByText("Choose at least one event.")).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description (optional)").fill(`e2e receiver ${reseller.name}`);
    await page.getByRole("checkbox", { name: /invoice\.issued/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Endpoint added" })).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    receiver.setSecret(secret);
    await page.getByRole("link", { name: "Open the endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Webhook endpoint" })).toBeVisible();
    const endpointPage = page.url();

    // The secret can be revealed again on the endpoint's page: the same one.
    await page.getByRole("button", { name: "Reveal secret" }).click();
    await expect(page.getByLabel("Signing secret")).toHaveValue(secret);

    // Issue the spec's own draft.
    await page.goto(`/admin/invoices/${invoiceId}`);
    await page.getByRole("button", { name: "Issue invoice" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/INV-\d{4}-\d{6}/, { timeout: 15_000 });

    // The receiver gets the invoice's message three times (same id), the last one answered 200, each signed.
    const ours = () => receiver.deliveries.filter((d) => d.data?.id === invoiceId);
    await expect.poll(() => ours().map((d) => d.status), { timeout: 45_000 }).toEqual([500, 500, 200]);
    expect(ours().every((d) => d.verified)).toBe(true);
    const webhookId = ours()[0]!.id;
    expect(new Set(ours().map((d) => d.id))).toEqual(new Set([webhookId]));

    // The delivery log: that delivery delivered after three attempts.
    await page.goto(endpointPage);
    const delivery = page.locator("details").filter({ hasText: webhookId });
    await expect(async () => {
      await page.reload();
      await expect(delivery).toContainText("3 attempts", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(delivery).toContainText("delivered");
    await delivery.locator("summary").click();
    const attempts = delivery.getByRole("list", { name: /Attempts of this invoice\.issued delivery/ });
    await expect(attempts.getByRole("listitem")).toHaveCount(3);
    await expect(attempts.getByRole("listitem").nth(0)).toContainText("HTTP 500");
    await expect(attempts.getByRole("listitem").nth(1)).toContainText("HTTP 500");
    await expect(attempts.getByRole("listitem").nth(2)).toContainText("HTTP 200");
    await expect(attempts.getByRole("listitem").nth(2)).toContainText("thanks");

    // Redeliver: a manual fourth attempt, answered 200 (the receiver has seen this id three times).
    await delivery.getByRole("button", { name: /Redeliver/ }).click();
    await expect(delivery.getByRole("status")).toContainText("Delivered (HTTP 200).");
    await expect.poll(() => ours().length).toBe(4);
    expect(ours()[3]).toMatchObject({ id: webhookId, status: 200, verified: true });

    // Delete it, so later specs' invoices are not sent to a receiver that is gone.
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText("Endpoint deleted.")).toBeVisible();
    await expect(page.getByText(url)).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

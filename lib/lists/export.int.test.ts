import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { exportInvoiceList, invoiceListSpec, listInvoicePage } from "@/lib/admin/invoice-list";
import { exportResellerList, listResellerPage, resellerListSpec } from "@/lib/admin/reseller-list";
import type { CurrentUser } from "@/lib/auth/guard";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  listRows,
  resellerValues,
  sameCsvEveryBatchSize,
  timestamptz,
} from "@/tests/lists";
import { parseListParams, type SearchParams } from "./params";

// Issue 16 item 3: a filtered list's CSV export has exactly the rows of every page of the list, in order.
const db = () => globalThis.testDb.db;
const MARK = `Exp${randomUUID().slice(0, 6)}`;

// The routes read the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const resellerRoute = await import("@/app/(admin)/admin/resellers/export/route");
const invoiceRoute = await import("@/app/(admin)/admin/invoices/export/route");

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z"), demoInvoices: true });
  // Enough resellers for a search over several pages, with ties on the created instant and the name.
  await db()
    .insert(s.resellers)
    .values(
      Array.from({ length: 13 }, (_, i) =>
        resellerValues(MARK, i, {
          name: [`${MARK} Alpha`, `${MARK} Bravo`, `=${MARK} Charlie`][i % 3]!,
          legalName: `${MARK} Legal ${i}, "GmbH"`,
          country: ["DE", "FR"][i % 2]!,
          taxId: i % 4 ? `${MARK}-TAX-${i}` : null,
          createdAt: timestamptz(i % 2 ? "2026-03-01 10:00:00.123456+00" : "2026-04-02 08:00:00+00"),
        }),
      ),
    );
});

/** Every page of the resellers list, forward from the first (10 a page). */
const resellerPages = (query: SearchParams) =>
  listRows((cursor) =>
    listResellerPage(db(), parseListParams(resellerListSpec, { ...query, size: "10", ...cursor })),
  );

const invoicePages = (query: SearchParams) =>
  listRows((cursor) =>
    listInvoicePage(db(), parseListParams(invoiceListSpec, { ...query, size: "10", ...cursor })),
  );

describe("exportResellerList", () => {
  it("has every reseller of a search, across pages, in the list's order; small batches give the same file", async () => {
    for (const query of [{ q: MARK }, { q: MARK, sort: "name" }, { q: MARK, sort: "country", dir: "desc" }]) {
      const listed = await resellerPages(query);
      expect(listed.length).toBe(13);
      // The page cursor and size are ignored: the export starts at the first row.
      const params = parseListParams(resellerListSpec, { ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportResellerList(db(), params, o), 2);
      const rows = csvRecords(text);
      expect(rows.map((r) => r.name)).toEqual(
        listed.map((r) => (r.name.startsWith("=") ? `'${r.name}` : r.name)),
      );
      expect(rows.map((r) => r.added)).toEqual(listed.map((r) => r.createdAt.toISOString()));
    }
  });

  it("writes the reseller's columns, quoting commas and quotes and neutralising formulas", async () => {
    const params = parseListParams(resellerListSpec, { q: `${MARK}-TAX-1`, sort: "name" });
    const text = await csvText(exportResellerList(db(), params));
    expect(csvHeader(text)).toBe(
      "name,legal_name,status,tier,currency,country,tax_id,billing_email,acronis_login,added",
    );
    const rows = csvRecords(text);
    // TAX-1, TAX-10, TAX-11
    expect(rows.map((r) => r.tax_id).sort()).toEqual([`${MARK}-TAX-1`, `${MARK}-TAX-10`, `${MARK}-TAX-11`]);
    const one = rows.find((r) => r.tax_id === `${MARK}-TAX-1`)!;
    expect(one).toEqual({
      name: `${MARK} Bravo`,
      legal_name: `${MARK} Legal 1, "GmbH"`,
      status: "pending_verification",
      tier: "",
      currency: "EUR",
      country: "FR",
      tax_id: `${MARK}-TAX-1`,
      billing_email: `billing-1@${MARK.toLowerCase()}.example`,
      acronis_login: "",
      added: "2026-03-01T10:00:00.123Z",
    });
  });

  it("filters by the live contract's tier like the list", async () => {
    const listed = await resellerPages({ tier: "T1" });
    expect(listed.length).toBeGreaterThan(0);
    const rows = await csvRows(
      exportResellerList(db(), parseListParams(resellerListSpec, { tier: "T1" }), { batchSize: 2 }),
    );
    expect(rows.map((r) => r.name)).toEqual(listed.map((r) => r.name));
    expect(new Set(rows.map((r) => r.tier))).toEqual(new Set(["Tier 1"]));
  });
});

describe("exportInvoiceList", () => {
  it("has exactly the GBP invoices of every page, in order, whatever the batch size", async () => {
    for (const query of [{ currency: "GBP" }, { currency: "GBP", sort: "total", dir: "asc" }]) {
      const listed = await invoicePages(query);
      expect(listed.length).toBeGreaterThan(2);
      const params = parseListParams(invoiceListSpec, query);
      const text = await sameCsvEveryBatchSize((o) => exportInvoiceList(db(), params, o), 2);
      const rows = csvRecords(text);
      expect(rows.map((r) => r.number)).toEqual(listed.map((r) => r.number ?? ""));
      expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(["GBP"]));
    }
  });

  it("writes amounts as exact decimals, dates as ISO, and the invoice's columns", async () => {
    const [invoice] = await db()
      .select()
      .from(s.invoices)
      .where(sql`${s.invoices.number} is not null and ${s.invoices.currency} = 'GBP'`)
      .limit(1);
    if (!invoice?.number) throw new Error("no issued GBP invoice in the demo");
    const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, invoice.resellerId));
    const text = await csvText(
      exportInvoiceList(db(), parseListParams(invoiceListSpec, { q: invoice.number })),
    );
    expect(csvHeader(text)).toBe(
      "number,reseller,period,status,tier,currency,subtotal,tax,total,invoice_date,due_date,paid_at",
    );
    const rows = csvRecords(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      number: invoice.number,
      reseller: reseller!.name,
      period: invoice.period,
      status: invoice.status,
      tier: invoice.tierName,
      currency: "GBP",
      subtotal: Number(invoice.subtotal).toFixed(2),
      tax: Number(invoice.tax).toFixed(2),
      total: Number(invoice.total).toFixed(2),
      invoice_date: invoice.invoiceDate,
      due_date: invoice.dueDate ?? "",
      paid_at: invoice.paidAt ? invoice.paidAt.toISOString() : "",
    });
    expect(rows[0]!.total).toMatch(/^\d+\.\d{2}$/);
    expect(rows[0]!.invoice_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("is an empty file with its header when nothing matches", async () => {
    const text = await csvText(
      exportInvoiceList(db(), parseListParams(invoiceListSpec, { q: `${MARK}-nothing` })),
    );
    expect(csvRecords(text)).toEqual([]);
    expect(text).toBe(
      "\uFEFFnumber,reseller,period,status,tier,currency,subtotal,tax,total,invoice_date,due_date,paid_at\r\n",
    );
  });
});

describe("export routes", () => {
  const get = (path: string) => new Request(`http://localhost${path}`);

  it("streams the filtered invoices as a dated, uncached CSV download to back-office staff", async () => {
    auth.caller = await callerFor("finance@skyline.example");
    const response = await invoiceRoute.GET(get("/admin/invoices/export?currency=GBP&size=10&after=x"), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="invoices-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const listed = await invoicePages({ currency: "GBP" });
    const rows = await csvRows(response);
    expect(rows.map((r) => r.number)).toEqual(listed.map((r) => r.number ?? ""));

    const resellers = await resellerRoute.GET(get(`/admin/resellers/export?q=${MARK}&sort=name`), {});
    expect(resellers.status).toBe(200);
    expect(resellers.headers.get("content-disposition")).toMatch(
      /filename="resellers-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(await csvRows(resellers)).toHaveLength(13);
  });

  it("refuses a reseller's user (403) and a signed-out caller (401)", async () => {
    auth.caller = await callerFor("owner@northwind.example");
    expect((await invoiceRoute.GET(get("/admin/invoices/export"), {})).status).toBe(403);
    expect((await resellerRoute.GET(get("/admin/resellers/export"), {})).status).toBe(403);
    auth.caller = null;
    expect((await invoiceRoute.GET(get("/admin/invoices/export"), {})).status).toBe(401);
  });
});

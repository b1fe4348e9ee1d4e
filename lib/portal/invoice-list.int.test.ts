import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { paymentStatus } from "@/app/(portal)/portal/invoices/payment-status";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { dec } from "@/lib/billing/money";
import { todayUtc } from "@/lib/clock";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  invoiceValues,
  liveContracts,
  sameCsvEveryBatchSize,
  walkList,
} from "@/tests/lists";
import {
  exportPortalInvoiceList,
  listPortalInvoicePage,
  PAYMENT_KINDS,
  portalInvoiceListSpec,
  portalOutstanding,
} from "./invoice-list";

// Issue 16: a reseller's invoices in the portal, paged by keyset with filters, a number search, sorts and a
// CSV export — and never another reseller's invoice, nor a draft.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

// The export route reads the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const exportRoute = await import("@/app/(portal)/portal/invoices/export/route");

let mine = ""; // Northwind
let theirs = ""; // Kopernikus
const scope = () => ({ resellerId: mine, today: TODAY });

/** 2023-01 … 2024-12: 24 months. */
const months = Array.from(
  { length: 24 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
);

/** An invoice's status by `i % 6`: a draft, paid, void, then issued three ways (see dueDate). */
const kinds = ["draft", "paid", "void", "issued", "issued", "issued"] as const;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  const live = await liveContracts();
  const a = live.find((k) => k.name === "Northwind IT Services")!;
  const b = live.find((k) => k.name === "Kopernikus Systemhaus")!;
  [mine, theirs] = [a.reseller_id, b.reseller_id];
  const row = (k: (typeof live)[number], i: number, period: string, number: string | null) => {
    // Every status the page shows, with ties on the date and on the total.
    const kind = i % 6;
    return invoiceValues(k, {
      period,
      number,
      status: kinds[kind]!,
      invoiceDate: `2024-0${1 + (i % 3)}-01`,
      // 3: overdue since 2026-11-20; 4: due on 2026-11-24 (today: not yet overdue); 5: no due date (due).
      dueDate: kind === 3 ? "2026-11-20" : kind === 4 ? TODAY : kind === 5 ? null : "2026-01-31",
      paidAt: kind === 1 ? new Date("2026-02-03T09:30:00Z") : null,
      total: String(50 * (i % 4)),
    });
  };
  await db()
    .insert(s.invoices)
    .values([
      ...months.map((p, i) => row(a, i, p, i % 6 === 0 ? null : `INV-PT-${String(i).padStart(6, "0")}`)),
      // Another reseller's invoices, with numbers a search for the reseller's own would also match.
      ...months
        .slice(0, 6)
        .map((p, i) => row(b, i + 1, p, (i + 1) % 6 === 0 ? null : `INV-PT-9${String(i).padStart(5, "0")}`)),
    ]);
});

/** The reseller's non-draft invoices, as the page must list them. */
async function ownInvoices() {
  return db()
    .select()
    .from(s.invoices)
    .where(and(eq(s.invoices.resellerId, mine), ne(s.invoices.status, "draft")));
}

const page = (query: SearchParams, sc = scope()) =>
  listPortalInvoicePage(db(), sc, parseListParams(portalInvoiceListSpec, query));

/** Every page of the reseller's invoices both ways (10 a page). */
const walk = (query: SearchParams) => walkList((cursor) => page({ ...query, size: "10", ...cursor }));

describe("the portal's invoices list", () => {
  it.each(["period", "date", "number", "total"])(
    "pages the reseller's own invoices by %s both ways, once each",
    async (sort) => {
      const own = await ownInvoices();
      expect(own).toHaveLength(20); // 24 months less 4 drafts
      for (const dir of ["asc", "desc"]) {
        const { forward, ids, count } = await walk({ sort, dir });
        expect(forward.map((p) => p.length)).toEqual([10, 10]);
        expect([...ids].sort()).toEqual(own.map((r) => r.id).sort());
        expect(count).toEqual({ value: 20, exact: true });
      }
    },
  );

  it("starts with the latest period, as before", async () => {
    const first = await page({});
    expect(first.rows[0]!.period).toBe("2024-12");
    expect(first.rows.map((r) => r.period)).toEqual([...first.rows.map((r) => r.period)].sort().reverse());
  });

  it("filters by the payment status the page shows: due, overdue, paid, void", async () => {
    const seen: string[] = [];
    for (const status of PAYMENT_KINDS) {
      const rows = (await page({ status, size: "100" })).rows;
      expect(rows.length, status).toBeGreaterThan(0);
      for (const r of rows) {
        expect(paymentStatus(r, TODAY).kind).toBe(status);
        expect(r.payment).toBe(status);
      }
      seen.push(...rows.map((r) => r.id));
    }
    expect(seen.sort()).toEqual((await ownInvoices()).map((r) => r.id).sort());
    // Due today is still due; a day later it is overdue.
    const tomorrow = await page(
      { status: "overdue", size: "100" },
      { resellerId: mine, today: "2026-11-25" },
    );
    expect(tomorrow.count.value).toBe((await page({ status: "overdue" })).count.value + 4);
  });

  it("filters by period and date range, and searches the invoice number", async () => {
    const june = await page({ period: "2024-06" });
    expect(june.rows.map((r) => r.number)).toEqual(["INV-PT-000017"]);
    const ranged = await page({ from: "2024-02-01", to: "2024-02-28", size: "100" });
    expect(ranged.rows.length).toBeGreaterThan(0);
    for (const r of ranged.rows) expect(r.invoiceDate).toBe("2024-02-01");
    const byNumber = await page({ q: "inv-pt-00001", size: "100" });
    expect(byNumber.rows.map((r) => r.number).sort()).toEqual([
      "INV-PT-000010",
      "INV-PT-000011",
      "INV-PT-000013",
      "INV-PT-000014",
      "INV-PT-000015",
      "INV-PT-000016",
      "INV-PT-000017",
      "INV-PT-000019",
    ]);
    const bad = parseListParams(portalInvoiceListSpec, { status: "late", to: "2024-02-30" });
    expect(bad.errors).toEqual({ status: ["Pick a status from the list."], to: ["Not a calendar date."] });
  });

  it("never shows another reseller's invoice or a draft, whatever the search", async () => {
    const { ids } = await walk({ q: "INV-PT" });
    const others = await db()
      .select({ id: s.invoices.id })
      .from(s.invoices)
      .where(eq(s.invoices.resellerId, theirs));
    expect(others.length).toBe(6);
    for (const o of others) expect(ids).not.toContain(o.id);
    expect((await page({ q: "INV-PT-9" })).count).toEqual({ value: 0, exact: true });
    expect((await page({ status: "due", size: "100" })).rows.every((r) => r.status !== "draft")).toBe(true);
    // The other reseller sees its own five issued ones (not its draft), and none of these.
    const theirPage = await page({ size: "100" }, { resellerId: theirs, today: TODAY });
    expect(theirPage.rows.map((r) => r.number).sort()).toEqual([
      "INV-PT-900000",
      "INV-PT-900001",
      "INV-PT-900002",
      "INV-PT-900003",
      "INV-PT-900004",
    ]);
  });

  it("sums what is owed per currency, whatever the list's filters", async () => {
    const owed = await portalOutstanding(db(), scope());
    const unpaid = (await ownInvoices()).filter((r) => r.status === "issued");
    expect(owed.unpaid).toBe(unpaid.length);
    expect(owed.overdue).toBe(unpaid.filter((r) => paymentStatus(r, TODAY).kind === "overdue").length);
    expect(owed.owed).toHaveLength(1);
    const sum = unpaid.reduce((n, r) => n.plus(r.total), dec(0));
    expect(dec(owed.owed[0]!.amount).equals(sum)).toBe(true);
    expect(owed.owed[0]!.currency).toBe(unpaid[0]!.currency);
  });
});

describe("the portal's invoice export", () => {
  it("has exactly the filtered invoices of every page, in order, whatever the batch size", async () => {
    for (const query of [
      {},
      { status: "overdue" },
      { sort: "total", dir: "asc" },
      { q: "INV-PT", from: "2024-03-01" },
    ]) {
      const { ids } = await walk(query);
      const listed = await db().select().from(s.invoices).where(eq(s.invoices.resellerId, mine));
      const byId = new Map(listed.map((r) => [r.id, r]));
      const params = parseListParams(portalInvoiceListSpec, {
        ...query,
        size: "10",
        after: "bm90LWEtY3Vyc29y",
      });
      const text = await sameCsvEveryBatchSize((o) => exportPortalInvoiceList(db(), scope(), params, o), 3);
      expect(csvRecords(text).map((r) => r.number)).toEqual(ids.map((id) => byId.get(id)!.number));
    }
  });

  it("writes the invoice's columns with the payment status as the page shows it", async () => {
    const text = await csvText(
      exportPortalInvoiceList(db(), scope(), parseListParams(portalInvoiceListSpec, { q: "INV-PT" })),
    );
    expect(csvHeader(text)).toBe(
      "number,period,invoice_date,due_date,status,currency,subtotal,tax,total,paid_at",
    );
    const rows = csvRecords(text);
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.number === "INV-PT-000001")).toEqual({
      number: "INV-PT-000001",
      period: "2023-02",
      invoice_date: "2024-02-01",
      due_date: "2026-01-31",
      status: "paid",
      currency: rows[0]!.currency,
      subtotal: "50.00",
      tax: "0.00",
      total: "50.00",
      paid_at: "2026-02-03T09:30:00.000Z",
    });
    const own = await ownInvoices();
    for (const r of rows) {
      const invoice = own.find((i) => i.number === r.number)!;
      expect(r.status).toBe(paymentStatus(invoice, TODAY).kind);
      expect(r.due_date).toBe(invoice.dueDate ?? "");
    }
  });

  it("the route streams the caller's own invoices only, and refuses staff (403) and strangers (401)", async () => {
    auth.caller = await callerFor("owner@northwind.example");
    const response = await exportRoute.GET(
      new Request("http://localhost/portal/invoices/export?q=INV-PT"),
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="invoices-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = await csvRows(response);
    const { ids } = await walk({ q: "INV-PT" });
    expect(rows).toHaveLength(ids.length);
    expect(rows.some((r) => r.number?.startsWith("INV-PT-9"))).toBe(false);
    // The status is of the server's today.
    const today = todayUtc();
    const own = await ownInvoices();
    for (const r of rows) {
      const invoice = own.find((i) => i.number === r.number)!;
      expect(r.status).toBe(paymentStatus(invoice, today).kind);
    }

    auth.caller = await callerFor("owner@kopernikus.example");
    const other = await exportRoute.GET(new Request("http://localhost/portal/invoices/export"), {});
    expect((await csvRows(other)).map((r) => r.number)).toEqual([
      "INV-PT-900004",
      "INV-PT-900003",
      "INV-PT-900002",
      "INV-PT-900001",
      "INV-PT-900000",
    ]);

    auth.caller = await callerFor("finance@skyline.example");
    expect((await exportRoute.GET(new Request("http://localhost/portal/invoices/export"), {})).status).toBe(
      403,
    );
    auth.caller = null;
    expect((await exportRoute.GET(new Request("http://localhost/portal/invoices/export"), {})).status).toBe(
      401,
    );
  });
});

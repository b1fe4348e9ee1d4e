import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/guard";
import { createCreditNote } from "@/lib/invoices/credit-notes";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  exportPortalCreditNoteList,
  listPortalCreditNotePage,
  portalCreditNoteListSpec,
} from "@/lib/portal/credit-note-list";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  listRows,
  sameCsvEveryBatchSize,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { creditNoteListSpec, exportCreditNoteList, listCreditNotePage } from "./credit-note-list";

// Issue 16: every issued credit note on one list, paged by keyset both ways (ties on every sort), filtered,
// searched and exported; a reseller's portal list and export hold its own credit notes only.
const db = () => globalThis.testDb.db;
const MARK = `Cn${randomUUID().slice(0, 6)}`;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const adminRoute = await import("@/app/(admin)/admin/credit-notes/export/route");
const portalRoute = await import("@/app/(portal)/portal/credit-notes/export/route");
const adminPage = (await import("@/app/(admin)/admin/credit-notes/page")).default;
const portalPage = (await import("@/app/(portal)/portal/credit-notes/page")).default;

// Three instants (two a microsecond apart) and three totals: ties on the date and amount sorts.
const instants = ["2026-10-03 09:00:00.123456+00", "2026-10-03 09:00:00.123457+00", "2026-11-02 23:59:59+00"];
const totals = ["10.00", "250.50", "1250.00"];

type Invoice = typeof s.invoices.$inferSelect;
let northwind: { id: string; invoices: Invoice[] };
let kopernikus: { id: string; invoices: Invoice[] };

async function resellerByOwner(email: string) {
  const [user] = await db().select().from(s.users).where(eq(s.users.email, email));
  if (!user?.resellerId) throw new Error(`no reseller user ${email}`);
  const invoices = await db()
    .select()
    .from(s.invoices)
    .where(and(eq(s.invoices.resellerId, user.resellerId), ne(s.invoices.status, "draft")));
  if (invoices.length < 2) throw new Error(`${email}'s reseller has too few issued invoices`);
  return { id: user.resellerId, invoices };
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z"), demoInvoices: true });
  northwind = await resellerByOwner("owner@northwind.example");
  kopernikus = await resellerByOwner("owner@kopernikus.example");
  // 24 credit notes: 14 on Northwind's invoices, 10 on Kopernikus's, with ties on each sort.
  await db()
    .insert(s.creditNotes)
    .values(
      Array.from({ length: 24 }, (_, i) => {
        const owner = i < 14 ? northwind : kopernikus;
        const invoice = owner.invoices[i % 2]!;
        return {
          invoiceId: invoice.id,
          number: `${MARK}-${String(i).padStart(3, "0")}`,
          reason: i === 5 ? `=${MARK} formula, "quoted"` : `${MARK} correction ${i}`,
          subtotal: totals[i % 3]!,
          tax: "0.00",
          total: totals[i % 3]!,
          createdAt: timestamptz(instants[i % 3]!),
        };
      }),
    );
});

/** Every page of the credit notes list both ways (10 a page). */
const walk = (query: SearchParams) =>
  walkList((cursor) =>
    listCreditNotePage(db(), parseListParams(creditNoteListSpec, { ...query, size: "10", ...cursor })),
  );

const allRows = (query: SearchParams) =>
  listRows((cursor) =>
    listCreditNotePage(db(), parseListParams(creditNoteListSpec, { ...query, size: "10", ...cursor })),
  );

describe("/admin/credit-notes", () => {
  it("pages forward and back over ties on every sort, each credit note exactly once", async () => {
    const queries: SearchParams[] = [
      { q: MARK },
      { q: MARK, dir: "asc" },
      { q: MARK, sort: "amount" },
      { q: MARK, sort: "amount", dir: "asc" },
      { q: MARK, sort: "number", dir: "asc" },
    ];
    for (const query of queries) {
      const { forward, ids, count } = await walk(query);
      expect(forward.map((p) => p.length)).toEqual([10, 10, 4]);
      expect(new Set(ids).size).toBe(24);
      expect(count).toEqual({ value: 24, exact: true });
    }
  });

  it("lists the newest first, and by amount or number when asked", async () => {
    const byDate = await allRows({ q: MARK });
    const times = byDate.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byAmount = await allRows({ q: MARK, sort: "amount", dir: "asc" });
    expect(byAmount.map((r) => Number(r.total))).toEqual(
      byAmount.map((r) => Number(r.total)).sort((a, b) => a - b),
    );
    const byNumber = await allRows({ q: MARK, sort: "number", dir: "asc" });
    expect(byNumber.map((r) => r.number)).toEqual(
      Array.from({ length: 24 }, (_, i) => `${MARK}-${String(i).padStart(3, "0")}`),
    );
  });

  it("shows each credit note's invoice, reseller, reason, amount and currency", async () => {
    const [row] = await allRows({ q: `${MARK}-015` });
    const invoice = kopernikus.invoices[1]!;
    expect(row).toMatchObject({
      number: `${MARK}-015`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      resellerId: kopernikus.id,
      reason: `${MARK} correction 15`,
      total: "10.0000",
      currency: invoice.currency,
    });
  });

  it("filters by reseller, currency, date range and amount range", async () => {
    const mine = await allRows({ q: MARK, reseller: northwind.id });
    expect(mine).toHaveLength(14);
    expect(new Set(mine.map((r) => r.resellerId))).toEqual(new Set([northwind.id]));

    const currency = kopernikus.invoices[0]!.currency;
    const inCurrency = await allRows({ q: MARK, currency: currency.toLowerCase() });
    expect(inCurrency.length).toBeGreaterThan(0);
    expect(new Set(inCurrency.map((r) => r.currency))).toEqual(new Set([currency]));

    // "Up to" a day takes the whole day (23:59:59 included); "from" the day after leaves the October ones out.
    expect(await allRows({ q: MARK, from: "2026-10-03", to: "2026-10-03" })).toHaveLength(16);
    expect(await allRows({ q: MARK, to: "2026-11-02" })).toHaveLength(24);
    expect(await allRows({ q: MARK, from: "2026-10-04" })).toHaveLength(8);

    expect(await allRows({ q: MARK, min: "250.50", max: "250.50" })).toHaveLength(8);
    expect(await allRows({ q: MARK, min: "250.51" })).toHaveLength(8);
    expect(await allRows({ q: MARK, max: "1000" })).toHaveLength(16);
  });

  it("reports a bad filter beside its field and leaves it out", async () => {
    const params = parseListParams(creditNoteListSpec, { q: MARK, from: "2026-02-30", min: "-5" });
    expect(params.errors.from).toEqual(["Not a calendar date."]);
    expect(params.errors.min).toBeDefined();
    expect((await listCreditNotePage(db(), params)).count.value).toBe(24);
  });

  it("searches by credit note number, invoice number or reseller name", async () => {
    expect((await allRows({ q: `${MARK}-007` })).map((r) => r.number)).toEqual([`${MARK}-007`]);
    const invoice = northwind.invoices[0]!;
    const byInvoice = await allRows({ q: invoice.number! });
    expect(byInvoice.map((r) => r.invoiceId)).toEqual(byInvoice.map(() => invoice.id));
    expect(byInvoice.filter((r) => r.number.startsWith(MARK))).toHaveLength(7);
    const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, kopernikus.id));
    const byName = await allRows({ q: reseller!.name.slice(0, 6).toUpperCase() });
    expect(byName.filter((r) => r.number.startsWith(MARK))).toHaveLength(10);
    expect(await allRows({ q: `${MARK}%` })).toHaveLength(0);
  });

  it("includes a credit note issued from an invoice's page", async () => {
    const invoice = northwind.invoices.find((i) => i.status === "issued" || i.status === "paid");
    if (!invoice) throw new Error("no creditable Northwind invoice");
    const note = await createCreditNote(db(), {
      invoiceId: invoice.id,
      full: true,
      reason: `${MARK} issued for real`,
      actor: systemActor,
      date: new Date("2026-11-20T12:00:00Z"),
    });
    const [row] = await allRows({ q: note.number });
    expect(row).toMatchObject({ id: note.id, invoiceNumber: invoice.number, resellerId: northwind.id });
    expect(row!.total).toBe(`${note.total}00`);
  });
});

describe("credit notes CSV", () => {
  it("has exactly the filtered list, in its order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { q: MARK, sort: "amount", dir: "asc" },
      { q: MARK, reseller: kopernikus.id },
    ] as SearchParams[]) {
      const listed = await allRows(query);
      const params = parseListParams(creditNoteListSpec, { ...query, size: "10" });
      const text = await sameCsvEveryBatchSize((o) => exportCreditNoteList(db(), params, o), 3);
      expect(csvRecords(text).map((r) => r.number)).toEqual(listed.map((r) => r.number));
    }
  });

  it("writes the credit note's columns, neutralising formulas", async () => {
    const text = await csvText(
      exportCreditNoteList(db(), parseListParams(creditNoteListSpec, { q: `${MARK}-005` })),
    );
    expect(csvHeader(text)).toBe("number,invoice,reseller,reason,currency,subtotal,tax,total,date");
    const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, northwind.id));
    const invoice = northwind.invoices[1]!;
    expect(csvRecords(text)).toEqual([
      {
        number: `${MARK}-005`,
        invoice: invoice.number,
        reseller: reseller!.name,
        reason: `'=${MARK} formula, "quoted"`,
        currency: invoice.currency,
        subtotal: "1250.00",
        tax: "0.00",
        total: "1250.00",
        date: "2026-11-02T23:59:59.000Z",
      },
    ]);
  });

  it("downloads for back-office staff, refused to a reseller's user and a signed-out caller", async () => {
    const get = (path: string) => new Request(`http://localhost${path}`);
    auth.caller = await callerFor("finance@skyline.example");
    const response = await adminRoute.GET(
      get(`/admin/credit-notes/export?q=${MARK}&sort=number&after=x`),
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="credit-notes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(await csvRows(response)).toHaveLength(24);
    auth.caller = await callerFor("owner@northwind.example");
    expect((await adminRoute.GET(get("/admin/credit-notes/export"), {})).status).toBe(403);
    auth.caller = null;
    expect((await adminRoute.GET(get("/admin/credit-notes/export"), {})).status).toBe(401);
  });
});

describe("/portal/credit-notes", () => {
  const portalRows = (resellerId: string, query: SearchParams) =>
    listRows((cursor) =>
      listPortalCreditNotePage(
        db(),
        resellerId,
        parseListParams(portalCreditNoteListSpec, { ...query, size: "10", ...cursor }),
      ),
    );

  it("holds the reseller's own credit notes only, whatever the search", async () => {
    const own = await portalRows(northwind.id, { q: MARK });
    expect(own).toHaveLength(14);
    expect(new Set(own.map((r) => r.resellerId))).toEqual(new Set([northwind.id]));
    // Another reseller's credit note number or invoice number finds nothing.
    expect(await portalRows(northwind.id, { q: `${MARK}-020` })).toHaveLength(0);
    expect(await portalRows(northwind.id, { q: kopernikus.invoices[0]!.number! })).toHaveLength(0);
    // A reseller filter in the URL is not one of the portal's: it is ignored.
    const params = parseListParams(portalCreditNoteListSpec, { q: MARK, reseller: kopernikus.id });
    const page = await listPortalCreditNotePage(db(), northwind.id, params);
    expect(page.count).toEqual({ value: 14, exact: true });
  });

  it("filters, sorts and pages like the back office's list", async () => {
    expect(await portalRows(kopernikus.id, { q: MARK, min: "250.50" })).toHaveLength(7);
    expect(await portalRows(kopernikus.id, { q: MARK, from: "2026-11-01" })).toHaveLength(4);
    const byNumber = await portalRows(kopernikus.id, { q: MARK, sort: "number", dir: "asc" });
    expect(byNumber.map((r) => r.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${MARK}-${String(i + 14).padStart(3, "0")}`),
    );
  });

  it("exports the caller's own filtered credit notes, without a reseller column", async () => {
    const text = await csvText(
      exportPortalCreditNoteList(
        db(),
        kopernikus.id,
        parseListParams(portalCreditNoteListSpec, { q: MARK, sort: "amount" }),
        { batchSize: 4 },
      ),
    );
    expect(csvHeader(text)).toBe("number,invoice,reason,currency,subtotal,tax,total,date");
    const listed = await portalRows(kopernikus.id, { q: MARK, sort: "amount" });
    expect(csvRecords(text).map((r) => r.number)).toEqual(listed.map((r) => r.number));

    const get = (path: string) => new Request(`http://localhost${path}`);
    auth.caller = await callerFor("owner@northwind.example");
    const response = await portalRoute.GET(get(`/portal/credit-notes/export?q=${MARK}`), {});
    expect(response.status).toBe(200);
    const rows = await csvRows(response);
    expect(rows).toHaveLength(14);
    const theirs = new Set(kopernikus.invoices.map((i) => i.number));
    expect(rows.some((r) => theirs.has(r.invoice ?? ""))).toBe(false);
    auth.caller = await callerFor("finance@skyline.example");
    expect((await portalRoute.GET(get("/portal/credit-notes/export"), {})).status).toBe(403);
  });
});

describe("the pages", () => {
  const render = async (page: typeof adminPage, query: SearchParams) =>
    renderToStaticMarkup(await page({ searchParams: Promise.resolve(query) }));

  it("/admin/credit-notes links each credit note's invoice and reseller, with sorts, count and export", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const html = await render(adminPage, { q: `${MARK}-015` });
    const invoice = kopernikus.invoices[1]!;
    expect(html).toContain("Credit notes</caption>");
    expect(html).toContain(`href="/admin/invoices/${invoice.id}"`);
    expect(html).toContain(`href="/admin/resellers/${kopernikus.id}"`);
    expect(html).toContain(`${MARK} correction 15`);
    expect(html).toContain("1 credit note");
    expect(html).toMatch(/aria-sort="descending"[^>]*><a[^>]*>Dated/);
    expect(html).toContain(`href="/admin/credit-notes/export?q=${MARK}-015"`);
    const none = await render(adminPage, { q: `${MARK}-nothing` });
    expect(none).toContain("No credit notes match these filters");
  });

  it("/portal/credit-notes shows the reseller's own, linking the portal's invoice", async () => {
    auth.caller = await callerFor("owner@kopernikus.example");
    const html = await render(portalPage, { q: MARK, size: "100" });
    expect(html).toContain("10 credit notes");
    expect(html).toContain(`href="/portal/invoices/${kopernikus.invoices[0]!.id}"`);
    expect(html).not.toContain(`${MARK}-000`);
    expect(html).not.toContain("/admin/");
  });
});

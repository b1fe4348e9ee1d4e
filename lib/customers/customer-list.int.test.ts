import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { getResellerDetail } from "@/lib/admin/reseller-detail";
import type { CurrentUser } from "@/lib/auth/guard";
import { todayUtc } from "@/lib/clock";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listCustomers } from "@/lib/usage/customer-list";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  expectPages,
  idsBySql,
  sameCsvEveryBatchSize,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { customerListPreview, customerListSpec, exportCustomerList, listCustomerPage } from "./customer-list";

// Issue 16: a reseller's customers a page at a time (portal and back office), filtered, searched, exported,
// and never another reseller's.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";
const MARK = `Cus${randomUUID().slice(0, 6)}`;

// The routes read the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const portalRoute = await import("@/app/(portal)/portal/customers/export/route");
const adminRoute = await import("@/app/(admin)/admin/resellers/[id]/customers/export/route");
const portalPage = (await import("@/app/(portal)/portal/customers/page")).default;
const adminPage = (await import("@/app/(admin)/admin/resellers/[id]/customers/page")).default;
const recordPage = (await import("@/app/(admin)/admin/resellers/[id]/page")).default;

let mine: string;
let theirs: string;
const tenantOf = new Map<string, string>();

// 24 customers with ties on every sort: four names, four paths, three instants (with microseconds).
const names = ["Alpha", "Bravo", "Charlie", "Delta"];
const paths = ["", "Hospitals", "Hospitals / Salish Sea IT", "Retail"];

function customerRow(resellerId: string, i: number) {
  const tenant = randomUUID();
  const name = `${MARK} ${names[i % 4]}`;
  // i ≡ 0 (mod 5): trial until January (not billed); i = 7: trial switching to production this month
  // (billed for the whole month); i ≡ 3 (mod 6): suspended (billed).
  const trial = i % 5 === 0 || i === 7;
  return {
    resellerId,
    acronisTenantId: tenant,
    name,
    path: paths[i % 4]!,
    enabled: i % 4 !== 3,
    pricingMode: trial ? "trial" : i % 6 === 3 ? "suspended" : "production",
    productionStartDate: trial
      ? new Date(i === 7 ? "2026-11-15T00:00:00Z" : "2027-01-01T00:00:00Z")
      : i % 2
        ? new Date("2026-02-01T00:00:00Z")
        : null,
    firstSeenAt: timestamptz(TIED_INSTANTS[i % 3]!),
  };
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  const rs = await db().select().from(s.resellers);
  mine = rs.find((r) => r.internalTag === "demo-northwind")!.id;
  theirs = rs.find((r) => r.internalTag === "demo-kopernikus")!.id;
  const rows = [
    ...Array.from({ length: 23 }, (_, i) => customerRow(mine, i)),
    { ...customerRow(mine, 1), name: `${MARK} 100% Cloud_Works` },
    // Another reseller's customers share the names and folders: they must never show.
    ...Array.from({ length: 6 }, (_, i) => customerRow(theirs, i)),
  ];
  const inserted = await db()
    .insert(s.customers)
    .values(rows)
    .returning({ id: s.customers.id, tenant: s.customers.acronisTenantId });
  for (const c of await db().select().from(s.customers)) tenantOf.set(c.id, c.acronisTenantId);
  // Usage of the first customer: October and this month; the list shows its latest day.
  const [sku] = await db().select().from(s.skus).limit(1);
  const first = inserted[0]!.id;
  await db()
    .insert(s.usageSnapshots)
    .values([
      { customerId: first, skuId: sku!.id, day: "2026-10-30", value: "5" },
      { customerId: first, skuId: sku!.id, day: "2026-11-20", value: "6" },
      { customerId: first, skuId: sku!.id, day: "2026-11-03", value: "4" },
    ]);
});

const params = (query: SearchParams) => parseListParams(customerListSpec, query);

const ids = (where: string, order: string) =>
  idsBySql(`select id::text as id from customers where reseller_id = '${mine}' ${where} order by ${order}`);

/** Every page of a reseller's customers both ways. */
const walk = (query: SearchParams, resellerId = mine) =>
  walkList((cursor) => listCustomerPage(db(), resellerId, params({ ...query, ...cursor }), TODAY));

describe("a reseller's customers, page by page", () => {
  const sorts = { name: "name", folder: "path", since: "first_seen_at" } as const;
  for (const [sort, column] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`covers every customer once, forward and back, by ${sort} ${dir} with ties`, async () => {
        const expected = await ids("", `${column} ${dir}, id ${dir}`);
        // The demo's nine customers and the 24 added.
        expect(expected).toHaveLength(33);
        expectPages(await walk({ sort, dir, size: "10" }), expected, [10, 10, 10, 3]);
      });
    }
  }

  it("is sorted by name by default, and never shows another reseller's customers", async () => {
    const page = await listCustomerPage(db(), mine, params({ q: MARK, size: "100" }), TODAY);
    expect(page.rows.map((r) => r.id)).toEqual(await ids(`and name like '${MARK}%'`, "name asc, id asc"));
    expect(page.count).toEqual({ value: 24, exact: true });
    const other = await listCustomerPage(db(), theirs, params({ q: MARK, size: "100" }), TODAY);
    expect(other.count).toEqual({ value: 6, exact: true });
    const mineIds = new Set(page.rows.map((r) => r.id));
    for (const r of other.rows) expect(mineIds.has(r.id)).toBe(false);
  });

  it("shows the path and the billing badge exactly as the existing customer views derive them", async () => {
    const page = await listCustomerPage(db(), mine, params({ size: "100" }), TODAY);
    const existing = new Map((await listCustomers(db(), mine, TODAY)).map((c) => [c.id, c]));
    expect(page.rows).toHaveLength(existing.size);
    for (const row of page.rows) {
      const c = existing.get(row.id)!;
      expect([row.name, row.path, row.billed, row.enabled, row.acronisTenantId], row.name).toEqual([
        c.name,
        c.path,
        c.billed,
        c.enabled,
        c.acronisTenantId,
      ]);
    }
    const juniper = page.rows.find((r) => r.name === "Juniper Labs")!;
    expect(juniper).toMatchObject({ billed: false, pricingMode: "trial" });
    // A trial switching to production this month is billed for the month.
    expect(page.rows.filter((r) => r.pricingMode === "trial" && r.billed)).toHaveLength(1);
  });

  it("shows the latest usage day synced", async () => {
    const page = await listCustomerPage(db(), mine, params({ q: MARK, sort: "since", size: "100" }), TODAY);
    const days = page.rows.filter((r) => r.lastUsageDay !== null);
    expect(days.map((r) => r.lastUsageDay)).toEqual(["2026-11-20"]);
    expect(tenantOf.get(days[0]!.id)).toBe(days[0]!.acronisTenantId);
  });
});

describe("the back office's reseller record", () => {
  it("shows the first ten customers by name and how many there are, and a bounded list of users", async () => {
    const preview = await customerListPreview(db(), mine, TODAY);
    expect(preview.rows.map((r) => r.id)).toEqual((await ids("", "name asc, id asc")).slice(0, 10));
    expect(preview.count).toEqual({ value: 33, exact: true });
    const detail = await getResellerDetail(db(), mine);
    expect(detail).not.toHaveProperty("customers");
    expect(detail!.users.map((u) => u.email)).toEqual([
      "billing@northwind.example",
      "owner@northwind.example",
      "viewer@northwind.example",
    ]);
    expect(detail!.userCount).toBe(3);
  });
});

describe("filters and search", () => {
  it("filters billed and trial customers by this month's billing rule", async () => {
    const trial = await listCustomerPage(db(), mine, params({ billing: "trial", size: "100" }), TODAY);
    const billed = await listCustomerPage(db(), mine, params({ billing: "billed", size: "100" }), TODAY);
    // Trial until January: i = 0, 5, 10, 15, 20 and the demo's Juniper Labs.
    expect(trial.rows.map((r) => r.name).sort()).toEqual(
      [...["Alpha", "Bravo", "Charlie", "Delta", "Alpha"].map((n) => `${MARK} ${n}`), "Juniper Labs"].sort(),
    );
    for (const r of trial.rows) expect(r.billed).toBe(false);
    for (const r of billed.rows) expect(r.billed).toBe(true);
    expect(trial.count.value + billed.count.value).toBe(33);
  });

  it("filters by status and by a folder with everything under it, any case", async () => {
    const disabled = await listCustomerPage(db(), mine, params({ status: "disabled", size: "100" }), TODAY);
    expect(disabled.count).toEqual({ value: 5, exact: true });
    for (const r of disabled.rows) expect(r.enabled).toBe(false);
    const folder = await listCustomerPage(db(), mine, params({ folder: "hospitals", size: "100" }), TODAY);
    // Seven in Hospitals (i ≡ 1 mod 4, and the 100 % one), six under its sub-partner, the demo's Harborview.
    expect(folder.count).toEqual({ value: 14, exact: true });
    expect(new Set(folder.rows.map((r) => r.path))).toEqual(
      new Set(["Hospitals", "Hospitals / Salish Sea IT"]),
    );
    const sub = await listCustomerPage(db(), mine, params({ folder: "Hospitals / ", size: "100" }), TODAY);
    expect(sub.count.value).toBe(6);
    const literal = await listCustomerPage(db(), mine, params({ folder: "%" }), TODAY);
    expect(literal.count.value).toBe(0);
  });

  it("finds a customer by name, folder or Acronis tenant id (whole or in part), literally", async () => {
    const byName = await listCustomerPage(db(), mine, params({ q: `${MARK} delta`, size: "100" }), TODAY);
    expect(byName.count.value).toBe(5);
    const byPath = await listCustomerPage(db(), mine, params({ q: "salish", size: "100" }), TODAY);
    // Six added under the sub-partner, and the demo's Orca Veterinary under its own "Salish Sea IT".
    expect(byPath.count.value).toBe(7);
    const [someone] = (await listCustomerPage(db(), mine, params({ q: MARK }), TODAY)).rows;
    for (const q of [someone!.acronisTenantId, someone!.acronisTenantId.toUpperCase().slice(0, 13)]) {
      const byTenant = await listCustomerPage(db(), mine, params({ q }), TODAY);
      expect(byTenant.rows.map((r) => r.id)).toEqual([someone!.id]);
    }
    const pct = await listCustomerPage(db(), mine, params({ q: "100%" }), TODAY);
    expect(pct.rows.map((r) => r.name)).toEqual([`${MARK} 100% Cloud_Works`]);
    const under = await listCustomerPage(db(), mine, params({ q: `${MARK} _` }), TODAY);
    expect(under.rows).toEqual([]);
    // Another reseller's tenant id finds nothing here.
    const [foreign] = await db()
      .select()
      .from(s.customers)
      .where(eq(s.customers.resellerId, theirs))
      .limit(1);
    const none = await listCustomerPage(db(), mine, params({ q: foreign!.acronisTenantId }), TODAY);
    expect(none.count).toEqual({ value: 0, exact: true });
  });

  it("leaves out a bad filter and says why", async () => {
    const p = params({ billing: "free", status: "gone", folder: "x".repeat(201), sort: "nope" });
    expect(p.errors).toEqual({
      billing: ["Pick billed or trial from the list."],
      status: ["Pick enabled or disabled from the list."],
      folder: ["A folder path of at most 200 characters."],
    });
    expect(p).toMatchObject({ sort: "name", dir: "asc", filters: {} });
  });
});

describe("exportCustomerList", () => {
  it("has exactly the filtered customers of every page, in order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { billing: "billed", sort: "folder", dir: "desc" },
      { folder: "Hospitals", sort: "since" },
    ]) {
      const listed = (await walk(query)).ids;
      expect(listed.length).toBeGreaterThan(2);
      const p = params({ ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportCustomerList(db(), mine, p, TODAY, o), 2);
      const rows = csvRecords(text);
      expect(rows.map((r) => r.acronis_tenant_id)).toEqual(listed.map((id) => tenantOf.get(id)));
      expect(rows).toHaveLength(listed.length);
    }
  });

  it("writes the customer's columns", async () => {
    const text = await csvText(exportCustomerList(db(), mine, params({ q: "Juniper Labs" }), TODAY));
    expect(csvHeader(text)).toBe(
      "name,folder,acronis_tenant_id,billing,pricing_mode,production_start,status,since,last_usage_day",
    );
    const [juniper] = await db().select().from(s.customers).where(eq(s.customers.name, "Juniper Labs"));
    expect(csvRecords(text)).toEqual([
      {
        name: "Juniper Labs",
        folder: "",
        acronis_tenant_id: juniper!.acronisTenantId,
        billing: "Trial — not billed",
        pricing_mode: "trial",
        production_start: juniper!.productionStartDate!.toISOString(),
        status: "enabled",
        since: juniper!.firstSeenAt.toISOString(),
        last_usage_day: expect.any(String),
      },
    ]);
  });
});

describe("export routes", () => {
  const get = (
    route: { GET: (r: Request, a: { params?: Promise<Record<string, string>> }) => Promise<Response> },
    url: string,
    params?: Record<string, string>,
  ) => route.GET(new Request(`http://localhost${url}`), params ? { params: Promise.resolve(params) } : {});

  it("the portal's export has the caller's own customers only, as filtered", async () => {
    const today = todayUtc();
    auth.caller = await callerFor("viewer@northwind.example");
    const res = await get(portalRoute, `/portal/customers/export?q=${MARK}&sort=folder`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const expected = await csvText(
      exportCustomerList(db(), mine, params({ q: MARK, sort: "folder" }), today),
    );
    expect(await csvText(res)).toBe(expected);
    expect(csvRecords(expected)).toHaveLength(24);

    auth.caller = await callerFor("owner@kopernikus.example");
    const theirsCsv = await csvRows(get(portalRoute, `/portal/customers/export?q=${MARK}`));
    expect(theirsCsv).toHaveLength(6);
    const mineTenants = new Set(csvRecords(expected).map((r) => r.acronis_tenant_id));
    for (const r of theirsCsv) expect(mineTenants.has(r.acronis_tenant_id!)).toBe(false);

    // Staff have no reseller of their own here.
    auth.caller = await callerFor("admin@skyline.example");
    expect((await get(portalRoute, "/portal/customers/export")).status).toBe(403);
  });

  it("the back office's export has the named reseller's customers; resellers are refused it", async () => {
    const today = todayUtc();
    auth.caller = await callerFor("support@skyline.example");
    const res = await get(adminRoute, `/admin/resellers/${theirs}/customers/export?q=${MARK}`, {
      id: theirs,
    });
    expect(res.status).toBe(200);
    expect(await csvText(res)).toBe(
      await csvText(exportCustomerList(db(), theirs, params({ q: MARK }), today)),
    );
    const unknown = await get(adminRoute, `/admin/resellers/${randomUUID()}/customers/export`, {
      id: randomUUID(),
    });
    expect(unknown.status).toBe(404);
    expect((await get(adminRoute, "/admin/resellers/x/customers/export", { id: "not-a-uuid" })).status).toBe(
      400,
    );

    auth.caller = await callerFor("owner@northwind.example");
    expect((await get(adminRoute, `/admin/resellers/${mine}/customers/export`, { id: mine })).status).toBe(
      403,
    );
  });
});

describe("pages", () => {
  const html = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);

  it("/portal/customers shows the caller's own customers, filtered, with sortable headers and an export", async () => {
    auth.caller = await callerFor("viewer@northwind.example");
    const all = await html(portalPage({ searchParams: Promise.resolve({}) }));
    expect(all).toContain('<caption class="sr-only">Customers</caption>');
    expect(all).toContain("Acme Dental");
    // The badge (a span), not only the filter's option.
    expect(all).toContain("Trial — not billed</span>");
    expect(all).toContain("in Hospitals");
    expect(all).toContain('aria-sort="ascending"');
    expect(all).toContain('href="/portal/customers/export"');
    expect(all).toMatch(/>33 customers</);
    expect(all).not.toContain("Spree Logistik");
    const trial = await html(
      portalPage({ searchParams: Promise.resolve({ billing: "trial", q: "juniper" }) }),
    );
    expect(trial).toContain("Juniper Labs");
    expect(trial).toMatch(/>1 customer</);
    expect(trial).not.toContain("Acme Dental");
    const none = await html(portalPage({ searchParams: Promise.resolve({ q: "no such customer" }) }));
    expect(none).toContain("No customers match these filters");
  });

  it("/admin/resellers/<id>/customers and the record's first ten link to each other", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const list = await html(
      adminPage({ params: Promise.resolve({ id: theirs }), searchParams: Promise.resolve({ size: "10" }) }),
    );
    expect(list).toContain("Kopernikus Systemhaus: customers");
    expect(list).toContain("Spree Logistik");
    expect(list).toContain(`href="/admin/usage/${theirs}/customers/`);
    expect(list).not.toContain("Acme Dental");
    const record = await html(
      recordPage({ params: Promise.resolve({ id: mine }), searchParams: Promise.resolve({}) }),
    );
    expect(record).toContain(`href="/admin/resellers/${mine}/customers"`);
    expect(record).toContain("All 33 customers →");
    expect(record).toContain("The first 10 by name");
    expect(record).toContain("owner@northwind.example");
  });
});

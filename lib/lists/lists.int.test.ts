import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { invoiceListSpec, listInvoicePage } from "@/lib/admin/invoice-list";
import { listResellerPage, resellerListSpec } from "@/lib/admin/reseller-list";
import {
  expectPages,
  idsBySql,
  invoiceValues,
  liveContracts,
  resellerValues,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { parseListParams, type SearchParams } from "./params";
import { COUNT_CAP } from "./run";

const db = () => globalThis.testDb.db;
const MARK = `Lst${randomUUID().slice(0, 6)}`;

// 23 resellers with ties on every sort: four names, three instants (with microseconds), three countries.
const names = ["Alpha", "Bravo", "Charlie", "Delta"];
const countries = ["DE", "FR", "US"];

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  await db()
    .insert(s.resellers)
    .values(
      Array.from({ length: 23 }, (_, i) =>
        resellerValues(MARK, i, {
          name: `${MARK} ${names[i % 4]}`,
          country: countries[i % 3]!,
          currency: i % 2 ? "EUR" : "USD",
          taxId: `${MARK}-TAX-${String(i).padStart(4, "0")}`,
          acronisAdminLogin: `${MARK.toLowerCase()}-login-${i}`,
          status: i % 5 === 0 ? ("closed" as const) : ("active" as const),
          createdAt: timestamptz(TIED_INSTANTS[i % 3]!),
        }),
      ),
    );
  await db()
    .insert(s.resellers)
    .values(
      resellerValues(MARK, "pct", {
        name: `${MARK} 100% Cloud_Works`,
        legalName: `${MARK} Percent Ltd`,
        addressLine1: "2 Main Street",
        country: "GB",
        currency: "GBP",
        billingEmail: `pct@${MARK.toLowerCase()}.example`,
      }),
    );
});

function params(spec: typeof resellerListSpec, query: SearchParams) {
  return parseListParams(spec, query);
}

/** Every page of the resellers list both ways. */
const walk = (query: SearchParams) =>
  walkList((cursor) => listResellerPage(db(), params(resellerListSpec, { ...query, ...cursor })));

describe("keyset pages over (sort value, id)", () => {
  const sorts = { created: "created_at", name: "name", country: "country" } as const;
  for (const [sort, column] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`cover every row once, forward and back, sorted by ${sort} ${dir} with ties`, async () => {
        const expected = await idsBySql(
          `select id::text as id from resellers where name like '${MARK}%' order by ${column} ${dir}, id ${dir}`,
        );
        expect(expected).toHaveLength(24);
        expectPages(await walk({ q: MARK, sort, dir, size: "10" }), expected, [10, 10, 4]);
      });
    }
  }

  it("a cursor of another sort or a made-up one starts at the first page", async () => {
    const first = await listResellerPage(db(), params(resellerListSpec, { q: MARK, size: "10" }));
    const byName = await listResellerPage(
      db(),
      params(resellerListSpec, { q: MARK, size: "10", sort: "name", after: first.nextCursor! }),
    );
    const fresh = await listResellerPage(
      db(),
      params(resellerListSpec, { q: MARK, size: "10", sort: "name" }),
    );
    expect(byName.rows.map((r) => r.id)).toEqual(fresh.rows.map((r) => r.id));
    const bogus = Buffer.from(JSON.stringify(["created", "'; drop table x", randomUUID()])).toString(
      "base64url",
    );
    const safe = await listResellerPage(
      db(),
      params(resellerListSpec, { q: MARK, size: "10", after: bogus }),
    );
    expect(safe.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(safe.prevCursor).toBeNull();
  });
});

describe("filters and search", () => {
  it("filters by country, currency and status, and counts the filtered rows", async () => {
    const page = await listResellerPage(
      db(),
      params(resellerListSpec, { q: MARK, country: "de", currency: "USD", status: "active", size: "100" }),
    );
    expect(page.rows.length).toBeGreaterThan(0);
    for (const r of page.rows) expect([r.country, r.currency, r.status]).toEqual(["DE", "USD", "active"]);
    // i ≡ 0 (mod 3), even, not a multiple of 5: 6, 12, 18.
    expect(page.count).toEqual({ value: 3, exact: true });
  });

  it("filters by the live contract's tier", async () => {
    const page = await listResellerPage(db(), params(resellerListSpec, { tier: "T2", size: "100" }));
    expect(page.rows.map((r) => r.name)).toContain("Northwind IT Services");
    for (const r of page.rows) expect(r.tier).toBe("Tier 2");
  });

  it("finds a reseller by tax id, legal name, billing email or Acronis login, any case", async () => {
    for (const q of [`${MARK}-tax-0007`, `${MARK} LEGAL 7 GmbH`, `billing-7@${MARK}`, `${MARK}-login-7`]) {
      const page = await listResellerPage(db(), params(resellerListSpec, { q }));
      expect(
        page.rows.map((r) => r.name),
        q,
      ).toEqual([`${MARK} Delta`]);
    }
    const northwind = await listResellerPage(db(), params(resellerListSpec, { q: "US-EIN 98-7654321" }));
    expect(northwind.rows.map((r) => r.name)).toEqual(["Northwind IT Services"]);
  });

  it("takes %, _ and \\ in a search literally", async () => {
    const pct = await listResellerPage(db(), params(resellerListSpec, { q: "100%" }));
    expect(pct.rows.map((r) => r.name)).toEqual([`${MARK} 100% Cloud_Works`]);
    const under = await listResellerPage(db(), params(resellerListSpec, { q: `${MARK} _` }));
    expect(under.rows).toEqual([]);
    const slash = await listResellerPage(db(), params(resellerListSpec, { q: "\\" }));
    expect(slash.count).toEqual({ value: 0, exact: true });
  });

  it("leaves out a bad filter and says why", async () => {
    const p = params(resellerListSpec, { country: "Germany", status: "gone", size: "7", sort: "nope" });
    expect(p.errors.country).toEqual(["A country code such as DE."]);
    expect(p.errors.status).toEqual(["Pick a status from the list."]);
    expect(p).toMatchObject({ size: 25, sort: "created", dir: "desc", filters: {} });
  });
});

describe("invoices", () => {
  beforeAll(async () => {
    const live = await liveContracts();
    expect(live.length).toBeGreaterThan(1);
    let n = 0;
    const rows = live.flatMap((k) =>
      ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"].map((period) => {
        n += 1;
        return invoiceValues(k, {
          period,
          number: n % 6 === 0 ? null : `INV-LT-${String(n).padStart(6, "0")}`,
          status: n % 6 === 0 ? ("draft" as const) : ("issued" as const),
          invoiceDate: `${period}-${n % 2 ? "01" : "15"}`,
          total: String(100 * (n % 4)), // ties
        });
      }),
    );
    await db().insert(s.invoices).values(rows);
  });

  it.each(["period", "issued", "number", "total"])(
    "pages by %s both ways over every invoice",
    async (sort) => {
      for (const dir of ["asc", "desc"]) {
        const { ids, backward } = await walkList((cursor) =>
          listInvoicePage(db(), parseListParams(invoiceListSpec, { sort, dir, size: "10", ...cursor })),
        );
        const all = await db().select({ id: s.invoices.id }).from(s.invoices);
        expect([...ids].sort()).toEqual(all.map((r) => r.id).sort());
        expect(backward.at(-2)).toHaveLength(10);
      }
    },
  );

  it("filters by status, period, currency, reseller, amounts and dates, and searches number or reseller", async () => {
    const q = (query: SearchParams) =>
      listInvoicePage(db(), parseListParams(invoiceListSpec, { size: "100", ...query }));
    const issued = await q({
      status: "issued",
      period: "2026-06",
      min: "100",
      max: "200.00",
      from: "2026-06-01",
      to: "2026-06-10",
    });
    for (const r of issued.rows) {
      expect(r.status).toBe("issued");
      expect(r.period).toBe("2026-06");
      expect(Number(r.total)).toBeGreaterThanOrEqual(100);
      expect(Number(r.total)).toBeLessThanOrEqual(200);
      expect(r.invoiceDate).toBe("2026-06-01");
    }
    const eur = await q({ currency: "eur" });
    expect(eur.rows.length).toBeGreaterThan(0);
    for (const r of eur.rows) expect(r.currency).toBe("EUR");
    const one = eur.rows[0]!;
    const byReseller = await q({ reseller: one.resellerId });
    expect(byReseller.count).toEqual({ value: 5, exact: true });
    const byNumber = await q({ q: "inv-lt-000001" });
    expect(byNumber.rows.map((r) => r.number)).toEqual(["INV-LT-000001"]);
    const byName = await q({ q: "northwind" });
    expect(byName.count.value).toBe(5);
    for (const r of byName.rows) expect(r.reseller).toBe("Northwind IT Services");
    expect(parseListParams(invoiceListSpec, { min: "12,5", from: "2026-02-31" }).errors).toEqual({
      min: ["An amount such as 1250 or 1250.50."],
      from: ["Not a calendar date."],
    });
  });
});

describe("count", () => {
  it(`stops at ${COUNT_CAP} and says it is estimated`, async () => {
    const tag = `${MARK}many`;
    await db().execute(sql`
      insert into resellers (name, legal_name, address_line1, city, postal_code, country, currency, billing_email, internal_tag)
      select ${tag} || ' ' || g, 'L', 'A', 'C', 'P', 'NL', 'EUR', 'b' || g || '@x.example', ${tag} || g
        from generate_series(1, ${COUNT_CAP + 5}) g`);
    const page = await listResellerPage(db(), params(resellerListSpec, { q: tag, size: "10" }));
    expect(page.count).toEqual({ value: COUNT_CAP, exact: false });
    expect(page.rows).toHaveLength(10);
  });
});

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { invoiceListSpec, listInvoicePage } from "@/lib/admin/invoice-list";
import { listResellerPage, resellerListSpec } from "@/lib/admin/reseller-list";
import { parseListParams, type SearchParams } from "./params";
import { COUNT_CAP } from "./run";

const db = () => globalThis.testDb.db;
const MARK = `Lst${randomUUID().slice(0, 6)}`;

// 23 resellers with ties on every sort: four names, three instants (with microseconds), three countries.
const instants = ["2026-03-01 10:00:00.123456+00", "2026-03-01 10:00:00.123457+00", "2026-04-02 08:00:00+00"];
const names = ["Alpha", "Bravo", "Charlie", "Delta"];
const countries = ["DE", "FR", "US"];

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  await db()
    .insert(s.resellers)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        name: `${MARK} ${names[i % 4]}`,
        legalName: `${MARK} Legal ${i} GmbH`,
        addressLine1: "1 Main Street",
        city: "Springfield",
        postalCode: "12345",
        country: countries[i % 3]!,
        currency: i % 2 ? "EUR" : "USD",
        billingEmail: `billing-${i}@${MARK.toLowerCase()}.example`,
        taxId: `${MARK}-TAX-${String(i).padStart(4, "0")}`,
        acronisAdminLogin: `${MARK.toLowerCase()}-login-${i}`,
        status: i % 5 === 0 ? ("closed" as const) : ("active" as const),
        internalTag: `${MARK}-${i}`,
        createdAt: sql`${instants[i % 3]}::timestamptz` as unknown as Date,
      })),
    );
  await db()
    .insert(s.resellers)
    .values({
      name: `${MARK} 100% Cloud_Works`,
      legalName: `${MARK} Percent Ltd`,
      addressLine1: "2 Main Street",
      city: "Springfield",
      postalCode: "12345",
      country: "GB",
      currency: "GBP",
      billingEmail: `pct@${MARK.toLowerCase()}.example`,
      internalTag: `${MARK}-pct`,
    });
});

function params(spec: typeof resellerListSpec, query: SearchParams) {
  return parseListParams(spec, query);
}

/** Every page forward from the first, then every page back from the last, as ids. */
async function walk(query: SearchParams) {
  const forward: string[][] = [];
  let after: string | null = null;
  let last: Awaited<ReturnType<typeof listResellerPage>> | null = null;
  do {
    last = await listResellerPage(db(), params(resellerListSpec, { ...query, ...(after ? { after } : {}) }));
    forward.push(last.rows.map((r) => r.id));
    after = last.nextCursor;
    if (forward.length > 1) expect(last.prevCursor).not.toBeNull();
  } while (after);
  const backward: string[][] = [forward.at(-1)!];
  let before = last.prevCursor;
  while (before) {
    const page = await listResellerPage(db(), params(resellerListSpec, { ...query, before }));
    backward.unshift(page.rows.map((r) => r.id));
    before = page.prevCursor;
  }
  return { forward, backward, count: last.count };
}

describe("keyset pages over (sort value, id)", () => {
  const sorts = { created: "created_at", name: "name", country: "country" } as const;
  for (const [sort, column] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`cover every row once, forward and back, sorted by ${sort} ${dir} with ties`, async () => {
        const expected = (
          await db().execute<{ id: string }>(
            sql.raw(
              `select id::text as id from resellers where name like '${MARK}%' order by ${column} ${dir}, id ${dir}`,
            ),
          )
        ).map((r) => r.id);
        expect(expected).toHaveLength(24);
        const { forward, backward, count } = await walk({ q: MARK, sort, dir, size: "10" });
        expect(forward.map((p) => p.length)).toEqual([10, 10, 4]);
        expect(forward.flat()).toEqual(expected);
        expect(backward).toEqual(forward);
        expect(count).toEqual({ value: 24, exact: true });
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
    const live = await db().execute<{ contract_id: string; reseller_id: string; currency: string }>(
      sql`select k.id::text as contract_id, k.reseller_id::text as reseller_id, r.currency
            from contracts k join resellers r on r.id = k.reseller_id where k.state <> 'cancelled'`,
    );
    expect(live.length).toBeGreaterThan(1);
    let n = 0;
    const rows = live.flatMap((k) =>
      ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"].map((period) => {
        n += 1;
        const total = String(100 * (n % 4)); // ties
        return {
          contractId: k.contract_id,
          resellerId: k.reseller_id,
          period,
          number: n % 6 === 0 ? null : `INV-LT-${String(n).padStart(6, "0")}`,
          status: n % 6 === 0 ? ("draft" as const) : ("issued" as const),
          currency: k.currency,
          invoiceDate: `${period}-${n % 2 ? "01" : "15"}`,
          tierCode: "T1",
          tierName: "Tier 1",
          cycle: 1,
          activeDays: 30,
          periodDays: 30,
          commitment: "0",
          consumption: total,
          topUp: "0",
          subtotal: total,
          taxRatePercent: "0",
          tax: "0",
          total,
        };
      }),
    );
    await db().insert(s.invoices).values(rows);
  });

  it.each(["period", "issued", "number", "total"])(
    "pages by %s both ways over every invoice",
    async (sort) => {
      for (const dir of ["asc", "desc"]) {
        const ids: string[] = [];
        let after: string | null = null;
        let page: Awaited<ReturnType<typeof listInvoicePage>>;
        do {
          page = await listInvoicePage(
            db(),
            parseListParams(invoiceListSpec, { sort, dir, size: "10", ...(after ? { after } : {}) }),
          );
          ids.push(...page.rows.map((r) => r.id));
          after = page.nextCursor;
        } while (after);
        const all = await db().select({ id: s.invoices.id }).from(s.invoices);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(all.map((r) => r.id).sort());
        const back = await listInvoicePage(
          db(),
          parseListParams(invoiceListSpec, { sort, dir, size: "10", before: page.prevCursor! }),
        );
        expect(back.rows).toHaveLength(10);
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

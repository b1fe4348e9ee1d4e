import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { versionInForceSql } from "@/lib/catalogue/price-versions";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvRecords,
  csvRows,
  expectPages,
  idsBySql,
  resellerValues,
  sameCsvEveryBatchSize,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { contractListSpec, exportContractList, listContractPage, rowCommitment } from "./contract-list";

// /admin/contracts (issue 16): every contract once across pages both ways, its filters, search and export.
const db = () => globalThis.testDb.db;
const MARK = `Ctr${randomUUID().slice(0, 6)}`;
const TODAY = "2026-11-24";

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const route = await import("@/app/(admin)/admin/contracts/export/route");
const { commitmentsIn } = await import("@/lib/catalogue/commitment");

const names = ["Alpha", "Bravo", "Charlie", "Delta"];
const tierCodes = ["T0", "T1", "T2", "T3", "PROMO", "T5"];
const currencies = ["EUR", "USD", "GBP"];
const paidStates = ["active", "pending", "suspended", "provisioning_failed", "active"] as const;

type Fixture = { i: number; tier: string; currency: string; isTrial: boolean; state: string };
const fixtures: Fixture[] = [];

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  const tierRows = await db().select({ id: s.tiers.id, code: s.tiers.code }).from(s.tiers);
  const tierId = (code: string) => tierRows.find((t) => t.code === code)!.id;
  // An explicit EUR commitment for Tier 2: EUR contracts on it show it, the others fall back to USD.
  await db()
    .insert(s.tierCommitments)
    .values({
      versionId: sql`${versionInForceSql(TODAY)}` as unknown as string,
      tierId: tierId("T2"),
      currency: "EUR",
      amount: "950",
    })
    .onConflictDoNothing();
  const resellers = await db()
    .insert(s.resellers)
    .values(
      Array.from({ length: 24 }, (_, i) =>
        resellerValues(MARK, i, {
          name: `${MARK} ${names[i % 4]}`,
          currency: currencies[Math.floor(i / 6) % 3]!,
          taxId: `${MARK}-TAX-${String(i).padStart(4, "0")}`,
          status: "active" as const,
        }),
      ),
    )
    .returning({ id: s.resellers.id });
  const contract = (i: number, resellerId: string, cancelled: boolean) => {
    const tier = tierCodes[i % 6]!;
    const isTrial = !cancelled && i % 4 === 1 && tier !== "PROMO";
    const state = cancelled ? "cancelled" : isTrial ? "trial" : paidStates[i % 5]!;
    const currency = currencies[Math.floor(i / 6) % 3]!;
    fixtures.push({ i, tier, currency, isTrial, state });
    return {
      resellerId,
      state: state as (typeof s.contractState.enumValues)[number],
      currency,
      tierId: tierId(tier),
      isTrial,
      trialStartedOn: isTrial ? "2026-11-01" : null,
      trialEndsOn: isTrial ? "2026-12-01" : null,
      paidStart: isTrial ? null : "2026-04-01",
      rampUpCycles: i % 2,
      rampUpOverrideReason: i === 6 ? "Moving 400 seats over" : null,
      createdAt: timestamptz(TIED_INSTANTS[i % 3]!),
    };
  };
  await db()
    .insert(s.contracts)
    .values([
      ...resellers.map((r, i) => contract(i, r.id, false)),
      // Two resellers also have an earlier, cancelled contract: both of their contracts are listed.
      contract(24, resellers[0]!.id, true),
      contract(25, resellers[1]!.id, true),
    ]);
});

async function page(query: SearchParams) {
  return listContractPage(db(), parseListParams(contractListSpec, query), TODAY);
}

/** Every page of the contracts list both ways. */
const walk = (query: SearchParams) => walkList((cursor) => page({ ...query, ...cursor }));

describe("keyset pages over (sort value, id)", () => {
  const sorts = { started: "k.created_at", reseller: "r.name", tier: "t.sort_order" } as const;
  for (const [sort, column] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`cover every contract once, forward and back, sorted by ${sort} ${dir} with ties`, async () => {
        const expected = await idsBySql(
          `select k.id::text as id from contracts k join resellers r on r.id = k.reseller_id join tiers t on t.id = k.tier_id
            where r.name like '${MARK}%' order by ${column} ${dir}, k.id ${dir}`,
        );
        expect(expected).toHaveLength(26);
        expectPages(await walk({ q: MARK, sort, dir, size: "10" }), expected, [10, 10, 6]);
      });
    }
  }

  it("starts newest first", async () => {
    const first = await page({ q: MARK, size: "10" });
    expect(first.rows[0]!.createdAt.toISOString()).toBe("2026-04-02T08:00:00.000Z");
  });
});

describe("filters and search", () => {
  it("filters by state, tier, currency and kind, and counts the filtered contracts", async () => {
    const cases: [SearchParams, (f: Fixture) => boolean][] = [
      [{ state: "cancelled" }, (f) => f.state === "cancelled"],
      [{ state: "provisioning_failed" }, (f) => f.state === "provisioning_failed"],
      [{ tier: "T2" }, (f) => f.tier === "T2"],
      [{ currency: "gbp" }, (f) => f.currency === "GBP"],
      [{ kind: "trial" }, (f) => f.isTrial],
      [{ kind: "promo" }, (f) => !f.isTrial && f.tier === "PROMO"],
      [{ kind: "commitment" }, (f) => !f.isTrial && f.tier !== "PROMO"],
      [
        { kind: "commitment", currency: "EUR", state: "active" },
        (f) => !f.isTrial && f.tier !== "PROMO" && f.currency === "EUR" && f.state === "active",
      ],
    ];
    for (const [query, match] of cases) {
      const expected = fixtures.filter(match).length;
      expect(expected, JSON.stringify(query)).toBeGreaterThan(0);
      const p = await page({ q: MARK, size: "100", ...query });
      expect(p.count, JSON.stringify(query)).toEqual({ value: expected, exact: true });
      expect(p.rows).toHaveLength(expected);
      for (const r of p.rows) {
        if (query.state) expect(r.state).toBe(query.state);
        if (query.tier) expect(r.tierCode).toBe(query.tier);
        if (query.currency) expect(r.currency).toBe(String(query.currency).toUpperCase());
        if (query.kind) expect(r.kind).toBe(query.kind);
      }
    }
  });

  it("finds a reseller's contracts by name, legal name or tax id, any case", async () => {
    for (const q of [`${MARK} legal 7 gmbh`, `${MARK}-tax-0007`]) {
      const p = await page({ q });
      expect(
        p.rows.map((r) => r.reseller),
        q,
      ).toEqual([`${MARK} Delta`]);
    }
    // Reseller 0 (Alpha) has a live and a cancelled contract.
    const alpha = await page({ q: `${MARK}-TAX-0000` });
    expect(alpha.rows.map((r) => r.state).sort()).toEqual(["active", "cancelled"]);
    const byName = await page({ q: `${MARK} bravo`, size: "100" });
    expect(byName.count.value).toBe(7);
    const northwind = await page({ q: "Northwind" });
    expect(northwind.rows.map((r) => r.reseller)).toEqual(["Northwind IT Services"]);
  });

  it("shows the commitment in the contract's currency: the catalogue's own, else USD at today's FX rate as invoices convert it; none for a trial", async () => {
    const p = await page({ q: MARK, size: "100", tier: "T2" });
    expect(p.rows.map((r) => r.currency).sort()).toEqual(["EUR", "EUR", "GBP", "USD"]);
    for (const r of p.rows) {
      const c = rowCommitment(r);
      if (r.kind === "trial") expect(c).toBeNull();
      else if (r.currency === "EUR") expect(c).toEqual({ amount: "950.0000", currency: "EUR" });
      else if (r.currency === "USD") expect(c).toEqual({ amount: "1000.0000", currency: "USD" });
      else {
        // The amount an invoice of today's month would carry (lib/catalogue/commitment.ts).
        const expected = (await commitmentsIn(db(), [r.tierId], r.currency, TODAY)).get(r.tierId);
        expect(expected).toBeTruthy();
        expect(c).toEqual({ amount: expected, currency: r.currency });
        expect(r.commitmentConverted).toBe(true);
      }
    }
    const promo = await page({ q: MARK, kind: "promo", size: "100" });
    expect(promo.rows.length).toBeGreaterThan(0);
    for (const r of promo.rows) {
      const expected =
        r.currency === "USD"
          ? "99.0000"
          : (await commitmentsIn(db(), [r.tierId], r.currency, TODAY)).get(r.tierId);
      expect(rowCommitment(r)).toEqual({ amount: expected, currency: r.currency });
    }
  });

  it("leaves out a bad filter and says why", async () => {
    const p = parseListParams(contractListSpec, { kind: "free", state: "gone", sort: "nope" });
    expect(p.errors).toEqual({
      kind: ["Pick a kind from the list."],
      state: ["Pick a state from the list."],
    });
    expect(p).toMatchObject({ sort: "started", dir: "desc", filters: {} });
  });
});

describe("export", () => {
  it("has exactly the filtered contracts of every page, in the list's order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { q: MARK, sort: "tier", dir: "desc" },
      { q: MARK, kind: "commitment" },
    ]) {
      const listed = (await walk({ ...query, size: "100" })).ids;
      const params = parseListParams(contractListSpec, { ...query, size: "10" });
      const text = await sameCsvEveryBatchSize((o) => exportContractList(db(), params, TODAY, o), 3);
      expect(csvRecords(text).map((r) => r.contract_id)).toEqual(listed);
    }
  });

  it("writes a contract's columns, the commitment as an exact decimal in the currency it is in", async () => {
    const rows = await csvRows(
      exportContractList(db(), parseListParams(contractListSpec, { q: `${MARK}-TAX-0002` }), TODAY),
    );
    expect(rows).toHaveLength(1);
    // Reseller 2: Charlie, Tier 2 in EUR (an explicit EUR amount), suspended, ramp-up 0.
    expect(rows[0]).toMatchObject({
      reseller: `${MARK} Charlie`,
      legal_name: `${MARK} Legal 2 GmbH`,
      tax_id: `${MARK}-TAX-0002`,
      tier: "Tier 2",
      kind: "commitment",
      state: "suspended",
      currency: "EUR",
      commitment: "950.00",
      commitment_currency: "EUR",
      ramp_up_cycles: "0",
      started: "2026-04-02T08:00:00.000Z",
      paid_start: "2026-04-01",
      trial_ends_on: "",
    });
  });

  it("writes the USD commitment when the contract's currency has no amount of its own", async () => {
    const rows = await csvRows(
      exportContractList(db(), parseListParams(contractListSpec, { q: `${MARK}-TAX-0014` }), TODAY),
    );
    expect(rows[0]).toMatchObject({
      currency: "GBP",
      commitment: "1000.00",
      commitment_currency: "USD",
    });
  });

  it("is a dated CSV download for back-office staff and refused to a reseller's user", async () => {
    const get = (path: string) => new Request(`http://localhost${path}`);
    auth.caller = await callerFor("support@skyline.example");
    const response = await route.GET(get(`/admin/contracts/export?q=${MARK}&state=cancelled&after=x`), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="contracts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect((await csvRows(response)).map((r) => r.state)).toEqual(["cancelled", "cancelled"]);
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(get("/admin/contracts/export"), {})).status).toBe(403);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/audit";
import { planViews } from "@/lib/catalogue/estimate";
import { loadStorefrontBook } from "@/lib/catalogue/storefront";
import { lastClosedPeriod } from "@/lib/invoices/periods";
import { currenciesWithoutRate } from "./coverage";
import { applyEcbImport, planEcbImport } from "./import";
import { listFxPairs, listPairRates } from "./rates";
import { addRate, correctRate, deleteRate, refusedByGuard } from "./write";

const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
let actor: Actor;

const rateOf = async (from: string, to: string, date: string) => {
  const [row] = await db()
    .select()
    .from(s.fxRates)
    .where(and(eq(s.fxRates.from, from), eq(s.fxRates.to, to), eq(s.fxRates.date, date)));
  return row;
};
const countRates = async () => Number((await db().select({ n: count() }).from(s.fxRates))[0]?.n);

async function t1Commitment(currency: string) {
  const { plans } = planViews(await loadStorefrontBook(db(), currency, TODAY));
  return plans.find((p) => p.code === "T1")?.commitment;
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T08:00:00Z`) });
  const [finance] = await db().select().from(s.users).where(eq(s.users.email, "finance@skyline.example"));
  actor = { userId: finance!.id, label: finance!.email };
});

describe("ECB import", () => {
  it("imports the single-day file as EUR → x rates of the ECB, keeping only the currencies in use", async () => {
    const plan = await planEcbImport(db(), fixture("eurofxref.csv"), TODAY);
    expect(plan.errors).toEqual([]);
    // USD, JPY, GBP, AUD, CAD (price lists) and SEK, CHF, PLN, NOK, DKK (sold on the storefront through rates).
    expect(plan.added.map((e) => e.to).sort()).toEqual(
      ["AUD", "CAD", "CHF", "DKK", "GBP", "JPY", "NOK", "PLN", "SEK", "USD"].sort(),
    );
    expect(plan.skipped).toEqual(expect.arrayContaining(["BGN", "HUF", "ISK", "ZAR"]));
    expect(plan.changesToday).toBe(true);

    const eurBefore = await t1Commitment("EUR");
    const result = await applyEcbImport(db(), fixture("eurofxref.csv"), actor, TODAY, plan.fingerprint);
    expect(result).toMatchObject({ added: 10, changed: 0, unchanged: 0 });
    expect(await rateOf("EUR", "USD", "2026-11-24")).toMatchObject({
      rate: "1.0543000000",
      source: "ECB",
      createdBy: actor.userId,
    });
    const [audit] = await db().select().from(s.auditLog).where(eq(s.auditLog.action, "fx.ecb_imported"));
    expect(audit?.data).toMatchObject({ added: 10, firstDate: "2026-11-24" });

    // The storefront's EUR commitment is USD × FX: the newest rate is now the ECB's EUR → USD, used inversely.
    const eurAfter = await t1Commitment("EUR");
    expect(eurAfter).toBe(
      new Decimal(250).dividedBy("1.0543").toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    );
    expect(eurAfter).not.toBe(eurBefore);
    const book = await loadStorefrontBook(db(), "EUR", TODAY);
    expect(planViews(book).rates).toContainEqual({
      from: "EUR",
      to: "USD",
      rate: "1.0543000000",
      date: TODAY,
    });
  });

  it("derives USD → SEK from the same day's EUR rates, and the SEK storefront converts with it", async () => {
    // 1 USD = 11.4915 ÷ 1.0543 SEK (the ECB's EUR → SEK over EUR → USD), half-up to 10 decimals.
    const usdSek = new Decimal("11.4915").dividedBy("1.0543").toDecimalPlaces(10, Decimal.ROUND_HALF_UP);
    expect(usdSek.toFixed(10)).toBe("10.8996490562");
    expect(await rateOf("USD", "SEK", TODAY)).toMatchObject({
      rate: "10.8996490562",
      source: "ECB (cross via EUR)",
      createdBy: actor.userId,
    });
    const [audit] = await db().select().from(s.auditLog).where(eq(s.auditLog.action, "fx.ecb_imported"));
    expect(audit?.data).toMatchObject({
      cross: {
        base: "USD",
        added: 9,
        addedSample: expect.arrayContaining([
          {
            pair: "USD/SEK",
            date: TODAY,
            rate: "10.8996490562",
            via: "EUR/SEK 11.4915 ÷ EUR/USD 1.0543",
          },
        ]),
      },
    });

    // The storefront in SEK: USD prices and minimums × the derived rate (before: the seed's USD → SEK).
    const usd = planViews(await loadStorefrontBook(db(), "USD", TODAY));
    const sek = planViews(await loadStorefrontBook(db(), "SEK", TODAY));
    expect(sek.rates).toEqual([{ from: "USD", to: "SEK", rate: "10.8996490562", date: TODAY }]);
    const t1Usd = usd.plans.find((p) => p.code === "T1")!;
    const t1Sek = sek.plans.find((p) => p.code === "T1")!;
    expect(t1Sek.commitment).toBe(
      new Decimal(250).times(usdSek).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    );
    const skus = Object.keys(t1Usd.prices).filter((sku) => t1Usd.prices[sku] !== null);
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) {
      expect(t1Sek.prices[sku], sku).toBe(
        new Decimal(t1Usd.prices[sku]!).times(usdSek).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      );
    }

    // Importing the same file again stores nothing, direct or derived.
    const stored = await countRates();
    const again = await planEcbImport(db(), fixture("eurofxref.csv"), TODAY);
    expect(again).toMatchObject({
      added: [],
      changed: [],
      unchanged: 10,
      cross: { base: "USD", added: [], changed: [], unchanged: 9 },
      changesToday: false,
    });
    expect(await applyEcbImport(db(), fixture("eurofxref.csv"), actor, TODAY)).toMatchObject({
      added: 0,
      changed: 0,
      crossAdded: 0,
      crossChanged: 0,
      crossUnchanged: 9,
    });
    expect(await countRates()).toBe(stored);
    expect(
      planViews(await loadStorefrontBook(db(), "SEK", TODAY)).plans.find((p) => p.code === "T1"),
    ).toEqual(t1Sek);
  });

  it("imports the history file; importing it again changes nothing", async () => {
    const first = await applyEcbImport(db(), fixture("eurofxref-hist.csv"), actor, TODAY);
    // 3 days × (USD, JPY, GBP, AUD, CAD, SEK, CHF, PLN, NOK, DKK), and USD → each of the 9 others per day.
    expect(first).toMatchObject({ added: 30, changed: 0, unchanged: 0, crossAdded: 27, crossChanged: 0 });
    expect((await rateOf("EUR", "SEK", "2026-11-20"))?.rate).toBe("11.4790000000");
    expect((await rateOf("USD", "SEK", "2026-11-20"))?.rate).toBe("10.9344637074");
    const stored = await countRates();

    const again = await planEcbImport(db(), fixture("eurofxref-hist.csv"), TODAY);
    expect(again).toMatchObject({
      added: [],
      changed: [],
      unchanged: 30,
      cross: { added: [], changed: [], unchanged: 27 },
      errors: [],
    });
    expect(await applyEcbImport(db(), fixture("eurofxref-hist.csv"), actor, TODAY)).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 30,
      crossAdded: 0,
      crossChanged: 0,
      crossUnchanged: 27,
    });
    expect(await countRates()).toBe(stored);

    const pairs = await listFxPairs(db(), TODAY);
    expect(pairs.find((p) => p.from === "EUR" && p.to === "SEK")).toMatchObject({
      current: { rate: "11.4915000000", date: "2026-11-24", source: "ECB" },
      rates: 4,
    });
  });

  it("refuses a file with a bad line, naming the line, and stores nothing", async () => {
    const stored = await countRates();
    const csv = "Date, USD, GBP, \n2026-11-10, 1.0611, 0.8401, \n2026-11-09, 1,06, 0.8402, \n";
    const plan = await planEcbImport(db(), csv, TODAY);
    expect(plan.errors).toEqual([{ line: 3, message: expect.stringContaining("column without a currency") }]);
    await expect(applyEcbImport(db(), csv, actor, TODAY)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { csv: [expect.stringMatching(/^Line 3: /)] },
    });
    expect(await countRates()).toBe(stored);
    expect(await rateOf("EUR", "USD", "2026-11-10")).toBeUndefined();
  });

  it("applies a changed rate only when the preview still holds", async () => {
    const csv = "Date, USD, \n2026-11-19, 1.0515, \n";
    const plan = await planEcbImport(db(), csv, TODAY);
    expect(plan.changed).toEqual([
      expect.objectContaining({
        line: 2,
        to: "USD",
        date: "2026-11-19",
        before: "1.0510000000",
        rate: "1.0515",
      }),
    ]);
    await expect(applyEcbImport(db(), csv, actor, TODAY, "stale")).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await applyEcbImport(db(), csv, actor, TODAY, plan.fingerprint)).toMatchObject({ changed: 1 });
    expect((await rateOf("EUR", "USD", "2026-11-19"))?.rate).toBe("1.0515000000");
  });
});

describe("rates used by an issued invoice", () => {
  beforeAll(async () => {
    const [contract] = await db()
      .select()
      .from(s.contracts)
      .innerJoin(s.resellers, eq(s.resellers.id, s.contracts.resellerId))
      .where(eq(s.resellers.internalTag, "demo-kopernikus"));
    await db().insert(s.invoices).values({
      contractId: contract!.contracts.id,
      resellerId: contract!.resellers.id,
      period: "2026-06",
      number: "INV-2026-FX0001",
      status: "issued",
      currency: "EUR",
      invoiceDate: "2026-11-20",
      tierCode: "T1",
      tierName: "Tier 1",
      cycle: 1,
      activeDays: 30,
      periodDays: 30,
      commitment: "237.84",
      consumption: "0",
      topUp: "237.84",
      subtotal: "237.84",
      taxRatePercent: "19",
      tax: "45.19",
      total: "283.03",
      fxFrom: "EUR",
      fxTo: "USD",
      fxRate: "1.0498",
      fxDate: "2026-11-20",
      fxSource: "ECB",
    });
  });

  it("lists the invoice under the rate it used and refuses to correct or delete that rate", async () => {
    const { rates } = await listPairRates(db(), { from: "EUR", to: "USD" }, TODAY);
    const used = rates.find((r) => r.date === "2026-11-20");
    expect(used).toMatchObject({ isLocked: true, isEditable: false });
    expect(used?.invoices).toEqual([
      expect.objectContaining({ number: "INV-2026-FX0001", period: "2026-06" }),
    ]);
    expect((await listFxPairs(db(), TODAY)).find((p) => p.from === "EUR" && p.to === "USD")?.invoices).toBe(
      1,
    );

    const id = used!.id;
    await expect(
      correctRate(db(), { id, rate: "1.05", source: "ECB", confirmed: true }, actor, TODAY),
    ).rejects.toThrow(/on issued invoice INV-2026-FX0001: it can never change/);
    await expect(deleteRate(db(), id, actor, TODAY)).rejects.toThrow(/INV-2026-FX0001/);
    expect((await rateOf("EUR", "USD", "2026-11-20"))?.rate).toBe("1.0498000000");
  });

  it("turns the database guard's refusal into a clear message", async () => {
    const error = await db()
      .update(s.fxRates)
      .set({ rate: "2" })
      .where(and(eq(s.fxRates.from, "EUR"), eq(s.fxRates.to, "USD"), eq(s.fxRates.date, "2026-11-20")))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refusedByGuard(error)?.message).toMatch(
      /^Refused: the EUR → USD rate of 2026-11-20 is on issued invoice INV-2026-FX0001: it can never change\./,
    );
  });

  it("refuses an import line that would change it, with the line number", async () => {
    const csv = "Date, USD, GBP, \n2026-11-19, 1.0515, 0.83510, \n2026-11-20, 1.0600, 0.83490, \n";
    const plan = await planEcbImport(db(), csv, TODAY);
    expect(plan.errors).toEqual([
      { line: 3, message: expect.stringContaining("issued invoice INV-2026-FX0001") },
    ]);
    await expect(applyEcbImport(db(), csv, actor, TODAY)).rejects.toMatchObject({ code: "validation" });
  });
});

describe("a derived cross rate used by an issued invoice", () => {
  it("refuses the line whose EUR rates would change it, and imports nothing", async () => {
    const [contract] = await db()
      .select()
      .from(s.contracts)
      .innerJoin(s.resellers, eq(s.resellers.id, s.contracts.resellerId))
      .where(eq(s.resellers.internalTag, "demo-kopernikus"));
    await db().insert(s.invoices).values({
      contractId: contract!.contracts.id,
      resellerId: contract!.resellers.id,
      period: "2026-05",
      number: "INV-2026-FX0002",
      status: "issued",
      currency: "SEK",
      invoiceDate: "2026-11-23",
      tierCode: "T1",
      tierName: "Tier 1",
      cycle: 1,
      activeDays: 30,
      periodDays: 30,
      commitment: "2730.00",
      consumption: "0",
      topUp: "2730.00",
      subtotal: "2730.00",
      taxRatePercent: "0",
      tax: "0",
      total: "2730.00",
      fxFrom: "USD",
      fxTo: "SEK",
      fxRate: "10.9181636727",
      fxDate: "2026-11-23",
      fxSource: "ECB (cross via EUR)",
    });
    const usedBefore = (await rateOf("USD", "SEK", "2026-11-23"))?.rate;
    expect(usedBefore).toBe("10.9181636727");
    const stored = await countRates();
    // 11-19 is unused (its cross rate may change); 11-23's new EUR → SEK would change the printed USD → SEK.
    const csv = "Date, USD, SEK, \n2026-11-19, 1.0515, 11.4815, \n2026-11-23, 1.0521, 11.5000, \n";
    const plan = await planEcbImport(db(), csv, TODAY);
    expect(plan.errors).toEqual([
      {
        line: 3,
        message: expect.stringMatching(
          /^USD → SEK of 2026-11-23 \(cross via EUR: 11\.5000 ÷ 1\.0521\) is 10\.9181636727 on issued invoice INV-2026-FX0002/,
        ),
      },
    ]);
    expect(plan.cross.changed).toEqual([
      expect.objectContaining({ from: "USD", to: "SEK", date: "2026-11-19", rate: "10.9191631003" }),
    ]);
    await expect(applyEcbImport(db(), csv, actor, TODAY)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { csv: [expect.stringMatching(/^Line 3: USD → SEK/)] },
    });
    expect(await countRates()).toBe(stored);
    expect((await rateOf("USD", "SEK", "2026-11-23"))?.rate).toBe(usedBefore);
    expect((await rateOf("EUR", "SEK", "2026-11-19"))?.rate).toBe("11.4810000000");
  });
});

describe("adding and correcting rates", () => {
  it("corrects and deletes a future-dated rate, audited; a past-dated one stays", async () => {
    const added = await addRate(
      db(),
      { from: "EUR", to: "GBP", date: "2026-12-01", rate: "0.8401", source: "bank", confirmed: true },
      actor,
      TODAY,
    );
    await expect(
      addRate(
        db(),
        { from: "EUR", to: "GBP", date: "2026-12-01", rate: "0.8402", source: "bank", confirmed: true },
        actor,
        TODAY,
      ),
    ).rejects.toMatchObject({ fieldErrors: { date: [expect.stringContaining("already has a rate")] } });

    await correctRate(db(), { id: added.id, rate: "0.8411", source: "bank", confirmed: true }, actor, TODAY);
    expect((await rateOf("EUR", "GBP", "2026-12-01"))?.rate).toBe("0.8411000000");
    const [audit] = await db().select().from(s.auditLog).where(eq(s.auditLog.action, "fx.rate_corrected"));
    expect(audit?.data).toMatchObject({ before: { rate: "0.8401000000" }, after: { rate: "0.8411" } });

    const past = await rateOf("EUR", "GBP", "2026-11-23");
    await expect(
      correctRate(db(), { id: past!.id, rate: "0.9", source: "ECB", confirmed: true }, actor, TODAY),
    ).rejects.toThrow(/Only future-dated rates can be corrected/);

    await deleteRate(db(), added.id, actor, TODAY);
    expect(await rateOf("EUR", "GBP", "2026-12-01")).toBeUndefined();
  });
});

describe("currenciesWithoutRate", () => {
  it("warns about a reseller billed in HUF with no rate, and not about covered currencies", async () => {
    const period = lastClosedPeriod(TODAY);
    expect(await currenciesWithoutRate(db(), period)).toEqual([]);

    const [thames] = await db().select().from(s.resellers).where(eq(s.resellers.internalTag, "demo-thames"));
    await db().update(s.resellers).set({ currency: "HUF" }).where(eq(s.resellers.id, thames!.id));
    await db().update(s.contracts).set({ currency: "HUF" }).where(eq(s.contracts.resellerId, thames!.id));

    expect(await currenciesWithoutRate(db(), period)).toEqual([
      {
        currency: "HUF",
        invoiceDate: "2026-11-01",
        missing: [{ from: "USD", to: "HUF", reason: "prices" }],
        resellers: [{ id: thames!.id, name: thames!.name }],
      },
    ]);

    // A rate dated after the invoice date does not help that period; one dated on or before it does.
    await addRate(
      db(),
      { from: "USD", to: "HUF", date: "2026-11-02", rate: "390", source: "bank", confirmed: true },
      actor,
      TODAY,
    );
    expect((await currenciesWithoutRate(db(), period)).map((c) => c.currency)).toEqual(["HUF"]);
    await addRate(
      db(),
      { from: "HUF", to: "USD", date: "2026-10-15", rate: "0.00256", source: "bank", confirmed: true },
      actor,
      TODAY,
    );
    expect(await currenciesWithoutRate(db(), period)).toEqual([]);
  });
});

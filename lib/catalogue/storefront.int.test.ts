import Decimal from "decimal.js";
import { and, desc, eq, lte } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { AppError } from "@/lib/errors/app-error";
import { estimateMonthlyCosts, getStorefrontPlans } from "./storefront";

const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

async function latestUsdRate(to: string) {
  const [row] = await db()
    .select()
    .from(s.fxRates)
    .where(and(eq(s.fxRates.from, "USD"), eq(s.fxRates.to, to), lte(s.fxRates.date, TODAY)))
    .orderBy(desc(s.fxRates.date))
    .limit(1);
  if (!row) throw new Error(`no USD→${to} rate`);
  return row;
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
  // A rate dated after today must not reach the storefront.
  await db()
    .insert(s.fxRates)
    .values({ from: "USD", to: "SEK", rate: "99", date: "2026-11-30", source: "test" });
});

describe("getStorefrontPlans", () => {
  it("lists every orderable tier with price-list prices in USD", async () => {
    const view = await getStorefrontPlans(db(), null, TODAY);
    expect(view.currency).toEqual({ code: "USD", source: "price_list" });
    expect(view.refused).toBeNull();
    expect(view.plans.map((p) => [p.code, p.commitment, p.trialAllowed])).toEqual([
      ["T0", "0.00", true],
      ["T1", "250.00", true],
      ["T2", "1000.00", true],
      ["T3", "2500.00", true],
      ["T4", "10000.00", true],
      ["T5", "25000.00", true],
      ["PROMO", "99.00", false],
    ]);
    expect(view.fields.map((f) => [f.code, f.kind])).toEqual([
      ["pw_base_workstations", "count"],
      ["pw_base_servers", "count"],
      ["pw_base_vms", "count"],
      ["pw_base_m365_seats", "count"],
      ["pw_base_storage", "amount"],
    ]);
    expect(view.plans[1]?.prices.pw_base_workstations).toBe("3.8000");
    expect(view.rates).toEqual([]);
    expect(view.currencies.map((c) => c.code)).toEqual(
      expect.arrayContaining(["USD", "EUR", "GBP", "AUD", "JPY", "CAD", "SEK", "CHF", "PLN", "NOK", "DKK"]),
    );
  });

  it("converts base prices and commitments into an FX currency with today's rate", async () => {
    const rate = await latestUsdRate("SEK");
    const view = await getStorefrontPlans(db(), "sek", TODAY);
    expect(view.currency).toMatchObject({ code: "SEK", source: "fx", rateDate: rate.date });
    expect(view.rates).toEqual([{ from: "USD", to: "SEK", rate: rate.rate, date: rate.date }]);
    const t2 = view.plans.find((p) => p.code === "T2");
    const r = new Decimal(rate.rate);
    expect(t2?.prices.pw_base_storage).toBe(
      r.times("0.078").toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    );
    expect(t2?.prices.pw_base_servers).toBe(
      r.times("17.5").toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    );
    expect(t2?.commitment).toBe(r.times(1000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  });

  it("shows JPY commitments in whole yen and JPY list prices", async () => {
    const rate = await latestUsdRate("JPY");
    const view = await getStorefrontPlans(db(), "JPY", TODAY);
    const t1 = view.plans.find((p) => p.code === "T1");
    expect(t1?.commitment).toBe(
      new Decimal(rate.rate).times(250).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
    );
    expect(t1?.commitment).toMatch(/^\d+$/);
    expect(t1?.prices.pw_base_workstations).toBe("570.0000"); // 3.80 × 150, the JPY price list
  });

  it("falls back to the base currency for a currency it cannot sell in", async () => {
    const view = await getStorefrontPlans(db(), "XYZ", TODAY);
    expect(view.currency.code).toBe("USD");
    expect(view.refused).toBe("XYZ");
  });
});

describe("estimateMonthlyCosts", () => {
  it("prices a month on every tier in EUR with top-ups and the cheapest tier", async () => {
    const estimate = await estimateMonthlyCosts(
      db(),
      { currency: "EUR", quantities: { pw_base_workstations: "100", pw_base_storage: "500" } },
      TODAY,
    );
    const byCode = Object.fromEntries(estimate.tiers.map((t) => [t.code, t]));
    // EUR list = USD × 0.92: T1 workstation 3.496, storage 0.0782 → 349.60 + 39.10.
    expect(byCode.T1).toMatchObject({ consumption: "388.70", topUp: "0.00", total: "388.70" });
    expect(byCode.PROMO).toMatchObject({ consumption: "388.70", total: "388.70" });
    expect(Number(byCode.T5?.topUp)).toBeGreaterThan(0);
    // T1 and Promo tie on price; Promo has the lower commitment.
    expect(estimate.cheapest).toBe("PROMO");
  });

  it("refuses bad quantities with field errors and an unknown currency", async () => {
    const bad = estimateMonthlyCosts(
      db(),
      { currency: "USD", quantities: { pw_base_servers: "1.5" } },
      TODAY,
    );
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { pw_base_servers: [expect.any(String)] },
    });
    await expect(
      estimateMonthlyCosts(db(), { currency: "XYZ", quantities: {} }, TODAY),
    ).rejects.toMatchObject({
      code: "validation",
    });
  });
});

import { describe, expect, it } from "vitest";
import { estimateCosts, planViews, type StorefrontBook } from "./estimate";

const GIB = "1073741824";
const TODAY = "2026-11-24";

const usdPrices = {
  T0: { ws: "4.2000", storage: "0.0950" },
  T1: { ws: "3.8000", storage: "0.0850" },
  T2: { ws: "3.5000", storage: "0.0780" },
  PROMO: { ws: "3.8000", storage: "0.0850" },
} as const;

function book(overrides: Partial<StorefrontBook> = {}): StorefrontBook {
  return {
    today: TODAY,
    currency: "USD",
    baseCurrency: "USD",
    distributorDiscountPercent: "20",
    tiers: [
      { code: "T0", name: "Tier 0", description: "", trialAllowed: true },
      { code: "T1", name: "Tier 1", description: "", trialAllowed: true },
      { code: "T2", name: "Tier 2", description: "", trialAllowed: true },
    ],
    tierDefinitions: [
      { code: "T0", commitment: { USD: "0" } },
      { code: "T1", commitment: { USD: "250", EUR: "240" } },
      { code: "T2", commitment: { USD: "1000" } },
      { code: "PROMO", commitment: { USD: "99" } },
    ],
    skus: [
      { code: "ws", name: "Workstations", unit: "workload", aggregation: "peak", divisor: "1" },
      { code: "storage", name: "Backup storage", unit: "GB", aggregation: "peak", divisor: GIB },
    ],
    prices: Object.entries(usdPrices).flatMap(([tier, p]) => [
      { sku: "ws", tier, currency: "USD", unitPrice: p.ws },
      { sku: "storage", tier, currency: "USD", unitPrice: p.storage },
    ]),
    fxRates: [
      { from: "USD", to: "SEK", rate: "10.2000", date: "2026-10-01" },
      { from: "USD", to: "SEK", rate: "10.4500", date: "2026-11-01" },
      // Dated after today: never used by the storefront, although the engine's invoice date would allow it.
      { from: "USD", to: "SEK", rate: "11.0000", date: "2026-11-30" },
      { from: "USD", to: "JPY", rate: "151.2345", date: "2026-11-01" },
      { from: "USD", to: "EUR", rate: "0.9210", date: "2026-11-01" },
    ],
    ...overrides,
  };
}

describe("planViews", () => {
  it("shows price-list prices and commitments as stored in a price-list currency", () => {
    const { plans, rates } = planViews(book());
    expect(plans.map((p) => [p.code, p.commitment, p.prices.ws, p.prices.storage])).toEqual([
      ["T0", "0.00", "4.2000", "0.0950"],
      ["T1", "250.00", "3.8000", "0.0850"],
      ["T2", "1000.00", "3.5000", "0.0780"],
    ]);
    expect(rates).toEqual([]);
  });

  it("converts base-currency prices into an FX currency: × today's rate, rounded once to 4 decimals", () => {
    const { plans, rates } = planViews(book({ currency: "SEK" }));
    const t1 = plans.find((p) => p.code === "T1");
    // 3.80 × 10.45 = 39.71; 0.085 × 10.45 = 0.88825 → 0.8883 (half-up); 250 × 10.45 = 2612.50.
    expect(t1?.prices).toEqual({ ws: "39.7100", storage: "0.8883" });
    expect(t1?.commitment).toBe("2612.50");
    // The rate of 2026-11-01 (latest on or before today), never the one dated 2026-11-30.
    expect(rates).toEqual([{ from: "USD", to: "SEK", rate: "10.4500", date: "2026-11-01" }]);
  });

  it("rounds a JPY commitment to whole yen and prefers an explicit commitment over USD × FX", () => {
    const jpy = planViews(book({ currency: "JPY", prices: [] })).plans;
    // 250 × 151.2345 = 37808.625 → 37809; 1000 × 151.2345 = 151234.5 → 151235 (half-up).
    expect(jpy.map((p) => p.commitment)).toEqual(["0", "37809", "151235"]);
    expect(jpy[0]?.prices).toEqual({ ws: null, storage: null });
    const eur = planViews(book({ currency: "EUR" })).plans;
    expect(eur.find((p) => p.code === "T1")?.commitment).toBe("240.00");
    expect(eur.find((p) => p.code === "T2")?.commitment).toBe("921.00");
  });

  it("shows no commitment when no rate reaches the currency", () => {
    const { plans } = planViews(book({ currency: "CHF" }));
    expect(plans.map((p) => p.commitment)).toEqual(["0.00", null, null]);
    expect(plans[1]?.prices.ws).toBeNull();
  });
});

describe("estimateCosts", () => {
  it("rates usage per tier, adds the top-up and picks the cheapest (hand-worked)", () => {
    const estimate = estimateCosts(book(), { ws: "50", storage: "1234.5" });
    const rows = estimate.tiers.map((t) => [t.code, t.consumption, t.commitment, t.topUp, t.total]);
    expect(rows).toEqual([
      // 50 × 4.20 = 210.00; 1234.5 × 0.095 = 117.2775 → 117.28
      ["T0", "327.28", "0.00", "0.00", "327.28"],
      // 190.00 + 1234.5 × 0.085 = 104.9325 → 104.93
      ["T1", "294.93", "250.00", "0.00", "294.93"],
      // 175.00 + 1234.5 × 0.078 = 96.291 → 96.29; top-up 1000 − 271.29
      ["T2", "271.29", "1000.00", "728.71", "1000.00"],
    ]);
    expect(estimate.cheapest).toBe("T1");
    expect(estimate.tiers.filter((t) => t.isCheapest).map((t) => t.code)).toEqual(["T1"]);
    expect(estimate.tiers[0]?.lines).toEqual([
      { sku: "storage", quantity: "1234.5000", unitPrice: "0.0950", amount: "117.28" },
      { sku: "ws", quantity: "50.0000", unitPrice: "4.2000", amount: "210.00" },
    ]);
  });

  it("with no usage every tier costs its commitment and the lowest commitment wins", () => {
    const estimate = estimateCosts(book(), { ws: "0", storage: "0" });
    expect(estimate.tiers.map((t) => t.total)).toEqual(["0.00", "250.00", "1000.00"]);
    expect(estimate.tiers.map((t) => t.topUp)).toEqual(["0.00", "250.00", "1000.00"]);
    expect(estimate.cheapest).toBe("T0");
  });

  it("on a tie picks the lower tier: the lower commitment, else the one listed first", () => {
    const promo = { code: "PROMO", name: "Promo", description: "", trialAllowed: false };
    const tiers = [...book().tiers, promo];
    // T1 and Promo share prices: 100 workstations cost 380.00 on both, above both commitments.
    expect(estimateCosts(book({ tiers }), { ws: "100" }).cheapest).toBe("PROMO");
    const twin = { ...promo, code: "T1B", name: "Tier 1 B" };
    const twins = book({
      tiers: [...book().tiers, twin],
      tierDefinitions: [...book().tierDefinitions, { code: "T1B", commitment: { USD: "250" } }],
      prices: [
        ...book().prices,
        ...book()
          .prices.filter((p) => p.tier === "T1")
          .map((p) => ({ ...p, tier: "T1B" })),
      ],
    });
    expect(estimateCosts(twins, { ws: "100" }).cheapest).toBe("T1");
  });

  it("in an FX currency uses the rounded unit price and today's rate, like an invoice", () => {
    const estimate = estimateCosts(book({ currency: "SEK" }), { storage: "1000" });
    const t1 = estimate.tiers.find((t) => t.code === "T1");
    // 1000 × 0.8883 = 888.30 (not 1000 × 0.88825 = 888.25); commitment 2612.50 → top-up 1724.20.
    expect(t1).toMatchObject({
      consumption: "888.30",
      commitment: "2612.50",
      topUp: "1724.20",
      total: "2612.50",
    });
  });

  it("marks a tier it cannot price as unavailable and never cheapest", () => {
    const estimate = estimateCosts(book({ currency: "CHF" }), { ws: "1" });
    expect(estimate.tiers.every((t) => !t.available)).toBe(true);
    expect(estimate.cheapest).toBeNull();
  });
});
